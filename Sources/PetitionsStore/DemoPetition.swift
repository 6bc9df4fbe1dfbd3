import Foundation
import PetitionsDomain
import Postgres

/// An invented petition for the demo, to show the platform's own count as the reference: four
/// days of hourly polls of a made-up petition site, and made-up outlets whose figures earn each
/// verdict (consistent, rounded, behind, ahead, contradicts). Nothing here is about a real
/// petition, site or outlet; every name says so.
public enum DemoPetition {
    public static let slug = "keep-the-island-ferry"
    public static let platform = "demo-petition-site"
    static let launch = TimeFormatting.parse("2026-03-02T08:00Z")!

    public static let campaign = Campaign(
        slug: slug, title: "Keep the island ferry running (invented)", kind: .petition, target: "the transport ministry (invented)",
        organiser: "Island residents' group (invented)", launched: Day(year: 2026, month: 3, day: 2), goal: 100_000,
        notes:
            "Invented for the demo: the petition, its site, its counts and the outlets are all made up, to show how outlets' figures are judged against the platform's own polled count."
    )

    public static let outlets: [Outlet] = [
        Outlet(slug: platform, name: "Petition site (invented for the demo)", kind: .platform),
        Outlet(slug: "demo-wire", name: "Wire service (invented)", kind: .wire),
        Outlet(slug: "demo-local-paper", name: "Local paper (invented)", kind: .news),
        Outlet(slug: "demo-radio", name: "Radio station (invented)", kind: .news),
        Outlet(slug: "demo-blog", name: "Politics blog (invented)", kind: .news),
        Outlet(slug: "demo-weekly", name: "Weekly magazine (invented)", kind: .news),
        Outlet(slug: "demo-tabloid", name: "Tabloid (invented)", kind: .news),
    ]

    /// The count `hours` after launch: fast on the first day, slowing after; 600 signatures
    /// removed at hour 30 (the platform struck out duplicates).
    public static func count(atHour hours: Int) -> Int {
        let value = 34_000 * (1 - exp(-Double(hours) / 20)) + 55 * Double(hours)
        return Int(value.rounded()) - (hours >= 30 ? 600 : 0)
    }

    static func at(_ hours: Double) -> Date { launch.addingTimeInterval(hours * 3600) }

    /// Hourly polls from the first hour to hour 96.
    public static var polls: [FigureDraft] {
        (1...96).map { hour in
            FigureDraft(
                campaign: slug, outlet: platform, value: count(atHour: hour), asOf: at(Double(hour)), method: .polled,
                note: "invented poll for the demo")
        }
    }

    /// One outlet figure per verdict, each worked out from the invented count.
    public static var reports: [FigureDraft] {
        let atTen = count(atHour: 10)
        return [
            // The count at 18:00 on day one, quoted that evening: consistent.
            FigureDraft(campaign: slug, outlet: "demo-wire", value: atTen, asOf: at(10), published: at(10.5)),
            // The same count rounded down to the hundred: rounded.
            FigureDraft(campaign: slug, outlet: "demo-local-paper", value: atTen / 100 * 100, asOf: at(10.2), published: at(12)),
            // "More than" a round number just under the count: rounded.
            FigureDraft(campaign: slug, outlet: "demo-radio", value: count(atHour: 20) / 1000 * 1000, qualifier: .over, asOf: at(20.1), published: at(20.5)),
            // Day one's morning number repeated two days later: behind.
            FigureDraft(campaign: slug, outlet: "demo-blog", value: count(atHour: 6) / 1000 * 1000, qualifier: .over, asOf: at(54), published: at(55)),
            // A round number given before the count got there: ahead.
            FigureDraft(campaign: slug, outlet: "demo-weekly", value: (count(atHour: 40) / 1000 + 1) * 1000, asOf: at(30), published: at(31)),
            // A number the count never reached: contradicts.
            FigureDraft(campaign: slug, outlet: "demo-tabloid", value: 50_000, qualifier: .over, asOf: at(60), published: at(61)),
        ]
    }

    /// Loads the petition, its site's polls and the outlets' figures; running it again adds nothing.
    public static func load(into repository: Repository, actor: String = "petitions-demo") throws -> (added: Int, alreadyThere: Int) {
        try repository.db.withTransaction { db in
            let repository = Repository(db)
            if try repository.campaigns.find(slug) == nil { try repository.campaigns.add(campaign, actor: actor) }
            for outlet in outlets where try repository.outlets.find(outlet.slug) == nil { try repository.outlets.add(outlet, actor: actor) }
            let added = try repository.figures.add(polls + reports, actor: actor, skipDuplicates: true, action: "demo.load", subject: "invented petition")
            return (added.inserted.count, added.duplicates)
        }
    }
}
