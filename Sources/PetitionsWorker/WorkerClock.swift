import Foundation
import Synchronization

/// Where the worker reads the time: the system clock, or a clock tests move by hand so that
/// scheduling, leases and backoff are tested without sleeping.
public protocol WorkerClock: Sendable {
    func now() -> Date
}

public struct SystemClock: WorkerClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to.
public final class ManualClock: WorkerClock {
    private let current: Mutex<Date>
    public init(_ start: Date) { current = Mutex(start) }
    public func now() -> Date { current.withLock { $0 } }
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    public func set(_ date: Date) { current.withLock { $0 = date } }
}
