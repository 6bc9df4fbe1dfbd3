import Foundation
import Logging
import PetitionsApp
import PetitionsDomain
import PetitionsExtraction
import PetitionsSources
import PetitionsStore
import Postgres
import Prometheus

/// How the worker treats jobs: leases, retries, batch sizes.
public struct JobSettings: Sendable {
    /// This worker's name on the jobs it claims.
    public var workerName: String
    /// How long a claim holds without renewal; renewed every third of it while the job runs.
    public var lease: TimeInterval = 60
    public var backoff = Backoff()
    /// New feed items read per run; the rest wait for the next run.
    public var maxItemsPerRun = 25
    /// The least gap between requests to one host (for spreading jobs deferred by a busy host).
    public var hostGap: TimeInterval = 1
    /// A closed petition's source is polled daily, then paused once its count has not changed for this long.
    public var closedQuiet: TimeInterval = 7 * 86400
    public init(workerName: String) { self.workerName = workerName }
}

/// How one job ended, for logs and counts.
public enum JobEnd: Sendable, Equatable {
    case succeeded(String)
    case retrying(String, at: Date)
    case failed(String)
    case released
    /// Given back because its host was busy with another worker's request; it runs again at that time.
    case deferred(until: Date)
    case leaseLost
}

/// Runs one claimed job: fetches, reads, and records in the transaction that completes the job.
public struct JobRunner: Sendable {
    let settings: JobSettings
    let fetcher: Fetcher
    let pool: PGPool
    let clock: any WorkerClock
    let metrics: WorkerMetrics
    let logger: Logger
    let random: @Sendable () -> Double

    public init(
        settings: JobSettings, fetcher: Fetcher, pool: PGPool, clock: any WorkerClock, metrics: WorkerMetrics, logger: Logger,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.settings = settings
        self.fetcher = fetcher
        self.pool = pool
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.random = random
    }

    /// Runs store calls with a pooled connection, on its own thread. A connection that
    /// went stale (the server restarted) is re-established and the call tried once more, instead of
    /// failing the job's attempt; a call whose outcome was unknown then finds its claim gone, if it
    /// had in fact completed, and says so (`LeaseLost`).
    func database<T>(_ body: (Repository) throws -> T) async throws -> T {
        do {
            return try await pool.repository(body)
        } catch let error as PGError where error.kind == .connectionLost {
            logger.notice("the database connection was lost; trying the call once more", metadata: ["error": "\(error.message)"])
            return try await pool.repository(body)
        }
    }

    /// Runs the job to its end. Cancellation (shutdown after the grace period) releases the job.
    public func run(_ job: ClaimedJob) async -> JobEnd {
        var logger = logger
        logger[metadataKey: "job.id"] = "\(job.id)"
        logger[metadataKey: "job.attempt"] = "\(job.attempt)"
        logger[metadataKey: "source.id"] = "\(job.source.id)"
        logger[metadataKey: "source.kind"] = "\(job.source.kind.rawValue)"
        logger[metadataKey: "campaign"] = "\(job.source.campaign)"
        logger.info("job started", metadata: ["url": "\(SourceURL.redacted(job.source.url))"])
        let worker = settings.workerName
        do {
            let summary = try await perform(job)
            metrics.succeeded.increment()
            logger.info("job succeeded", metadata: ["result": "\(summary)"])
            return .succeeded(summary)
        } catch is LeaseLost {
            metrics.leaseLost.increment()
            logger.warning("job's claim was lost (lease expired or cancelled); its changes were rolled back")
            return .leaseLost
        } catch let busy as HostBusy {
            // Not the source's fault: the job waits for the host without using an attempt, spread
            // over the gap so that the jobs waiting for one host do not all come back at once.
            let now = clock.now()
            let until = max(busy.until, now).addingTimeInterval(random() * max(settings.hostGap, 0.05))
            do {
                try await database { try $0.jobs.release(job, worker: worker, now: now, runAfter: until, reason: busy.description) }
                metrics.deferred.increment()
                logger.info("job deferred: its host is busy", metadata: ["host": "\(busy.host)", "run_after": "\(TimeFormatting.iso(until))"])
                return .deferred(until: until)
            } catch {
                logger.error("could not defer the job: \(error); it will be claimed again when its lease expires")
                return .leaseLost
            }
        } catch {
            if Task.isCancelled {
                let now = clock.now()
                do {
                    // The task is cancelled; the release runs outside it so that it is not cancelled too.
                    try await Task.detached { try await database { try $0.jobs.release(job, worker: worker, now: now) } }.value
                    metrics.released.increment()
                    logger.notice("job released unfinished at shutdown; another worker will run it")
                    return .released
                } catch {
                    logger.error("could not release the job: \(error); it will be claimed again when its lease expires")
                    return .leaseLost
                }
            }
            let (message, retryable) = Self.classify(error)
            let now = clock.now()
            let retryAt = retryable ? now.addingTimeInterval(settings.backoff.delay(afterAttempt: job.attempt, random: random())) : nil
            do {
                let retrying = try await database { try $0.jobs.fail(job, worker: worker, now: now, error: message, retryAt: retryAt) }
                if retrying, let retryAt {
                    metrics.retried.increment()
                    logger.warning("job attempt failed; retrying", metadata: ["error": "\(message)", "retry_at": "\(TimeFormatting.iso(retryAt))"])
                    return .retrying(message, at: retryAt)
                }
                metrics.failed.increment()
                logger.error("job failed", metadata: ["error": "\(message)"])
                return .failed(message)
            } catch is LeaseLost {
                metrics.leaseLost.increment()
                return .leaseLost
            } catch {
                logger.error("could not record the job's failure: \(error); it will be claimed again when its lease expires", metadata: ["error": "\(message)"])
                return .leaseLost
            }
        }
    }

    /// The message to record and whether waiting may help.
    static func classify(_ error: any Error) -> (String, Bool) {
        switch error {
        case let error as FetchError: (error.message, error.retryable)
        case let error as SourceReadError: ("the body could not be read: \(error.message); nothing was recorded (the next due time polls again)", false)
        case let error as PGError: ("database: \(error.message)", true)
        default: (String(describing: error), true)
        }
    }

    func perform(_ job: ClaimedJob) async throws -> String {
        job.source.kind.isPlatform ? try await poll(job) : try await readFeed(job)
    }

    func timedFetch(_ url: String, etag: String? = nil, lastModified: String? = nil) async throws -> FetchOutcome {
        let start = ContinuousClock.now
        defer { metrics.fetchSeconds.record(ContinuousClock.now - start) }
        return try await fetcher.fetch(url, etag: etag, lastModified: lastModified)
    }

    /// A 304 answer: the job completes with every series of the source seen again now.
    func completeUnchanged(_ job: ClaimedJob) async throws {
        let (worker, now) = (settings.workerName, clock.now())
        try await database {
            try $0.jobs.complete(job, worker: worker, now: now, result: { _ in ["outcome": "not modified"] }) { try $0.jobs.recordUnchanged(job, at: now) }
        }
    }

    // MARK: Platforms

    func poll(_ job: ClaimedJob) async throws -> String {
        let worker = settings.workerName
        let outcome = try await timedFetch(job.source.url, etag: job.etag, lastModified: job.lastModified)
        let now = clock.now()
        switch outcome {
        case .notModified:
            try await completeUnchanged(job)
            return "not modified"
        case .body(let bytes, let etag, let lastModified, _):
            let source = job.source
            let reading = try PlatformBody.read(source.kind, body: bytes, pointer: source.pointer, pattern: source.pattern)
            let result = try await database {
                try $0.jobs.completePoll(
                    job, reading: reading, at: now, worker: worker, validators: (etag, lastModified),
                    closedQuiet: settings.closedQuiet)
            }
            if result.figureID != nil { metrics.figuresRecorded.increment() }
            for flag in result.newFlags { logger.notice("flag raised", metadata: ["flag": "\(flag.kind)", "detail": "\(flag.detail)"]) }
            if result.closedNow {
                logger.notice("the petition closed: recorded as the campaign's closed date; polling slows to daily", metadata: ["source": "\(source.id)"])
            }
            if result.stopped {
                logger.notice("source paused: closed, and its count unchanged for the quiet period (--stop-closed-after)", metadata: ["source": "\(source.id)"])
                return "count \(result.count); closed and unchanged, so the source is paused"
            }
            if let previous = result.previous, previous == result.count { return "count \(result.count) unchanged" }
            return "count \(result.count)" + (result.previous.map { " (was \($0))" } ?? " (first poll)")
        }
    }

    // MARK: Feeds

    func readFeed(_ job: ClaimedJob) async throws -> String {
        let worker = settings.workerName
        let outcome = try await timedFetch(job.source.url, etag: job.etag, lastModified: job.lastModified)
        guard case .body(let bytes, let etag, let lastModified, _) = outcome else {
            try await completeUnchanged(job)
            return "feed not modified"
        }
        let items = try Feed.parse(bytes)
        let sourceID = job.source.id
        let keys = items.map(\.key)
        let (fresh, names) = try await database { repository in
            (try repository.jobs.unprocessedFeedItems(source: sourceID, keys: keys), try repository.campaigns.names())
        }
        let freshSet = Set(fresh.prefix(settings.maxItemsPerRun))
        let extractor = Extractor(campaigns: names.map { CampaignNames(slug: $0.slug, names: $0.names) })
        var processed: [JobStore.ProcessedItem] = []
        var skipped: [String] = []
        for item in items where freshSet.contains(item.key) {
            try Task.checkCancellation()
            // An item that cannot be read as it stands is recorded as skipped, with why; the rest of the feed is not held up.
            if let problem = item.problem(now: Date()) {
                processed.append(.init(item: item.skipped, figures: [], error: "skipped: \(problem)"))
                skipped.append("\"\(item.key.prefix(80))\" \(problem)")
                continue
            }
            processed.append(try await read(item, job: job, extractor: extractor, names: names))
        }
        let now = clock.now()
        let toRecord = processed
        let recorded = try await database {
            try $0.jobs.complete(
                job, worker: worker, now: now,
                result: { (r: (items: Int, figures: Int)) in
                    ["items": String(r.items), "figures": String(r.figures), "feed_items": String(items.count)]
                }
            ) { try $0.jobs.recordFeedItems(job, items: toRecord, at: now, worker: worker, validators: (etag, lastModified)) }
        }
        metrics.feedItems.increment(by: Int64(recorded.items))
        metrics.figuresRecorded.increment(by: Int64(recorded.figures))
        let waiting = fresh.count - freshSet.count
        return "\(items.count) items, \(recorded.items) new, \(recorded.figures) figures"
            + (skipped.isEmpty ? "" : ", \(skipped.count) skipped (" + skipped.prefix(3).joined(separator: "; ") + (skipped.count > 3 ? "; ..." : "") + ")")
            + (waiting > 0 ? ", \(waiting) left for the next run" : "")
    }

    /// Reads one item's article (or, without a link, its summary) for figures about tracked campaigns.
    func read(_ item: FeedItem, job: ClaimedJob, extractor: Extractor, names: [(slug: String, names: [String])]) async throws -> JobStore.ProcessedItem {
        var text = item.summary.map(HTMLText.text) ?? ""
        if let url = item.url, SourceURL.problem(url) == nil {
            do {
                if case .body(let bytes, _, _, let contentType) = try await timedFetch(url) {
                    let page = String(decoding: bytes, as: UTF8.self)
                    let isHTML = contentType?.lowercased().contains("html") ?? page.prefix(512).contains("<")
                    text = isHTML ? HTMLText.text(page) : page
                }
            } catch let error as FetchError where !error.retryable {
                return .init(item: item, figures: [], error: error.message)
            }
        }
        if let title = item.title { text = HTMLText.text(title) + "\n\n" + text }
        let found = extractor.extract(text)
        // Figures no sentence or paragraph attributes go to the one tracked campaign the article names, if only one.
        let provenance = ExtractedFigures.Provenance(
            outlet: job.source.outlet, asOf: item.published ?? clock.now(), published: item.published, url: item.url ?? job.source.url,
            fallbackCampaign: ExtractedFigures.soleCampaignNamed(in: text, names: names), note: "from feed source \(job.source.id)",
            fallbackNote: "attributed by the article's campaign name")
        // A figure the store would refuse is left out and said, so that it cannot fail the feed's other items.
        var drafts: [FigureDraft] = []
        var refused: [String] = []
        for draft in ExtractedFigures.drafts(found, provenance).drafts {
            let problems = draft.problems()
            if problems.isEmpty { drafts.append(draft) } else { refused.append("\(draft.value): \(problems[0])") }
        }
        return .init(item: item, figures: drafts, error: refused.isEmpty ? nil : "\(refused.count) figure(s) left out: " + refused.joined(separator: "; "))
    }
}
