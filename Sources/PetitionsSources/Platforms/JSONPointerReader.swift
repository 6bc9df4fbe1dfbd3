/// Any JSON document, with a JSON Pointer (RFC 6901) to the count.
public struct JSONPointerReader: PlatformReader {
    public init() {}
    public var kind: SourceKind { .json }
    public var summary: [String] { ["any JSON document, with --pointer (RFC 6901) to the count"] }
    public var options: Set<SourceOption> { [.pointer] }

    public func problems(_ spec: SourceSpec) -> [String] {
        guard let pointer = spec.pointer else {
            return ["--pointer is required for a json source: the JSON Pointer to the count, such as /data/attributes/signature_count"]
        }
        return JSONPointer.problem(pointer).map { ["--pointer: \($0)"] } ?? []
    }

    public func read(_ body: [UInt8], pointer: String?, pattern: String?) throws(SourceReadError) -> PollReading {
        PollReading(count: try JSONPointer.count(pointer ?? "", in: body))
    }
}
