import PetitionsDomain

/// A UK Parliament petition's JSON (`https://petition.parliament.uk/petitions/ID.json`): the
/// signature count, state, thresholds and country and constituency breakdowns.
public struct UKParliamentReader: PlatformReader {
    public init() {}
    public var kind: SourceKind { .ukParliament }
    public var summary: [String] {
        [
            "a UK Parliament petition's JSON, such as",
            "https://petition.parliament.uk/petitions/700000.json:",
            "the count, state, thresholds, countries and constituencies",
        ]
    }
    public var options: Set<SourceOption> { [] }
    public var outlet: Outlet? {
        Outlet(
            slug: "uk-parliament-petitions", name: "UK Parliament petitions", kind: .platform,
            homeURL: "https://petition.parliament.uk", language: "en", country: "GB")
    }

    public func problems(_ spec: SourceSpec) -> [String] {
        guard spec.url.contains("/petitions/"), spec.url.lowercased().hasSuffix(".json") else {
            return ["--url: a uk-parliament source is a petition's JSON address, such as https://petition.parliament.uk/petitions/700000.json"]
        }
        return []
    }

    public func read(_ body: [UInt8], pointer: String?, pattern: String?) throws(SourceReadError) -> PollReading {
        try UKParliamentPetition.read(body)
    }
}
