import Prometheus

/// The worker's Prometheus metrics, served at /metrics.
public final class WorkerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let claimed: Counter
    let succeeded: Counter
    let failed: Counter
    let retried: Counter
    let released: Counter
    let leaseLost: Counter
    let figuresRecorded: Counter
    let feedItems: Counter
    let running: Gauge
    let fetchSeconds: DurationHistogram

    public init() {
        claimed = registry.makeCounter(name: "petitions_jobs_claimed_total", help: "Jobs claimed by this worker.")
        succeeded = registry.makeCounter(name: "petitions_jobs_succeeded_total", help: "Jobs completed.")
        failed = registry.makeCounter(name: "petitions_jobs_failed_total", help: "Jobs failed for good (no attempts left, or an error waiting cannot fix).")
        retried = registry.makeCounter(name: "petitions_jobs_retried_total", help: "Failed attempts queued again with backoff.")
        released = registry.makeCounter(name: "petitions_jobs_released_total", help: "Jobs given back unfinished at shutdown.")
        leaseLost = registry.makeCounter(name: "petitions_jobs_lease_lost_total", help: "Jobs whose claim was lost (lease expired or cancelled); their changes were rolled back.")
        figuresRecorded = registry.makeCounter(name: "petitions_figures_recorded_total", help: "Figures recorded: polled counts that changed, and figures extracted from feed items.")
        feedItems = registry.makeCounter(name: "petitions_feed_items_processed_total", help: "Feed items read for figures.")
        running = registry.makeGauge(name: "petitions_jobs_running", help: "Jobs this worker is running now.")
        fetchSeconds = registry.makeDurationHistogram(
            name: "petitions_fetch_duration_seconds",
            buckets: [.milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30)],
            help: "Time to fetch a source or article, including the wait for the host's turn.")
    }

    /// The text exposition format.
    public func render() -> String { registry.emitToString() }
}
