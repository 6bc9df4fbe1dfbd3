import Foundation
import PetitionsApp
import PetitionsDomain

/// How signatories print, in tables and in JSON.
enum SignatoryShapes {
    static let header = ["id", "name", "role", "affiliation", "country", "status", "signed"]

    static func row(_ entry: Signatory) -> [String] {
        [
            String(entry.id), entry.shownName, entry.role.rawValue, entry.affiliation ?? "", entry.country ?? "", entry.status.rawValue,
            entry.signedAt.map(TimeFormatting.short) ?? "",
        ]
    }

}

/// A signatory as JSON: every key present, null where the list gave nothing (or the entry was erased).
struct SignatoryJSON: Encodable {
    var id: Int
    var campaign: String
    var name: Nullable<String>
    var shown_name: String
    var role: String
    var affiliation: Nullable<String>
    var country: Nullable<String>
    var signed_at: Nullable<String>
    var source: Nullable<String>
    var visibility: String
    var status: String
    var erased_at: Nullable<String>
    var added_at: String

    init(_ entry: Signatory) {
        id = entry.id
        campaign = entry.campaign
        name = Nullable(entry.name)
        shown_name = entry.shownName
        role = entry.role.rawValue
        affiliation = Nullable(entry.affiliation)
        country = Nullable(entry.country)
        signed_at = Nullable(entry.signedAt.map(TimeFormatting.iso))
        source = Nullable(entry.source)
        visibility = entry.visibility.rawValue
        status = entry.status.rawValue
        erased_at = Nullable(entry.erasedAt.map(TimeFormatting.iso))
        added_at = TimeFormatting.iso(entry.addedAt)
    }
}

/// A signatory's verification history (`signatory show --format json`: the signatory's keys,
/// then `history`).
struct SignatoryHistoryJSON: Encodable {
    var history: [Change]

    struct Change: Encodable {
        var from: Nullable<String>
        var to: String
        var reason: Nullable<String>
        var by: String
        var at: String
    }
}

/// A group of likely duplicates, or the entries matching a watched name.
struct DuplicateGroupJSON: Encodable {
    var reason: String
    var watched: Nullable<String>
    var members: [SignatoryJSON]
}

/// A watched name.
struct WatchEntryJSON: Encodable {
    var name: String
    var note: Nullable<String>
    var added_by: String
    var added_at: String
}
