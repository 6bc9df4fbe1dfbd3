import Foundation
import PetitionsDomain

/// An invented list of signatories for the bundled open letter, so `reconcile` has something to
/// show. Every name is made up and reads as made up ("Cobalt Heron"); nothing here is about real
/// people. The shape follows the reports: 16 authors, about 600 signatures, about 380 verified.
public enum DemoSignatories {
    public static let campaign = "dear-corporate-ai-overlords"
    public static let source = "invented demo list"

    static let adjectives = [
        "Cobalt", "Amber", "Velvet", "Saffron", "Indigo", "Copper", "Juniper", "Marble", "Obsidian", "Pewter", "Quartz", "Russet",
        "Sable", "Teal", "Umber", "Vermilion", "Willow", "Ashen", "Bramble", "Cinder", "Dusky", "Ember", "Fennel", "Garnet",
    ]
    static let nouns = [
        "Heron", "Quill", "Lantern", "Moth", "Otter", "Kestrel", "Fern", "Comet", "Harbor", "Thistle", "Wren", "Easel",
        "Palette", "Sketch", "Kiln", "Loom", "Prism", "Gouache", "Charcoal", "Stencil", "Mosaic", "Vellum", "Sepia", "Canvas",
    ]
    static let crafts = ["Illustrator", "Animator", "Filmmaker", "Concept artist", "Sound designer", "Painter"]
    static let countries = ["US", "GB", "FR", "IT", "JP", "DE", "ID", "BR", "CA", "ES"]

    public static let header = ["name", "role", "affiliation", "country", "signed_at", "visibility", "status"]

    /// The rows of the list, in file order.
    public static var rows: [[String]] {
        var rows: [[String]] = []
        let start = TimeFormatting.parse("2024-11-26T14:00Z")!
        func time(_ index: Int) -> String { TimeFormatting.iso(start.addingTimeInterval(Double(index) * 97)) }
        // The 16 authors, confirmed by the organisers.
        for index in 0..<16 {
            rows.append([
                "\(adjectives[index]) \(nouns[index])", "author", "\(crafts[index % crafts.count]) (sample)", countries[index % countries.count],
                time(index), "public", "confirmed_by_organiser",
            ])
        }
        // 404 named signatories: 359 confirmed, 3 disputed, 2 removed, the rest unverified or self-asserted.
        var named = 0
        outer: for first in adjectives.indices {
            // Skip the 16 authors' names (adjective k with noun k).
            for second in nouns.indices where !((first + 5) % adjectives.count == second && second < 16) {
                let index = rows.count
                let status: String =
                    switch named {
                    case ..<359: "confirmed_by_organiser"
                    case 359..<362: "disputed"
                    case 362..<364: "removed"
                    case 364..<390: "self_asserted"
                    default: "unverified"
                    }
                rows.append([
                    "\(adjectives[(first + 5) % adjectives.count]) \(nouns[second])", "signatory", crafts[(first + second) % crafts.count] + " (sample)",
                    countries[(first * 7 + second) % countries.count], time(index), "public", status,
                ])
                named += 1
                if named == 406 { break outer }  // 404 counted, 2 removed
            }
        }
        // A likely duplicate (same letters, same affiliation) and a watch-list name.
        rows[30][0] = rows[29][0].replacingOccurrences(of: " ", with: "-")
        rows[30][2] = rows[29][2]
        rows[40][0] = watchedName
        // 170 anonymous signatories: counted, not named.
        for index in 0..<170 {
            rows.append(["", "signatory", "", countries[index % countries.count], time(rows.count), "anonymous", "unverified"])
        }
        return rows
    }

    /// A made-up well-known name on the demo's watch list.
    public static let watchedName = "Famous Film Director (sample)"

    /// Loads the watch-list entry and the list; running it again adds nothing.
    @discardableResult
    public static func load(into repository: Repository, actor: String = "petitions-demo") throws -> SignatoryImportResult {
        if try !repository.signatories.watchList().contains(where: { $0.name == watchedName }) {
            try repository.signatories.watch(watchedName, note: "invented for the demo: a famous name to verify before counting", actor: actor)
        }
        let columns = try SignatoryColumns(header: header)
        var iterator = rows.enumerated().makeIterator()
        return try repository.signatories.importList(
            campaign: campaign, columns: columns,
            records: {
                iterator.next().map { SignatoryRecord(line: $0.offset + 2, fields: $0.element) }
            }, source: source, actor: actor)
    }
}
