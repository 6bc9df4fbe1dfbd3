import Prometheus

/// The web service's Prometheus metrics, served at /metrics.
public final class ServeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    public init() {}

    /// One request answered: counted by route and status, timed by route.
    func answered(route: String, status: Int, nanoseconds: Int64) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "petitions", metricName: "http_requests", unitName: "total",
                helpText: "Requests answered, by route and status."),
            labels: [("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "petitions", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer a request, by route."),
            labels: [("route", route)], buckets: Self.buckets
        ).recordNanoseconds(nanoseconds)
    }

    /// The text exposition format.
    public func render() -> String { registry.emitToString() }
}
