import Foundation
import PetitionsDomain
import PetitionsStore

/// Objects for `--format json`, with snake_case keys and omitted nulls.
public enum JSONShapes {
    public static func campaign(_ campaign: Campaign) -> [String: Any] {
        var object: [String: Any] = ["slug": campaign.slug, "title": campaign.title, "kind": campaign.kind.rawValue, "aliases": campaign.aliases]
        object["target"] = campaign.target
        object["organiser"] = campaign.organiser
        object["platform_url"] = campaign.platformURL
        object["launched"] = campaign.launched?.description
        object["closed"] = campaign.closed?.description
        object["goal"] = campaign.goal
        object["notes"] = campaign.notes
        return object
    }

    public static func outlet(_ outlet: Outlet) -> [String: Any] {
        var object: [String: Any] = ["slug": outlet.slug, "name": outlet.name, "kind": outlet.kind.rawValue]
        object["home_url"] = outlet.homeURL
        object["language"] = outlet.language
        object["country"] = outlet.country
        return object
    }

    public static func figure(_ figure: ReportedFigure) -> [String: Any] {
        var object: [String: Any] = [:]
        for (key, value) in FigureRecord.fields(of: figure) {
            object[key] = ["id", "value", "high", "supersedes"].contains(key) ? (Int(value) as Any) : value
        }
        return object
    }

    /// A campaign in a list: what outlets reported, how many outlets, and the platform's latest count.
    public static func campaignSummary(_ summary: Repository.CampaignSummary) -> [String: Any] {
        var object = campaign(summary.campaign)
        object["figures"] = summary.figures
        object["outlets"] = summary.outlets
        object["latest_as_of"] = summary.latestAsOf.map(TimeFormatting.iso) ?? NSNull()
        object["platform"] =
            summary.platform.map { ["outlet": $0.outlet, "value": $0.value, "as_of": TimeFormatting.iso($0.asOf)] as [String: Any] } ?? NSNull()
        return object
    }
}
