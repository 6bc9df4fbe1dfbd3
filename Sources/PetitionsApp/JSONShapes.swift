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

/// A campaign in a list: the campaign, what outlets reported, how many outlets, and the platform's
/// latest count (null when it is not tracked).
public struct CampaignSummaryJSON: Encodable {
    public var campaign: CampaignJSON
    public var figures: Int
    public var outlets: Int
    public var latestAsOf: Nullable<String>
    public var platform: Nullable<Platform>

    public struct Platform: Encodable {
        public var outlet: String
        public var value: Int
        public var asOf: String
        enum CodingKeys: String, CodingKey {
            case outlet, value
            case asOf = "as_of"
        }
    }

    enum CodingKeys: String, CodingKey {
        case figures, outlets, platform
        case latestAsOf = "latest_as_of"
    }

    public init(_ summary: CampaignStore.Summary) {
        campaign = CampaignJSON(summary.campaign)
        figures = summary.figures
        outlets = summary.outlets
        latestAsOf = Nullable(summary.latestAsOf.map(TimeFormatting.iso))
        platform = Nullable(summary.platform.map { Platform(outlet: $0.outlet, value: $0.value, asOf: TimeFormatting.iso($0.asOf)) })
    }

    /// The campaign's keys and the summary's, in one object.
    public func encode(to encoder: any Encoder) throws {
        try campaign.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(figures, forKey: .figures)
        try container.encode(outlets, forKey: .outlets)
        try container.encode(latestAsOf, forKey: .latestAsOf)
        try container.encode(platform, forKey: .platform)
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

/// An outlet in a list: the outlet, with how many current figures it reported for how many campaigns.
public struct OutletSummaryJSON: Encodable {
    public var outlet: OutletJSON
    public var figures: Int
    public var campaigns: Int

    enum CodingKeys: String, CodingKey { case figures, campaigns }

    public init(_ summary: OutletStore.Summary) {
        outlet = OutletJSON(summary.outlet)
        figures = summary.figures
        campaigns = summary.campaigns
    }

    /// The outlet's keys and the counts, in one object.
    public func encode(to encoder: any Encoder) throws {
        try outlet.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(figures, forKey: .figures)
        try container.encode(campaigns, forKey: .campaigns)
    }
}
