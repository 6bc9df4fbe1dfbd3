import Foundation
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

    static func json(_ entry: Signatory) -> [String: Any] {
        [
            "id": entry.id, "campaign": entry.campaign, "name": entry.name ?? NSNull(), "shown_name": entry.shownName, "role": entry.role.rawValue,
            "affiliation": entry.affiliation ?? NSNull(), "country": entry.country ?? NSNull(),
            "signed_at": entry.signedAt.map(TimeFormatting.iso) ?? NSNull(), "source": entry.source ?? NSNull(),
            "visibility": entry.visibility.rawValue, "status": entry.status.rawValue,
            "erased_at": entry.erasedAt.map(TimeFormatting.iso) ?? NSNull(), "added_at": TimeFormatting.iso(entry.addedAt),
        ]
    }
}
