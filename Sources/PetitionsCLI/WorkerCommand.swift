import ArgumentParser
import PetitionsStore

/// `petitions-worker`: for now checks that the database is reachable and migrated, then exits.
public struct WorkerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "petitions-worker",
        abstract: "Background worker for petitions (stub: checks the database and exits).",
        discussion: """
            This is a stub until the worker lands: it connects to the database (the embedded server by \
            default, as for `petitions`), checks that every migration is applied, reports, and exits. \
            Polling of petition platforms and outlet feeds is not implemented yet.

            Exit status: 0 the database is ready, 1 it is not (the message says what to run), 2 bad usage.

            Example:
              petitions-worker --once
            """,
        version: "0.1.0"
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Run what is due once and exit (the stub always exits after its check).") var once = false

    public init() {}

    public func run() async throws {
        let logger = global.makeLogger(label: "petitions.worker")
        let connection = try global.connect(logger: logger)
        defer { connection.close() }
        let states = try Migrator().status(on: connection)
        let pending = states.filter { $0.state != .applied }
        guard pending.isEmpty else {
            throw CommandFailure("the database is not ready: \(pending.count) migration(s) not applied (\(pending.map { "\($0.version) \($0.state.rawValue)" }.joined(separator: ", "))); run `petitions db migrate`")
        }
        print("petitions-worker: the database is ready (schema version \(states.last?.version ?? 0)); polling is not implemented yet, exiting")
    }
}
