import Foundation

public enum SignatoryRole: String, VocabularyWord {
    case author, signatory
    public static let vocabularyName = "role"
}

/// Whether a signatory's name may be shown.
public enum Visibility: String, VocabularyWord {
    case `public`
    /// Counted but not named.
    case anonymous
    public static let vocabularyName = "visibility"
}

public enum VerificationStatus: String, VocabularyWord {
    case unverified
    /// The signatory says so (a confirmation email, a signed form).
    case selfAsserted = "self_asserted"
    case confirmedByOrganiser = "confirmed_by_organiser"
    /// Checked by someone other than the organisers (a journalist, a fact-checker).
    case confirmedIndependently = "confirmed_independently"
    case disputed
    /// Taken off the list (fake, withdrawn): kept for the record, not counted.
    case removed
    public static let vocabularyName = "verification status"

    /// Counts as verified when comparing with reported `verified_signatures`.
    public var isConfirmed: Bool { self == .confirmedByOrganiser || self == .confirmedIndependently }
}

/// Keys for matching names across spellings and scripts.
///
/// - `key`: Unicode NFKC (full-width and half-width forms folded, ligatures split), case-folded,
///   whitespace of any kind collapsed to one space, invisible characters dropped. "ＹＡＭＡＤＡ　Ｔａｒｏ"
///   and "yamada taro" share it.
/// - `looseKey`: the key without Latin, Greek and Cyrillic accents (combining marks U+0300–U+036F),
///   for accent-insensitive matching when asked: "José Müller" ~ "jose muller". Japanese voicing
///   marks (U+3099, U+309A) are kept: ダ and タ are different sounds, not accents.
/// - `skeleton`: the loose key with letters and digits only, so "J. Smith-Jones" ~ "J Smith Jones".
public struct NameKeys: Hashable, Sendable {
    public var key: String
    public var looseKey: String
    public var skeleton: String

    public init(_ name: String) {
        // ASCII names (most of any list) take a fast path with the same result.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var key: [UInt8] = []
            key.reserveCapacity(name.utf8.count)
            var skeleton: [UInt8] = []
            skeleton.reserveCapacity(name.utf8.count)
            var pendingSpace = false
            for byte in name.utf8 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !key.isEmpty
                    continue
                }
                if pendingSpace { key.append(0x20); pendingSpace = false }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                key.append(lower)
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) { skeleton.append(lower) }
            }
            self.key = String(decoding: key, as: UTF8.self)
            self.looseKey = self.key
            self.skeleton = String(decoding: skeleton, as: UTF8.self)
            return
        }
        // Invisible characters (zero-width space, word joiner, byte-order mark, soft hyphen) go first.
        let visible = String(String.UnicodeScalarView(name.unicodeScalars.filter { ![0x200B, 0x2060, 0xFEFF, 0x00AD].contains($0.value) }))
        let folded = visible.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
        let key = folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let loose = String(String.UnicodeScalarView(key.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }))
            .precomposedStringWithCanonicalMapping
        self.key = key
        self.looseKey = loose
        self.skeleton = String(
            String.UnicodeScalarView(
                loose.unicodeScalars.filter {
                    $0.properties.isAlphabetic || $0.properties.numericType != nil || (0x3099...0x309A).contains($0.value)
                }))
    }
}

/// A signatory as read from a list, before it is stored.
public struct SignatoryDraft: Sendable, Hashable {
    /// As given; nil for an anonymous signatory without a name.
    public var name: String?
    public var role: SignatoryRole
    public var affiliation: String?
    /// ISO 3166 alpha-2.
    public var country: String?
    public var signedAt: Date?
    /// Where the entry comes from: a URL, or the file it was imported from.
    public var source: String?
    public var visibility: Visibility
    public var status: VerificationStatus

    public init(
        name: String?, role: SignatoryRole = .signatory, affiliation: String? = nil, country: String? = nil, signedAt: Date? = nil,
        source: String? = nil, visibility: Visibility = .public, status: VerificationStatus = .unverified
    ) {
        self.name = name
        self.role = role
        self.affiliation = affiliation
        self.country = country
        self.signedAt = signedAt
        self.source = source
        self.visibility = visibility
        self.status = status
    }

    /// The longest name and affiliation, in characters as PostgreSQL counts them (code points):
    /// the table's CHECKs say the same, and a test compares them.
    public static let maximumNameLength = 300
    public static let maximumAffiliationLength = 500

    public func problems() -> [DomainError] {
        var problems: [DomainError] = []
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty && visibility == .public {
            problems.append(.invalid(field: "name", reason: "a public signatory needs a name (an unnamed one is visibility anonymous)"))
        }
        let (nameLength, nameLimit) = (trimmed.unicodeScalars.count, Self.maximumNameLength)
        if nameLength > nameLimit { problems.append(.invalid(field: "name", reason: "\(nameLength) characters; at most \(nameLimit)")) }
        if let length = affiliation?.unicodeScalars.count, length > Self.maximumAffiliationLength {
            problems.append(.invalid(field: "affiliation", reason: "\(length) characters; at most \(Self.maximumAffiliationLength)"))
        }
        if let country, !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isUppercase }) {
            problems.append(.invalid(field: "country", reason: "\"\(country)\" is not a two-letter ISO 3166 code such as FR, JP"))
        }
        return problems
    }
}

/// A stored signatory.
public struct Signatory: Sendable, Hashable {
    public var id: Int
    public var campaign: String
    /// Nil when anonymous or erased.
    public var name: String?
    public var role: SignatoryRole
    public var affiliation: String?
    public var country: String?
    public var signedAt: Date?
    public var source: String?
    public var visibility: Visibility
    public var status: VerificationStatus
    /// When its personal data was erased on request.
    public var erasedAt: Date?
    public var addedAt: Date

    public init(
        id: Int, campaign: String, name: String?, role: SignatoryRole, affiliation: String?, country: String?, signedAt: Date?, source: String?,
        visibility: Visibility, status: VerificationStatus, erasedAt: Date?, addedAt: Date
    ) {
        self.id = id
        self.campaign = campaign
        self.name = name
        self.role = role
        self.affiliation = affiliation
        self.country = country
        self.signedAt = signedAt
        self.source = source
        self.visibility = visibility
        self.status = status
        self.erasedAt = erasedAt
        self.addedAt = addedAt
    }

    /// The name as it may be shown: "(anonymous)" and "(erased)" stand in.
    public var shownName: String {
        if erasedAt != nil { return "(erased)" }
        if visibility == .anonymous { return name.map { _ in "(anonymous)" } ?? "(anonymous)" }
        return name ?? "(no name)"
    }
}
