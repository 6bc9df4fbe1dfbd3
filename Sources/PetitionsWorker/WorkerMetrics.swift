import Prometheus

/// The worker's Prometheus metrics, served at /metrics.
public final class WorkerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let claimed: Counter
    let succeeded: Counter
    let failed: Counter
    let retried: Counter
    let released: Counter
    let deferred: Counter
    let pruned: Counter
    let leaseLost: Counter
    let figuresRecorded: Counter
    let feedItems: Counter
    let alertsSent: Counter
    let running: Gauge
    let fetchSeconds: DurationHistogram

    public init() {
        claimed = registry.makeCounter(
            descriptor: .init(namespace: "petitions", metricName: "jobs_claimed", unitName: "total", helpText: "Jobs claimed by this worker."))
        succeeded = registry.makeCounter(
            descriptor: .init(namespace: "petitions", metricName: "jobs_succeeded", unitName: "total", helpText: "Jobs completed."))
        failed = registry.makeCounter(
            descriptor: .init(
                namespace: "petitions", metricName: "jobs_failed", unitName: "total",
                helpText: "Jobs failed for good (no attempts left, or an error waiting cannot fix)."))
        retried = registry.makeCounter(
            descriptor: .init(namespace: "petitions", metricName: "jobs_retried", unitName: "total", helpText: "Failed attempts queued again with backoff."))
        released = registry.makeCounter(
            descriptor: .init(namespace: "petitions", metricName: "jobs_released", unitName: "total", helpText: "Jobs given back unfinished at shutdown."))
        deferred = registry.makeCounter(
            descriptor: .init(
                namespace: "petitions", metricName: "jobs_deferred", unitName: "total",
                helpText: "Jobs given back because another worker was fetching from their host."))
        pruned = registry.makeCounter(
            descriptor: .init(
                namespace: "petitions", metricName: "jobs_pruned", unitName: "total", helpText: "Finished jobs pruned by this worker (retention)."))
        leaseLost = registry.makeCounter(
            descriptor: .init(
                namespace: "petitions", metricName: "jobs_lease_lost", unitName: "total",
                helpText: "Jobs whose claim was lost (lease expired or cancelled); their changes were rolled back."))
        figuresRecorded = registry.makeCounter(
            descriptor: .init(
                namespace: "petitions", metricName: "figures_recorded", unitName: "total",
                helpText: "Figures recorded: polled counts that changed, and figures extracted from feed items."))
        alertsSent = registry.makeCounter(
            descriptor: .init(
                namespace: "petitions", metricName: "alerts_sent", unitName: "total", helpText: "Alert deliveries sent (webhook 2xx, or command exit 0)."))
        feedItems = registry.makeCounter(
            descriptor: .init(namespace: "petitions", metricName: "feed_items_processed", unitName: "total", helpText: "Feed items read for figures."))
        running = registry.makeGauge(
            descriptor: .init(namespace: "petitions", metricName: "jobs", unitName: "running", helpText: "Jobs this worker is running now."))
        fetchSeconds = registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "petitions", metricName: "fetch_duration", unitName: "seconds",
                helpText: "Time to fetch a source or article, including the wait for the host's turn."),
            buckets: [
                .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
                .seconds(10), .seconds(30),
            ])
    }

    /// The text exposition format.
    public func render() -> String { registry.emitToString() }
}
