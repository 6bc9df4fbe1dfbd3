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

/// Objects for `--format json` and the API, from the typed shapes above (and, for figures, the
/// fields `FigureRecord` writes).
public enum JSONShapes {
    public static func campaign(_ campaign: Campaign) -> [String: Any] { JSONTree.object(CampaignJSON(campaign)) }

    public static func outlet(_ outlet: Outlet) -> [String: Any] { JSONTree.object(OutletJSON(outlet)) }

    public static func figure(_ figure: ReportedFigure) -> [String: Any] {
        var object: [String: Any] = [:]
        for (key, value) in FigureRecord.fields(of: figure) {
            object[key] = ["id", "value", "high", "supersedes"].contains(key) ? (Int(value) as Any) : value
        }
        return object
    }

    /// A campaign in a list: what outlets reported, how many outlets, and the platform's latest count.
    public static func campaignSummary(_ summary: CampaignStore.Summary) -> [String: Any] { JSONTree.object(CampaignSummaryJSON(summary)) }
}
