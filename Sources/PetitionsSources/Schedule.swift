import Foundation

/// Due times on a grid: `anchor + k × every`, k = 0, 1, 2, ...
public struct Schedule: Sendable, Hashable {
    public var anchor: Date
    public var every: TimeInterval

    public init(anchor: Date, every: TimeInterval) {
        precondition(every > 0, "a schedule needs a positive interval")
        self.anchor = anchor
        self.every = every
    }

    /// The latest due time at or before `now`, nil before the anchor. A worker that was stopped
    /// catches up with this one due time, not with every one it missed.
    public func latestDue(atOrBefore now: Date) -> Date? {
        let elapsed = now.timeIntervalSince(anchor)
        guard elapsed >= 0 else { return nil }
        return anchor.addingTimeInterval((elapsed / every).rounded(.down) * every)
    }

    /// The first due time after `now`.
    public func nextDue(after now: Date) -> Date {
        guard let latest = latestDue(atOrBefore: now) else { return anchor }
        return latest.addingTimeInterval(every)
    }
}

/// Delay before retrying a failed attempt: exponential, capped, with jitter so that jobs that failed
/// together do not retry together.
public struct Backoff: Sendable, Hashable {
    /// Delay after the first failed attempt, before jitter.
    public var base: TimeInterval
    /// Longest delay, before jitter.
    public var cap: TimeInterval
    /// Share of the delay that is random: 0.5 means between half and all of it.
    public var jitter: Double

    public init(base: TimeInterval = 30, cap: TimeInterval = 3600, jitter: Double = 0.5) {
        self.base = base
        self.cap = cap
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay after `attempt` (1 for the first) failed attempts; `random` is in 0..<1.
    public func delay(afterAttempt attempt: Int, random: Double) -> TimeInterval {
        let exponent = Double(max(attempt, 1) - 1)
        let full = min(cap, base * pow(2, min(exponent, 30)))
        return full * (1 - jitter) + full * jitter * min(max(random, 0), 1)
    }

    /// The range `delay(afterAttempt:random:)` falls in.
    public func range(afterAttempt attempt: Int) -> ClosedRange<TimeInterval> {
        delay(afterAttempt: attempt, random: 0)...delay(afterAttempt: attempt, random: 1)
    }
}
