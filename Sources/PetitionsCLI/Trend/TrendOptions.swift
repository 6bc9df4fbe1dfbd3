import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsReports
import PetitionsStore

/// What a trend covers and how it is read: shared by `trend` and `report`.
struct TrendOptions: ParsableArguments {
    @Option(help: "\(Metric.helpList). Default: signatures.") var metric: String?
    @Option(
        help: ArgumentHelp(
            "5m, 15m, hour, day or week. Default: picked from the span (5 minutes up to 6 hours, 15 minutes up to a day, hours up to 3 days, days up to 180, then weeks).",
            valueName: "size"))
    var bucket: String?
    @Option(
        name: .customLong("time-zone"), help: ArgumentHelp("IANA time zone the buckets and the time axis follow, such as Europe/London.", valueName: "zone"))
    var timeZone = "UTC"
    @Option(help: ArgumentHelp("Start (ISO 8601). Default: the first figure.", valueName: "time")) var since: String?
    @Option(help: ArgumentHelp("End (ISO 8601). Default: the last figure.", valueName: "time")) var until: String?
    @Option(help: ArgumentHelp("Only this outlet (repeatable). The platform's count is an outlet too.", valueName: "slug")) var outlet: [String] = []
    @Option(
        name: .customLong("compare-with"),
        help: ArgumentHelp("Another campaign to set side by side, aligned on days since launch (repeatable).", valueName: "campaign"))
    var compareWith: [String] = []
    @Option(help: ArgumentHelp("Growth and projections use the counts of this last stretch.", valueName: "duration")) var window = "7d"
    @Option(help: ArgumentHelp("A count to project besides the goal and the next round thresholds (repeatable).", valueName: "n")) var target: [String] = []

    typealias Resolved = TrendQuery

    /// Every option checked before anything is read.
    func resolved() throws -> Resolved {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw ValidationError("--time-zone: unknown zone \"\(timeZone)\"; use an IANA name such as UTC, Europe/London or America/New_York")
        }
        let window = try Parse.duration(window, option: "--window")
        guard window > 0 else { throw ValidationError("--window must be longer than zero") }
        return Resolved(
            metric: try Parse.word(metric, Metric.self, option: "--metric") ?? .signatures,
            bucket: try Parse.word(bucket, BucketSize.self, option: "--bucket"), timeZone: zone,
            since: try Parse.time(since, option: "--since"), until: try Parse.time(until, option: "--until"),
            outlets: outlet, compareWith: compareWith, window: window,
            targets: try target.map { try Parse.count($0, option: "--target")! })
    }
}

/// Writes a file whole or not at all: into a temporary file beside it, then renamed into place.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw CommandFailure("cannot write \(path): the folder \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            // rename(2) replaces the old file in one step: readers see the old one or the new one.
            guard rename(temporary.path, url.path) == 0 else { throw CommandFailure(String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// "12.3 KB".
    static func size(_ text: String) -> String {
        let bytes = Double(text.utf8.count)
        return bytes >= 1_000_000 ? String(format: "%.1f MB", bytes / 1_000_000) : String(format: "%.1f KB", bytes / 1000)
    }
}
