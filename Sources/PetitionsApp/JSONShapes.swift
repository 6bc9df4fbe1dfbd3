import Foundation
import PetitionsDomain
import PetitionsStore

/// A campaign as JSON (`--format json` and the API). Absent details are left out.
public struct CampaignJSON: Encodable {
    public var slug: String
    public var title: String
    public var kind: String
    public var aliases: [String]
    public var target: String?
    public var organiser: String?
    public var platformURL: String?
    public var launched: String?
    public var closed: String?
    public var goal: Int?
    public var notes: String?

    enum CodingKeys: String, CodingKey {
        case slug, title, kind, aliases, target, organiser, launched, closed, goal, notes
        case platformURL = "platform_url"
    }

    public init(_ campaign: Campaign) {
        slug = campaign.slug
        title = campaign.title
        kind = campaign.kind.rawValue
        aliases = campaign.aliases
        target = campaign.target
        organiser = campaign.organiser
        platformURL = campaign.platformURL
        launched = campaign.launched?.description
        closed = campaign.closed?.description
        goal = campaign.goal
        notes = campaign.notes
    }
}

/// An outlet as JSON. Absent details are left out.
public struct OutletJSON: Encodable {
    public var slug: String
    public var name: String
    public var kind: String
    public var homeURL: String?
    public var language: String?
    public var country: String?

    enum CodingKeys: String, CodingKey {
        case slug, name, kind, language, country
        case homeURL = "home_url"
    }

    public init(_ outlet: Outlet) {
        slug = outlet.slug
        name = outlet.name
        kind = outlet.kind.rawValue
        homeURL = outlet.homeURL
        language = outlet.language
        country = outlet.country
    }
}

/// A campaign in a list: the campaign's keys, then what outlets reported, how many outlets, and
/// the platform's latest count (null when it is not tracked).
public typealias CampaignSummaryJSON = Merged<CampaignJSON, CampaignCountsJSON>

public struct CampaignCountsJSON: Encodable {
    var figures: Int
    var outlets: Int
    var latest_as_of: Nullable<String>
    var platform: Nullable<Platform>

    struct Platform: Encodable {
        var outlet: String
        var value: Int
        var as_of: String
    }
}

extension Merged where Base == CampaignJSON, More == CampaignCountsJSON {
    public init(_ summary: CampaignStore.Summary) {
        let platform = summary.platform.map { CampaignCountsJSON.Platform(outlet: $0.outlet, value: $0.value, as_of: TimeFormatting.iso($0.asOf)) }
        self.init(
            CampaignJSON(summary.campaign),
            CampaignCountsJSON(
                figures: summary.figures, outlets: summary.outlets, latest_as_of: Nullable(summary.latestAsOf.map(TimeFormatting.iso)),
                platform: Nullable(platform)))
    }
}

/// A figure as JSON: the fields `export figures` writes (`FigureRecord.columns`), with numbers as
/// numbers; absent details are left out.
public struct FigureJSON: Encodable {
    public var id: Int
    public var campaign: String
    public var outlet: String
    public var metric: String
    public var value: Int
    public var high: Int?
    public var qualifier: String
    public var asOf: String
    public var published: String?
    public var recorded: String
    public var url: String?
    public var quote: String?
    public var language: String?
    public var method: String
    public var enteredBy: String
    public var note: String?
    public var supersedes: Int?
    public var status: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, campaign, outlet, metric, value, high, qualifier, published, recorded, url, quote, language, method, note, supersedes, status
        case asOf = "as_of"
        case enteredBy = "entered_by"
    }

    public init(_ figure: ReportedFigure) {
        let draft = figure.draft
        id = figure.id
        campaign = draft.campaign
        outlet = draft.outlet
        metric = draft.metric.rawValue
        value = draft.value
        high = draft.high
        qualifier = draft.qualifier.rawValue
        asOf = TimeFormatting.iso(draft.asOf)
        published = draft.published.map(TimeFormatting.iso)
        recorded = TimeFormatting.iso(figure.recorded)
        url = draft.sourceURL
        quote = draft.quote
        language = draft.language
        method = draft.method.rawValue
        enteredBy = figure.enteredBy
        note = draft.note
        supersedes = figure.supersedes
        status = figure.status.rawValue
    }

    /// Every key a figure can have, for the test that holds them to `FigureRecord.columns`.
    public static var keys: [String] { CodingKeys.allCases.map(\.stringValue) }
}

/// An outlet in a list: the outlet's keys, then how many current figures it reported for how
/// many campaigns.
public typealias OutletSummaryJSON = Merged<OutletJSON, OutletCountsJSON>

public struct OutletCountsJSON: Encodable {
    var figures: Int
    var campaigns: Int
}

extension Merged where Base == OutletJSON, More == OutletCountsJSON {
    public init(_ summary: OutletStore.Summary) {
        self.init(OutletJSON(summary.outlet), OutletCountsJSON(figures: summary.figures, campaigns: summary.campaigns))
    }
}
