/// What the HTML report's template shows, as types: the template's tags name these properties (a
/// test checks that every tag does). Text that would be empty is nil, so that the template's
/// `{{#quote}}` sections vanish when there is nothing to show.
struct ReportView {
    var title: String
    var generated: String
    var source: String
    var zone: String
    var figureLinks: Bool
    var figureBase: String
    var zoneForm: String
    var links: [Link]
    var hasLinks: Bool
    var css: String
    var multiple: Bool
    var campaigns: [CampaignView]
    var qualifiers: String
    var flags: String
    var verdicts: String
    var bucketWords: String

    struct Link {
        var label: String
        var href: String
    }

    struct ChartView {
        var id: String
        var caption: String
        var svg: String
        var narrowSVG: String
    }

    struct Fact {
        var term: String
        var value: String
    }

    struct CampaignView {
        var slug: String
        var title: String
        var kind: String
        var facts: [Fact]
        var glance: [String]
        var hasGlance: Bool
        var charts: [ChartView]
        var metrics: [MetricView]
        var campaignNotes: String?
        var growth: GrowthView? = nil
        var projectionNote: String? = nil
        var projections: [ProjectionRow]? = nil
        var hasProjections: Bool? = nil
        var projectionMethod: String? = nil
        var firstReports: [FirstReport] = []
        var hasFirstReports = false
        var lags: [Lag] = []
        var hasLags = false
        var provenance: [Provenance] = []
        var hasProvenance = false
    }

    struct GrowthView {
        var summary: String
        var basis: String?
        var stepHeader: String
        var steps: [Step]
        var hasSteps: Bool
        var falls: [Fall]
        var hasFalls: Bool
        var stepsOmitted: String?
    }

    struct Step {
        var bucket: String
        var value: String
        var fell: Bool
        var gained: String
        var rate: String
    }

    struct Fall {
        var at: String
        var from: String
        var to: String
        var lost: String
    }

    struct MetricView {
        var name: String
        var summary: String
        var tracked: Bool
        var rows: [Row]
        var notes: [Note]
        var hasNotes: Bool
    }

    struct Row {
        var id: String
        var outlet: String
        var reported: String
        var allows: String
        var asOf: String
        var published: String
        var flags: [String]
        var tracked: Bool
        var verdict: String
        var verdictClass: String
    }

    struct Note {
        var id: String
        var flag: String
        var explanation: String
    }

    struct ProjectionRow {
        var target: String
        var when: String
        var range: String
    }

    struct FirstReport {
        var number: String
        var first: String
        var out: String
        var repeats: String
    }

    struct Lag {
        var id: String
        var outlet: String
        var reported: String
        var out: String
        var platformValue: String
        var behindBy: String
        var timeBehind: String
    }

    struct Provenance {
        var id: String
        var outlet: String
        var metric: String
        var reported: String
        var asOf: String
        var published: String
        var recorded: String
        var status: String
        var statusNote: String?
        var quote: String?
        var note: String?
        var url: String?
        var host: String?
    }
}

extension Optional where Wrapped == String {
    /// The text, or nil when there is none or it is empty.
    var nonEmpty: String? { self?.isEmpty == false ? self : nil }
}

extension String {
    /// The text, or nil when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
