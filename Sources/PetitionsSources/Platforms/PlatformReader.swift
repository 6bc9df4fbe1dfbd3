import Foundation
import PetitionsDomain

/// The options a source kind may take besides its URL.
public enum SourceOption: String, Sendable, Hashable, CaseIterable {
    case pointer, pattern
}

/// One kind of platform source: how it is described, checked and read. Each lives in a file of
/// its own in Platforms/ and is listed in `PlatformReaders.all`; adding a platform is that file,
/// its `SourceKind` case (and the schema's list of kinds, which a test checks), and tests. The
/// CLI's help, the checks of `petitions source add` and the worker's polling all come from here.
public protocol PlatformReader: Sendable {
    var kind: SourceKind { get }
    /// What the source is, for `petitions source --help`: lines of at most 62 characters, so that
    /// with the kind's name before them they fit 80 columns.
    var summary: [String] { get }
    /// The options it takes (`--pointer`, `--pattern`); any other is refused.
    var options: Set<SourceOption> { get }
    /// The outlet its counts are recorded under when none is given; nil: one made from the host.
    var outlet: Outlet? { get }
    /// What is wrong with a spec of this kind, each problem saying what to do.
    func problems(_ spec: SourceSpec) -> [String]
    /// The count (and whatever else the platform says) in a body fetched from the source.
    func read(_ body: [UInt8], pointer: String?, pattern: String?) throws(SourceReadError) -> PollReading
}

extension PlatformReader {
    public var outlet: Outlet? { nil }
}

/// Every platform reader, by kind.
public enum PlatformReaders {
    public static let all: [any PlatformReader] = [UKParliamentReader(), JSONPointerReader(), PagePatternReader()]

    public static func reader(for kind: SourceKind) -> (any PlatformReader)? {
        all.first { $0.kind == kind }
    }

    /// The kinds and what each is, for help text; the feed comes last.
    public static var helpLines: [String] {
        let entries: [(String, [String])] =
            all.map { ($0.kind.rawValue, $0.summary) } + [
                (
                    SourceKind.feed.rawValue,
                    [
                        "an outlet's RSS or Atom feed: new items are read for figures",
                        "about the tracked campaigns, stored as extracted figures",
                        "awaiting review",
                    ]
                )
            ]
        let width = entries.map(\.0.count).max() ?? 0
        return entries.flatMap { name, lines in
            lines.enumerated().map { index, line in
                (index == 0 ? name.padding(toLength: width, withPad: " ", startingAt: 0) : String(repeating: " ", count: width)) + "  " + line
            }
        }
    }
}
