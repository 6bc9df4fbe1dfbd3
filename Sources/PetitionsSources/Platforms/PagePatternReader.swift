/// A web page, with a regular expression whose first capture group is the count.
public struct PagePatternReader: PlatformReader {
    public init() {}
    public var kind: SourceKind { .html }
    public var summary: [String] { ["a web page, with --pattern: a regular expression whose first", "group is the count"] }
    public var options: Set<SourceOption> { [.pattern] }

    public func problems(_ spec: SourceSpec) -> [String] {
        guard let pattern = spec.pattern else {
            return ["--pattern is required for an html source: a regular expression whose first group is the count, such as 'signatures: ([0-9,]+)'"]
        }
        return PagePattern.problem(pattern).map { ["--pattern: \($0)"] } ?? []
    }

    public func read(_ body: [UInt8], pointer: String?, pattern: String?) throws(SourceReadError) -> PollReading {
        PollReading(count: try PagePattern.count(pattern ?? "", in: body))
    }
}
