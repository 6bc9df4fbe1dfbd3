import Foundation

/// A thread of its own for blocking libpq calls, used as a task executor: code run under
/// `withTaskExecutorPreference(thread)` (or lent a connection by `PGPool`) blocks this thread and
/// never one of the few threads of Swift's concurrency pool, so a slow query cannot starve
/// unrelated tasks.
///
/// Jobs run one after another, in the order they came. `shutdown()` lets the thread finish what it
/// holds and end; a job that still arrives after that gets a thread of its own.
public final class PGThread: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private let name: String

    public init(name: String = "petitions.postgres") {
        self.name = name
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        if stopping {
            condition.unlock()
            let executor = asUnownedTaskExecutor()
            let straggler = Thread {
                Thread.current.threadDictionary[Self.marker] = self.name
                job.runSynchronously(on: executor)
            }
            straggler.name = name
            straggler.start()
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once the jobs it holds have run.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// Whether the calling code runs on one of these threads (a blocking call here blocks no
    /// thread of the concurrency pool). For tests and assertions.
    public static var isCurrent: Bool { Thread.current.threadDictionary[marker] != nil }
    private static let marker = "petitions.PGThread"

    private func loop() {
        Thread.current.threadDictionary[Self.marker] = name
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: executor) }
        }
    }
}

/// Runs `body` with a thread of its own as the task's executor: its blocking calls block that
/// thread, not the concurrency pool. The thread ends when `body` returns.
public func withOwnThread<T>(name: String = "petitions.postgres", _ body: () async throws -> T) async throws -> T {
    let thread = PGThread(name: name)
    defer { thread.shutdown() }
    return try await withTaskExecutorPreference(thread) { try await body() }
}
