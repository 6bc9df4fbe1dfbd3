import Foundation
import PetitionsDomain

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
}
