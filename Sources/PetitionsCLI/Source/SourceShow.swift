import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsSources
import PetitionsStore

struct SourceShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a source: its count over time (with when each value was last seen), flags, recent jobs.",
        discussion: """
            A count's 'last seen' moves on at every poll that finds it unchanged, so 'unchanged for 3 days' \
            (last seen recently) reads differently from 'not polled for 3 days' (last seen 3 days ago).

            Examples:
              petitions source show 3
              petitions source show 3 --series country: --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Source id (see `petitions source list`).") var id: Int
    @Option(help: "Series to show: count (default), state, threshold:debate, or a prefix such as country: or constituency:.") var series = "count"
    @Option(help: "Rows of the series to show.") var limit = 20
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let (id, series, limit) = (self.id, self.series, self.limit)
        let (source, observations, flags, jobs, trail) = try global.withRepository { repository in
            guard let source = try repository.sources.find(id) else { throw CommandFailure("there is no source \(id) (see: petitions source list)") }
            return (
                source, try repository.sources.observations(source: id, series: series, limit: limit), try repository.sources.flags(source: id),
                try repository.jobs.list(source: id, limit: 5), try repository.auditTrail(type: "source", subject: String(id))
            )
        }
        switch format {
        case .json:
            try JSONOutput.print(
                Merged(
                    SourceJSON(source),
                    SourceObservedJSON(
                        series: observations.map(ObservationJSON.init),
                        flags: flags.map { .init(kind: $0.kind, subject: $0.subject, detail: $0.detail, raised_at: Timestamps.iso8601($0.raisedAt)) },
                        recent_jobs: jobs.map(JobJSON.init))))
        case .table:
            let now = Date()
            Render.fields(
                [
                    ("source", String(source.id)), ("campaign", source.campaign), ("kind", source.kind.rawValue), ("url", SourceURL.redacted(source.url)),
                    ("outlet", source.outlet), ("metric", source.kind == .feed ? nil : source.metric.rawValue), ("pointer", source.pointer),
                    ("pattern", source.pattern), ("every", SourceShapes.every(source.every)), ("status", source.status),
                    ("max attempts", String(source.maxAttempts)),
                    (
                        "last poll",
                        source.lastPolledAt.map { "\(TimeFormatting.short($0)) (\(TimeFormatting.duration(now.timeIntervalSince($0))) ago)" } ?? "never"
                    ),
                    ("next due", source.removedAt == nil && !source.paused ? TimeFormatting.short(source.schedule.nextDue(after: now)) : nil),
                    (
                        "count",
                        source.count.map { count in
                            "\(count), unchanged since \(source.countSince.map(TimeFormatting.short) ?? "?"), last seen \(source.countLastSeen.map(TimeFormatting.short) ?? "?")"
                        }
                    ),
                    ("feed items", source.kind == .feed ? String(source.feedItems) : nil), ("last error", source.lastError),
                ], trail: trail)
            if !observations.isEmpty {
                print("\n\(series) over time (newest first):")
                let rows = observations.map { o in
                    [
                        o.series, o.number.map(String.init) ?? o.text ?? "", o.label ?? "", TimeFormatting.short(o.firstSeen), TimeFormatting.short(o.lastSeen),
                        o.figureID.map(String.init) ?? "",
                    ]
                }
                print(TextTable.render(header: ["series", "value", "name", "first seen", "last seen", "figure"], rows: rows))
            }
            if !flags.isEmpty {
                print("\nflags:")
                for flag in flags { print("  \(TimeFormatting.short(flag.raisedAt))  \(flag.kind)  \(flag.detail)") }
            }
            if !jobs.isEmpty {
                print("\nrecent jobs:")
                print(
                    TextTable.render(
                        header: ["job", "due", "state", "attempts", "result or error"],
                        rows: jobs.map {
                            [
                                String($0.id), TimeFormatting.short($0.dueAt), $0.state.rawValue, "\($0.attempts)/\($0.maxAttempts)",
                                String(($0.lastError ?? $0.result ?? "").prefix(70)),
                            ]
                        }))
            }
        }
    }
}

/// What a source observed (`source show --format json`: the source's keys, then its series, its
/// flags and its recent jobs).
struct SourceObservedJSON: Encodable {
    var series: [ObservationJSON]
    var flags: [Flag]
    var recent_jobs: [JobJSON]

    struct Flag: Encodable {
        var kind: String
        var subject: String
        var detail: String
        var raised_at: String
    }
}
