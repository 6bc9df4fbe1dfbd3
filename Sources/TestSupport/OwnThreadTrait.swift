import Foundation
import Postgres
import Testing

/// `@Suite(.ownThread)`: each test of the suite runs on a thread of its own, so its blocking work
/// (libpq calls, child processes, `initdb`) never occupies the few threads of Swift's concurrency
/// pool, which the pure tests beside it need.
///
/// At most `limit` such tests run at once: twice the cores (at least four), or
/// `$PETITIONS_TEST_PARALLEL`. Before, the pool's width capped them without saying so, and a
/// machine with 2 cores cannot run a hundred database tests at once and still meet their deadlines.
public struct OwnThreadTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public static let limit =
        ProcessInfo.processInfo.environment["PETITIONS_TEST_PARALLEL"].flatMap { Int($0) }.map { max(1, $0) }
        ?? 2 * max(2, ProcessInfo.processInfo.activeProcessorCount)
    static let slots = Slots(count: limit)

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        await Self.slots.take()
        do {
            try await withOwnThread(name: "petitions.test") { try await function() }
            await Self.slots.giveBack()
        } catch {
            await Self.slots.giveBack()
            throw error
        }
    }

    /// A counting semaphore that suspends instead of blocking.
    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []
        init(count: Int) { free = count }

        func take() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func giveBack() {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
    }
}

extension Trait where Self == OwnThreadTrait {
    /// Each test on a thread of its own, a few at a time (see `OwnThreadTrait`).
    public static var ownThread: Self { OwnThreadTrait() }
}
