import Foundation
import PetitionsDomain

/// A petition in the UK Parliament petitions JSON format (`/petitions/ID.json`).
public struct UKParliamentPetition: Sendable, Decodable {
    public struct Attributes: Sendable, Decodable {
        public var action: String?
        public var state: String
        public var signatureCount: Int
        public var openedAt: String?
        public var closedAt: String?
        public var moderationThresholdReachedAt: String?
        public var responseThresholdReachedAt: String?
        public var governmentResponseAt: String?
        public var debateThresholdReachedAt: String?
        public var scheduledDebateDate: String?
        public var debateOutcomeAt: String?
        public var signaturesByCountry: [Place]?
        public var signaturesByConstituency: [Place]?
        public var signaturesByRegion: [Place]?

        enum CodingKeys: String, CodingKey {
            case action, state
            case signatureCount = "signature_count"
            case openedAt = "opened_at"
            case closedAt = "closed_at"
            case moderationThresholdReachedAt = "moderation_threshold_reached_at"
            case responseThresholdReachedAt = "response_threshold_reached_at"
            case governmentResponseAt = "government_response_at"
            case debateThresholdReachedAt = "debate_threshold_reached_at"
            case scheduledDebateDate = "scheduled_debate_date"
            case debateOutcomeAt = "debate_outcome_at"
            case signaturesByCountry = "signatures_by_country"
            case signaturesByConstituency = "signatures_by_constituency"
            case signaturesByRegion = "signatures_by_region"
        }
    }

    /// A country, constituency or region with its signatures.
    public struct Place: Sendable, Decodable {
        public var name: String
        public var code: String?
        public var onsCode: String?
        public var signatureCount: Int
        enum CodingKeys: String, CodingKey {
            case name, code
            case onsCode = "ons_code"
            case signatureCount = "signature_count"
        }
    }

    struct Data: Decodable { var attributes: Attributes }
    var data: Data
    public var attributes: Attributes { data.attributes }

    /// Parses a body, with an error that says which field was wrong.
    public static func parse(_ body: [UInt8]) throws(SourceReadError) -> UKParliamentPetition {
        do {
            return try JSONDecoder().decode(UKParliamentPetition.self, from: Foundation.Data(body))
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            throw SourceReadError("not a UK Parliament petition: \(path) is missing (\(body.count) bytes, starting \(SourceReadError.preview(body)))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw SourceReadError("not a UK Parliament petition: \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw SourceReadError("not a UK Parliament petition: \(context.codingPath.map(\.stringValue).joined(separator: ".")) is null")
        } catch {
            throw SourceReadError("the body is not valid JSON (\(body.count) bytes, starting \(SourceReadError.preview(body)))")
        }
    }

    /// The count, the series kept over time, and flags.
    public static func read(_ body: [UInt8]) throws(SourceReadError) -> PollReading {
        let petition = try parse(body)
        let a = petition.attributes
        guard a.signatureCount >= 0 else { throw SourceReadError("data.attributes.signature_count is negative (\(a.signatureCount))") }
        var values: [ObservedValue] = [.text("state", a.state)]
        let times: [(String, String?)] = [
            ("opened_at", a.openedAt), ("closed_at", a.closedAt),
            ("threshold:moderation", a.moderationThresholdReachedAt), ("threshold:response", a.responseThresholdReachedAt),
            ("threshold:government_response", a.governmentResponseAt), ("threshold:debate", a.debateThresholdReachedAt),
            ("threshold:scheduled_debate", a.scheduledDebateDate), ("threshold:debate_outcome", a.debateOutcomeAt),
        ]
        for (series, value) in times { if let value, !value.isEmpty { values.append(.text(series, value)) } }
        let countries = a.signaturesByCountry ?? []
        for place in countries { values.append(.number("country:\(place.code ?? place.name)", place.signatureCount, label: place.name)) }
        for place in a.signaturesByConstituency ?? [] {
            values.append(.number("constituency:\(place.onsCode ?? place.name)", place.signatureCount, label: place.name))
        }
        for place in a.signaturesByRegion ?? [] {
            values.append(.number("region:\(place.onsCode ?? place.name)", place.signatureCount, label: place.name))
        }
        // A closed petition takes no more signatures: the reading says since when (closed_at, or the
        // deadline being past when the site gives no time).
        var closed: Date?
        var flags = flags(countries: countries, home: "GB")
        if a.state == "closed" {
            closed = a.closedAt.flatMap(TimeFormatting.parse) ?? .distantPast
            let day = a.closedAt.flatMap(TimeFormatting.parse).map(TimeFormatting.day) ?? "an unknown date"
            flags.append(
                SourceFlag(
                    kind: "closed", subject: day,
                    detail: "the petition closed on \(day) with \(a.signatureCount) signatures; polling slows to daily, then stops"))
        }
        return PollReading(count: a.signatureCount, observations: values, flags: flags, closed: closed)
    }

    /// A top country other than the petition's own, and a territory with more signatures than people.
    public static func flags(countries: [Place], home: String) -> [SourceFlag] {
        var flags: [SourceFlag] = []
        if let top = countries.max(by: { ($0.signatureCount, $1.code ?? "") < ($1.signatureCount, $0.code ?? "") }),
            let code = top.code, code != home, top.signatureCount > 0
        {
            let homeCount = countries.first { $0.code == home }?.signatureCount ?? 0
            flags.append(
                SourceFlag(
                    kind: "top-country", subject: code,
                    detail: "most signatures come from \(top.name) (\(top.signatureCount)), not \(home) (\(homeCount))"))
        }
        for place in countries {
            guard let code = place.code, let people = Populations.smallTerritories[code], place.signatureCount > people else { continue }
            flags.append(
                SourceFlag(
                    kind: "exceeds-population", subject: code,
                    detail: "\(place.name) has \(place.signatureCount) signatures but about \(people) inhabitants"))
        }
        return flags
    }
}

/// Rounded population estimates of small countries and territories, where a petition's count can
/// plausibly exceed the number of people who live there (a sign of fake signatures).
public enum Populations {
    public static let smallTerritories: [String: Int] = [
        "AQ": 1_000, "GS": 30, "PN": 50, "VA": 800, "TK": 1_500, "NU": 1_700, "IO": 3_000, "FK": 3_700,
        "MS": 4_400, "SH": 5_600, "PM": 5_800, "BL": 10_000, "NR": 12_000, "TV": 11_000, "WF": 11_000,
        "AI": 16_000, "CK": 15_000, "PW": 18_000, "VG": 31_000, "SX": 42_000, "MF": 32_000, "GI": 33_000,
        "SM": 34_000, "MC": 39_000, "LI": 40_000, "MH": 42_000, "AS": 45_000, "TC": 46_000, "KN": 47_000,
        "MP": 47_000, "FO": 54_000, "GL": 56_000, "GG": 64_000, "BM": 64_000, "KY": 69_000, "DM": 73_000,
        "AD": 80_000, "IM": 84_000, "AG": 94_000, "SC": 100_000, "JE": 103_000, "TO": 105_000,
    ]
}
