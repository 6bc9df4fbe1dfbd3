import Foundation

/// Which column of a list holds which field, and the defaults for fields a list does not have.
public struct SignatoryColumns: Sendable, Hashable {
    public enum Field: String, CaseIterable, Sendable {
        // Declared in the order a header lists them when none is given (JSON lines).
        case name, role, affiliation, country
        case signedAt = "signed_at"
        case source, visibility, status

        /// Header names recognised without a mapping (compared ignoring case, spaces, `-` and `_`).
        var aliases: [String] {
            switch self {
            case .name: ["name", "full name", "display name", "signatory", "signer"]
            case .role: ["role"]
            case .affiliation: ["affiliation", "organisation", "organization", "title", "occupation"]
            case .country: ["country", "country code"]
            case .signedAt: ["signed at", "signed", "date", "timestamp", "signed on"]
            case .source: ["source", "url", "link"]
            case .visibility: ["visibility", "public"]
            case .status: ["status", "verification", "verification status"]
            }
        }
    }

    /// Field → column index.
    public private(set) var index: [Field: Int] = [:]
    /// Header columns no field uses.
    public private(set) var ignored: [String] = []
    public var defaultRole: SignatoryRole
    public var defaultVisibility: Visibility
    public var defaultStatus: VerificationStatus

    static func simplify(_ header: String) -> String {
        header.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").joined(separator: " ")
    }

    /// Maps a header.
    /// - Parameter overrides: field name → header, for columns with other names (`name=Full Name`).
    /// - Throws: `ValidationFailure` naming unknown fields, missing headers, and a missing name column.
    public init(
        header: [String], overrides: [String: String] = [:], defaultRole: SignatoryRole = .signatory,
        defaultVisibility: Visibility = .public, defaultStatus: VerificationStatus = .unverified
    ) throws(ValidationFailure) {
        self.defaultRole = defaultRole
        self.defaultVisibility = defaultVisibility
        self.defaultStatus = defaultStatus
        var problems: [DomainError] = []
        let simplified = header.map(Self.simplify)
        for (fieldName, column) in overrides {
            guard let field = Field(rawValue: fieldName) else {
                problems.append(.unknownWord(field: "column mapping field", value: fieldName, allowed: Field.allCases.map(\.rawValue)))
                continue
            }
            guard let position = simplified.firstIndex(of: Self.simplify(column)) else {
                problems.append(.invalid(field: "--column \(fieldName)", reason: "no column \"\(column)\" in the header (\(header.joined(separator: ", ")))"))
                continue
            }
            index[field] = position
        }
        for field in Field.allCases where index[field] == nil {
            if let position = simplified.firstIndex(where: { field.aliases.contains($0) }), !index.values.contains(position) { index[field] = position }
        }
        if index[.name] == nil && defaultVisibility == .public {
            problems.append(
                .invalid(
                    field: "header", reason: "no name column (looked for \(Field.name.aliases.joined(separator: ", "))); map one with --column name=HEADER"))
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        let used = Set(index.values)
        ignored = header.indices.filter { !used.contains($0) }.map { header[$0] }
    }

    /// One list entry as a draft, or what is wrong with it.
    public func draft(_ fields: [String]) -> Result<SignatoryDraft, ValidationFailure> {
        func value(_ field: Field) -> String? {
            guard let position = index[field], position < fields.count else { return nil }
            let text = fields[position].trimmedOfWhitespace
            return text.isEmpty ? nil : text
        }
        var problems: [DomainError] = []
        func word<W: VocabularyWord>(_ field: Field, _ fallback: W) -> W {
            guard let text = value(field) else { return fallback }
            do { return try W.parse(text) } catch { problems.append(error); return fallback }
        }
        var visibility: Visibility = defaultVisibility
        if let text = value(.visibility) {
            // Yes/no columns ("public: no") as well as the words.
            switch text.lowercased() {
            case "yes", "true", "1", "y": visibility = .public
            case "no", "false", "0", "n": visibility = .anonymous
            default: visibility = word(.visibility, defaultVisibility)
            }
        }
        var signedAt: Date?
        if let text = value(.signedAt) {
            signedAt = FastTime.parse(text)
            if signedAt == nil {
                problems.append(
                    .invalid(field: "signed_at", reason: "\"\(text)\" is not an ISO 8601 date or date-time such as 2024-11-26 or 2024-11-26T14:30Z"))
            }
        }
        let draft = SignatoryDraft(
            name: visibility == .anonymous ? nil : value(.name), role: word(.role, defaultRole),
            affiliation: visibility == .anonymous ? nil : value(.affiliation), country: value(.country)?.uppercased(), signedAt: signedAt,
            source: value(.source), visibility: visibility, status: word(.status, defaultStatus))
        problems += draft.problems()
        return problems.isEmpty ? .success(draft) : .failure(ValidationFailure(problems))
    }
}

/// ISO 8601 times read without a formatter (a million of them in an import): `2024-11-26`,
/// `2024-11-26T14:30`, `2024-11-26 14:30:05Z`, `2024-11-26T14:30:05.25+01:00`. No offset means UTC.
public enum FastTime {
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86400
        var position = 10
        if position < bytes.count {
            guard bytes[position] == 0x54 || bytes[position] == 0x20, let hour = number(position + 1, 2), bytes.count > position + 3,
                bytes[position + 3] == 0x3A,
                let minute = number(position + 4, 2), hour < 24, minute < 60
            else { return nil }
            seconds += Double(hour * 3600 + minute * 60)
            position += 6
            if position < bytes.count, bytes[position] == 0x3A {
                guard let second = number(position + 1, 2), second < 61 else { return nil }
                seconds += Double(second)
                position += 3
                if position < bytes.count, bytes[position] == 0x2E {
                    var scale = 0.1
                    position += 1
                    let start = position
                    while position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 {
                        seconds += Double(bytes[position] - 0x30) * scale
                        scale /= 10
                        position += 1
                    }
                    guard position > start else { return nil }
                }
            }
            if position < bytes.count {
                switch bytes[position] {
                case 0x5A where position + 1 == bytes.count: position += 1
                case 0x2B, 0x2D:
                    let sign: Double = bytes[position] == 0x2B ? 1 : -1
                    guard let offsetHours = number(position + 1, 2) else { return nil }
                    var offset = offsetHours * 3600
                    var end = position + 3
                    if end < bytes.count {
                        if bytes[end] == 0x3A { end += 1 }
                        guard let offsetMinutes = number(end, 2) else { return nil }
                        offset += offsetMinutes * 60
                        end += 2
                    }
                    guard end == bytes.count, offsetHours < 24 else { return nil }
                    seconds -= sign * Double(offset)
                    position = end
                default: return nil
                }
            }
        }
        return Date(timeIntervalSince1970: seconds)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's days-to-civil, valid
    /// for every proleptic Gregorian date; year 0 is 1 BC).
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
