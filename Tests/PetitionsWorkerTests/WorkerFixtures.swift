import Foundation
import Logging
import PetitionsDomain
import PetitionsSources
import PetitionsStore
import PetitionsWorker
import Postgres
import TestSupport

/// A migrated database with one campaign, and the pieces to run jobs in this process.
struct WorkerBench {
    let url: String
    let db: PGConnection
    let clock: ManualClock
    let pool: PGPool
    let fetcher: Fetcher
    var repository: Repository { Repository(db) }

    static let campaign = Campaign(
        slug: "clean-air", title: "Invented Clean Air Petition", kind: .petition,
        aliases: ["pétition pour l'air pur", "Petition für saubere Luft"])
    static let start = TimeFormatting.parse("2026-11-22T10:00:00Z")!

    static func with<T>(_ body: (WorkerBench) async throws -> T) async throws -> T {
        try await TestDatabase.withConnection { db, url in
            _ = try Migrator().migrate(on: db)
            try Repository(db).campaigns.add(campaign, actor: "test")
            try Repository(db).outlets.add(Outlet(slug: "the-paper", name: "The Invented Paper", kind: .news), actor: "test")
            var settings = FetchSettings()
            settings.hostGap = 0
            settings.readTimeout = 10
            settings.allowPrivateHosts = true
            let bench = WorkerBench(
                url: url, db: db, clock: ManualClock(start), pool: PGPool(connectionString: url, maximumConnections: 2),
                fetcher: Fetcher(settings: settings))
            do {
                let value = try await body(bench)
                await bench.close()
                return value
            } catch {
                await bench.close()
                throw error
            }
        }
    }

    func close() async {
        await fetcher.shutdown()
        await pool.close()
    }

    func runner(_ name: String = "test-worker", backoff: Backoff = Backoff()) -> JobRunner {
        var settings = JobSettings(workerName: name)
        settings.backoff = backoff
        return JobRunner(
            settings: settings, fetcher: fetcher, pool: pool, clock: clock, metrics: WorkerMetrics(),
            logger: {
                var l = Logger(label: "test"); l.logLevel = .critical; return l
            }(),
            random: { 0.5 })
    }

    /// Schedules what is due at the clock's time and runs every claimable job once.
    @discardableResult
    func runDue(worker: String = "test-worker") async throws -> [JobEnd] {
        try repository.jobs.scheduleDue(now: clock.now())
        let jobs = try repository.jobs.claim(worker: worker, now: clock.now(), lease: 60, limit: 100)
        var ends: [JobEnd] = []
        for job in jobs { ends.append(await runner(worker).run(job)) }
        return ends
    }

    func addSource(_ kind: SourceKind, url: String, every: TimeInterval = 300, pointer: String? = nil, outlet: String? = nil, maxAttempts: Int = 5) throws
        -> StoredSource
    {
        try repository.sources.add(
            SourceSpec(campaign: Self.campaign.slug, kind: kind, url: url, every: every, pointer: pointer, maxAttempts: maxAttempts),
            outlet: outlet, actor: "test", now: clock.now(), allowSecond: true
        ).source  // each test fixture is its own count
    }

    func count(_ sql: PGQuery) throws -> Int { try db.query(sql)[0].decode(at: 0) }
}
