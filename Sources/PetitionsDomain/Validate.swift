import Foundation

/// Field checks shared by the models. Each returns the problem, or nil when the value is fine.
public enum Validate {
    /// The longest free text each field takes, in characters; the database checks the same.
    public enum Limit {
        public static let title = 300
        public static let shortText = 300
        public static let note = 2000
        public static let notes = 5000
        public static let url = 2000
        public static let aliases = 50
        public static let reason = 1000
        /// Who acted (`--actor`): shown publicly beside what they did.
        public static let actor = 200
        /// The largest count anything may hold: a figure's value and high end, a goal, a
        /// threshold, a polled count. No petition has had more than a few hundred million
        /// signers; a larger number is a mistake or a plant, and refusing it keeps every sum and
        /// interval of counts far from `Int`'s overflow.
        public static let count = 1_000_000_000
    }

    /// A problem with a count above `Limit.count` (negative counts are checked where they are read).
    public static func count(_ value: Int?, field: String) -> DomainError? {
        guard let value, value > Limit.count else { return nil }
        return .invalid(field: field, reason: countReason(value))
    }

    /// Why a count above `Limit.count` is refused, in words a reader can act on.
    public static func countReason(_ value: Int) -> String { countReason(shown: NumberFormatting.grouped(value)) }

    /// Like `countReason(_:)`, for a number as written (one too large for any integer type).
    public static func countReason(shown: String) -> String {
        "\(shown) is above \(NumberFormatting.grouped(Limit.count)), the largest count accepted (no petition has had a billion signers); check the number"
    }

    /// The earliest time a figure may be as of (or published at).
    public static let earliestTime = Date(timeIntervalSince1970: -5_364_662_400)  // 1800-01-01T00:00:00Z
    /// How far ahead of the clock a time may be (clock skew between machines).
    public static let clockSkew: TimeInterval = 600

    /// A problem with free text longer than `limit` characters.
    public static func length(_ text: String?, _ limit: Int, field: String) -> DomainError? {
        guard let text, text.count > limit else { return nil }
        return .invalid(field: field, reason: "\(text.count) characters; at most \(limit)")
    }

    /// Refuses free text over its limit before anything is written: each field as (text, limit,
    /// name). Reasons, notes and the actor are stored and shown (the actor publicly).
    public static func bounded(_ fields: (text: String?, limit: Int, field: String)...) throws(ValidationFailure) {
        let problems = fields.compactMap { length($0.text, $0.limit, field: $0.field) }
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }

    /// A problem with a time before 1800 or later than `now` (plus the clock-skew allowance).
    public static func time(_ date: Date?, field: String, now: Date) -> DomainError? {
        guard let date else { return nil }
        if date < earliestTime {
            return .invalid(field: field, reason: "\(TimeFormatting.iso(date)) is before 1800; check the year")
        }
        if date > now.addingTimeInterval(clockSkew) {
            return .invalid(
                field: field,
                reason: "\(TimeFormatting.iso(date)) is in the future (it is now \(TimeFormatting.iso(now))); a count cannot be reported before it happens")
        }
        return nil
    }

    /// Lowercase letters, digits and single hyphens, 1–64 characters: `washington-post`.
    public static func slug(_ slug: String, field: String) -> DomainError? {
        let allowed = slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if slug.isEmpty || slug.count > 64 || !allowed || slug.hasPrefix("-") || slug.hasSuffix("-") || slug.contains("--") {
            let suggestion = Slug.make(from: slug)
            return .invalid(
                field: field,
                reason: "\"\(slug)\" is not a slug: use 1–64 lowercase letters, digits and single hyphens"
                    + (suggestion.isEmpty || suggestion == slug ? "" : ", such as \"\(suggestion)\""))
        }
        return nil
    }

    /// An absolute http or https URL with a host.
    public static func url(_ text: String, field: String) -> DomainError? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty, !text.contains(" ")
        else {
            return .invalid(field: field, reason: "\"\(text)\" is not an http(s) URL such as https://example.org/article")
        }
        return nil
    }

    /// A BCP 47 tag such as `en`, `pt-BR`, `zh-Hans`.
    public static func language(_ tag: String) -> DomainError? {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        let primaryOK = parts.first.map { (2...3).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isLowercase } } ?? false
        let restOK = parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        return primaryOK && restOK ? nil : .invalid(field: "language", reason: "\"\(tag)\" is not a language tag such as en, fr, pt-BR")
    }
}

public enum Slug {
    /// A slug made from free text: "Washington Post" → "washington-post".
    public static func make(from text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return String(slug.prefix(64))
    }

    /// The candidate closest to `slug`, when it is close enough to be what was meant.
    public static func closest(to slug: String, in candidates: [String]) -> String? {
        let scored = candidates.map { candidate -> (String, Int) in
            var distance = editDistance(slug, candidate)
            if candidate.hasPrefix(slug) || slug.hasPrefix(candidate) || candidate.contains(slug) { distance = min(distance, 2) }
            return (candidate, distance)
        }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        // Close enough: a typo, an abbreviation that starts the same way ("washpost"), or a part of
        // the name ("guardian" for "the-guardian").
        let longer = max(slug.count, best.0.count)
        let part = slug.count >= 3 && best.0.contains(slug)
        return best.1 <= max(2, longer / 2) && (best.0.first == slug.first || part) ? best.0 : nil
    }

    /// Levenshtein distance over characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Times as people type them and as the tool prints them (always UTC).
public enum TimeFormatting {
    /// Parses ISO 8601 dates and date-times: `2024-11-26` (midnight UTC), `2024-11-26T14:30`,
    /// `2024-11-26 14:30:05Z`, `2024-11-26T14:30:05.250+01:00`. A time without an offset is UTC.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let day = Day.parse(trimmed) { return day.startUTC }
        var normalized = trimmed.replacingOccurrences(of: " ", with: "T")
        guard normalized.count >= 16, let tIndex = normalized.firstIndex(of: "T"), Day.parse(String(normalized[..<tIndex])) != nil else { return nil }
        let timePart = normalized[normalized.index(after: tIndex)...]
        let hasOffset = timePart.hasSuffix("Z") || timePart.contains("+") || timePart.contains("-")
        if !hasOffset { normalized += "Z" }
        // Add seconds when missing: 14:30Z → 14:30:00Z.
        if let match = normalized.range(of: #"T\d{2}:\d{2}(?=[Z+-])"#, options: .regularExpression) {
            normalized.insert(contentsOf: ":00", at: match.upperBound)
        }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: normalized) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: normalized)
    }

    /// `2024-11-26T14:30:00Z`. Computed from the seconds (the civil-from-days algorithm), not with
    /// a `DateFormatter`: reports and trends print thousands of times, and a formatter per call was
    /// most of a report's time. Seconds are truncated, as `ISO8601DateFormatter` does.
    public static func iso(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let clock = seconds - days * 86400
        let (year, month, day) = FastTime.civil(days: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let yearText = year >= 0 && year < 10000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(clock / 3600)):\(two(clock / 60 % 60)):\(two(clock % 60))Z"
    }

    /// The zone `day` and `short` write times in: UTC unless a caller sets one for a task (the web
    /// service does, for a reader's `?tz=`). `iso` is always UTC.
    @TaskLocal public static var displayZone: TimeZone?

    /// "UTC", or the display zone's IANA name.
    public static var zoneLabel: String {
        guard let zone = displayZone, zone.identifier != "GMT", zone.identifier != "UTC" else { return "UTC" }
        return zone.identifier
    }

    /// The wall-clock time in the display zone, as the ISO text of a UTC instant.
    private static func wall(_ date: Date) -> String {
        guard let zone = displayZone else { return iso(date) }
        return iso(date.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: date))))
    }

    /// `2024-11-26` (UTC, or the display zone).
    public static func day(_ date: Date) -> String { String(wall(date).prefix(10)) }

    /// `2024-11-26 14:30` (UTC, or the display zone), for tables.
    public static func short(_ date: Date) -> String {
        String(wall(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// `3 d`, `5 h`, `12 min`, `20 s`, for ages and gaps.
    public static func duration(_ seconds: TimeInterval) -> String {
        let magnitude = abs(seconds)
        if magnitude >= 2 * 86400 { return "\(Int((magnitude / 86400).rounded())) d" }
        if magnitude >= 2 * 3600 { return "\(Int((magnitude / 3600).rounded())) h" }
        if magnitude < 90 { return "\(Int(magnitude.rounded())) s" }
        return "\(Int((magnitude / 60).rounded())) min"
    }

    /// Parses `500ms`, `90s`, `30m`, `12h`, `2d`, `1w` into seconds.
    public static func parseDuration(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400), ("w", 7 * 86400)]
        guard let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }),
            let number = Double(trimmed.dropLast(unit.suffix.count)), number.isFinite, number >= 0
        else { return nil }
        // "inf" and "1e300" are numbers to Double; a duration past a century is a typo, and would
        // trap where it becomes a whole number of seconds or milliseconds.
        let seconds = number * unit.seconds
        return seconds <= maximumDuration ? seconds : nil
    }

    /// The longest duration `parseDuration` accepts: a hundred years.
    public static let maximumDuration: TimeInterval = 100 * 365.25 * 86400
}
