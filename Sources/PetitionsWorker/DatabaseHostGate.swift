import Foundation
import Logging
import PetitionsStore
import Postgres

/// A host was busy with another worker's request for longer than a job should wait: the job is
/// given back to the queue to run when the host is free, and other hosts' jobs run meanwhile.
public struct HostBusy: Error, Sendable, CustomStringConvertible {
    public var host: String
    public var until: Date
    public var description: String { "\(host) is busy with another worker's request (politeness, --host-gap) until \(until)" }
}

/// Politeness across every worker on one database: at most one request in flight per host, and
/// `gap` seconds between the end of one and the start of the next, through the host's row in
/// `fetch_hosts` (see `Schema/0007_queue_scale.sql`). A gap of 0 turns politeness off (for hosts you
/// own and local fixtures): requests then go out at once.
///
/// Times are the system clock's: the rows are shared with workers on other machines.
public final class DatabaseHostGate: HostTurns {
    let pool: PGPool
    let gap: TimeInterval
    /// How long a holder may keep a host before others may take it (it died or hung).
    let hold: TimeInterval
    /// Longest a request waits for its host's turn before `HostBusy` gives its job back.
    let maxWait: TimeInterval
    let holder: String
    let logger: Logger

    public init(pool: PGPool, gap: TimeInterval, hold: TimeInterval, maxWait: TimeInterval = 2, holder: String, logger: Logger) {
        self.pool = pool
        self.gap = gap
        self.hold = hold
        self.maxWait = maxWait
        self.holder = holder
        self.logger = logger
    }

    public func withTurn<T: Sendable>(host: String, _ body: @Sendable () async throws -> T) async throws -> T {
        guard gap > 0 else { return try await body() }
        let holder = "\(self.holder)#\(UUID().uuidString.prefix(8))"
        let (hold, deadline) = (self.hold, Date().addingTimeInterval(maxWait))
        var pause = 0.01
        while true {
            let now = Date()
            let turn = try await pool.repository { try $0.jobs.takeHost(host, holder: holder, now: now, hold: hold) }
            if turn.taken { break }
            // Held by another: its end is not known, so look again soon (less often the longer it takes).
            // In its gap: look again when the gap ends.
            let gapEnd = turn.nextAllowedAt ?? now
            let wakeAt = turn.held ? max(gapEnd, now.addingTimeInterval(pause)) : gapEnd
            if wakeAt > deadline { throw HostBusy(host: host, until: turn.held ? wakeAt.addingTimeInterval(gap) : wakeAt) }
            pause = min(pause * 2, 0.25)
            try await Task.sleep(for: .milliseconds(Int(max(wakeAt.timeIntervalSince(now), 0.002) * 1000)))
        }
        let gap = self.gap
        // Given back whatever happens, outside the caller's task so that a cancelled job still does.
        func giveBack() async {
            let end = Date()
            do {
                try await Task.detached { try await self.pool.repository { try $0.jobs.giveBackHost(host, holder: holder, now: end, gap: gap) } }.value
            } catch {
                logger.warning("could not give back the host's turn; others get it when the hold ends", metadata: ["host": "\(host)", "error": "\(error)"])
            }
        }
        do {
            let value = try await body()
            await giveBack()
            return value
        } catch {
            await giveBack()
            throw error
        }
    }
}
