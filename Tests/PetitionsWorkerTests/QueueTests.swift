import Foundation
import PetitionsSources
import PetitionsStore
import PetitionsWorker
import Postgres
import TestSupport
import Testing

/// The job queue with an explicit clock: nothing here sleeps.
@Suite(.ownThread) struct QueueTests {
    @Test func oneJobPerDueTimeHoweverManySchedule() async throws {
        try await WorkerBench.with { bench in
            _ = try bench.addSource(.json, url: "https://a.example/1", pointer: "/n")
            _ = try bench.addSource(.json, url: "https://a.example/2", pointer: "/n")
            let now = bench.clock.now()
            // Three schedulers at once, on connections of their own.
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        let connection = try PGConnection(bench.url)
                        defer { connection.close() }
                        return try Repository(connection).jobs.scheduleDue(now: now)
                    }
                }
                var added = 0
                for try await n in group { added += n }
                #expect(added == 2)
            }
            #expect(try bench.repository.jobs.scheduleDue(now: now.addingTimeInterval(299)) == 0)
            #expect(try bench.count("SELECT count(*) FROM jobs") == 2)
        }
    }

    @Test func aStoppedWorkerCatchesUpWithOneJobNotABurst() async throws {
        try await WorkerBench.with { bench in
            let source = try bench.addSource(.json, url: "https://a.example/1", every: 300, pointer: "/n")
            let start = bench.clock.now()
            try bench.repository.jobs.scheduleDue(now: start)
            // A due time whose job is still waiting adds nothing.
            #expect(try bench.repository.jobs.scheduleDue(now: start.addingTimeInterval(600)) == 0)
            let job = try #require(try bench.repository.jobs.claim(worker: "w", now: start.addingTimeInterval(600), lease: 60, limit: 1).first)
            _ = try bench.repository.jobs.complete(job, worker: "w", now: start.addingTimeInterval(601)) { _ in () }
            // Eleven due times pass while no worker runs: one job, for the latest.
            let later = start.addingTimeInterval(3600 + 42)
            #expect(try bench.repository.jobs.scheduleDue(now: later) == 1)
            let jobs = try bench.repository.jobs.list(source: source.id)
            #expect(jobs.count == 2)
            #expect(jobs.first?.dueAt == start.addingTimeInterval(3600))
        }
    }

    @Test func anExpiredLeaseIsClaimedAgainAndTheFirstClaimCannotComplete() async throws {
        try await WorkerBench.with { bench in
            _ = try bench.addSource(.json, url: "https://a.example/1", pointer: "/n")
            let t = bench.clock.now()
            try bench.repository.jobs.scheduleDue(now: t)
            let first = try #require(try bench.repository.jobs.claim(worker: "a", now: t, lease: 30, limit: 5).first)
            #expect(try bench.repository.jobs.claim(worker: "b", now: t.addingTimeInterval(10), lease: 30, limit: 5).isEmpty)
            // Renewal keeps it.
            #expect(try bench.repository.jobs.extendLease(first, worker: "a", now: t.addingTimeInterval(20), lease: 30))
            #expect(try bench.repository.jobs.claim(worker: "b", now: t.addingTimeInterval(45), lease: 30, limit: 5).isEmpty)
            // Worker a dies: after the lease runs out, b takes the job.
            let second = try #require(try bench.repository.jobs.claim(worker: "b", now: t.addingTimeInterval(51), lease: 30, limit: 5).first)
            #expect(second.id == first.id && second.attempt == 2)
            #expect(throws: LeaseLost.self) {
                try bench.repository.jobs.complete(first, worker: "a", now: t.addingTimeInterval(52)) { repository in
                    try repository.db.execute("UPDATE sources SET last_error = 'written by a stale claim'")
                }
            }
            #expect(try bench.count("SELECT count(*) FROM sources WHERE last_error IS NOT NULL") == 0)
            #expect(try bench.repository.jobs.extendLease(first, worker: "a", now: t.addingTimeInterval(52), lease: 30) == false)
            _ = try bench.repository.jobs.complete(second, worker: "b", now: t.addingTimeInterval(53)) { _ in () }
            let attempts = try bench.repository.jobs.attempts(first.id)
            #expect(attempts.map(\.outcome) == [.leaseExpired, .succeeded])
        }
    }

    @Test func failuresBackOffThenFailWithTheLastError() async throws {
        try await WorkerBench.with { bench in
            _ = try bench.addSource(.json, url: "https://a.example/1", pointer: "/n", maxAttempts: 3)
            let backoff = Backoff(base: 30, cap: 3600, jitter: 0.5)
            var now = bench.clock.now()
            try bench.repository.jobs.scheduleDue(now: now)
            for attempt in 1...3 {
                let job = try #require(try bench.repository.jobs.claim(worker: "w", now: now, lease: 60, limit: 1).first, "attempt \(attempt)")
                #expect(job.attempt == attempt)
                let retryAt = now.addingTimeInterval(backoff.delay(afterAttempt: attempt, random: 1))
                let retrying = try bench.repository.jobs.fail(job, worker: "w", now: now, error: "HTTP 503 (attempt \(attempt))", retryAt: retryAt)
                #expect(retrying == (attempt < 3))
                if retrying {
                    // Not before its time.
                    #expect(try bench.repository.jobs.claim(worker: "w", now: retryAt.addingTimeInterval(-1), lease: 60, limit: 1).isEmpty)
                    now = retryAt
                }
            }
            let job = try #require(try bench.repository.jobs.list().first)
            #expect(job.state == .failed)
            #expect(job.lastError == "HTTP 503 (attempt 3)")
            // Delays doubled: 30 s, then 60 s.
            #expect(now == bench.clock.now().addingTimeInterval(90))
            // Retried by an admin, it gets fresh attempts.
            let retried = try bench.repository.jobs.retry(job.id, actor: "admin", now: now)
            #expect(retried.state == .queued && retried.maxAttempts == 6)
        }
    }

    @Test func aReleasedJobIsQueuedAgainWithoutUsingAnAttempt() async throws {
        try await WorkerBench.with { bench in
            _ = try bench.addSource(.json, url: "https://a.example/1", pointer: "/n", maxAttempts: 1)
            let now = bench.clock.now()
            try bench.repository.jobs.scheduleDue(now: now)
            let job = try #require(try bench.repository.jobs.claim(worker: "w", now: now, lease: 60, limit: 1).first)
            try bench.repository.jobs.release(job, worker: "w", now: now)
            let again = try #require(try bench.repository.jobs.claim(worker: "v", now: now, lease: 60, limit: 1).first)
            #expect(again.attempt == 2 && again.maxAttempts == 2)
        }
    }
}
