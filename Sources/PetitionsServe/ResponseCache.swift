import Foundation

/// Recent replies, kept for a few seconds: a page linked from a story is read by many at once, and
/// each reading would otherwise run the same statements and render the same page. Concurrent
/// requests for one missing entry wait for a single computation. Readers see data at most
/// `lifetime` old (Cache-Control already lets caches keep it longer).
///
/// Bounded by bytes as well as by entries: distinct large requests (every query string an outsider
/// can invent) cannot grow it past `byteBudget`; the oldest entries go first, expired ones are
/// dropped as soon as a store finds them, and a reply larger than an eighth of the budget is
/// answered but not kept.
actor ResponseCache {
    private struct Entry {
        var reply: Reply
        var expires: ContinuousClock.Instant
        var bytes: Int
    }

    let lifetime: Duration
    let capacity: Int
    let byteBudget: Int
    private var entries: [String: Entry] = [:]
    /// Keys oldest first (a key stored again moves to the end).
    private var order: [String] = []
    private var computing: [String: Task<Reply, any Error>] = [:]
    private(set) var hits = 0
    private(set) var misses = 0
    /// Bytes the kept replies hold (bodies, headers and keys).
    private(set) var bytes = 0
    var count: Int { entries.count }
    /// The time, from the continuous clock; tests pass a clock they move by hand.
    private let now: @Sendable () -> ContinuousClock.Instant

    init(
        lifetime: TimeInterval, capacity: Int = 1000, byteBudget: Int = 64 << 20,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.lifetime = .milliseconds(Int64(lifetime * 1000))
        self.capacity = capacity
        self.byteBudget = byteBudget
        self.now = now
    }

    /// The cached reply for `key`, or the one `compute` makes (stored when it is a 200).
    func reply(for key: String, _ compute: @escaping @Sendable () async throws -> Reply) async throws -> Reply {
        guard lifetime > .zero else { return try await compute() }
        let now = now()
        if let entry = entries[key], entry.expires > now {
            hits += 1
            return entry.reply
        }
        misses += 1
        if let running = computing[key] { return try await running.value }
        let task = Task { try await compute() }
        computing[key] = task
        defer { computing[key] = nil }
        let reply = try await task.value
        if reply.status == 200 { store(key, reply) }
        return reply
    }

    private func store(_ key: String, _ reply: Reply) {
        let now = now()
        remove(key)
        // Entries expire in the order they were stored: drop the expired from the front.
        while let oldest = order.first, let entry = entries[oldest], entry.expires <= now { remove(oldest) }
        let size = reply.body.count + key.utf8.count + reply.headers.reduce(reply.contentType.utf8.count) { $0 + $1.0.utf8.count + $1.1.utf8.count } + 64
        guard size <= byteBudget / 8 else { return }
        while !order.isEmpty && (bytes + size > byteBudget || order.count >= capacity) { remove(order[0]) }
        entries[key] = Entry(reply: reply, expires: now + lifetime, bytes: size)
        order.append(key)
        bytes += size
    }

    private func remove(_ key: String) {
        guard let entry = entries.removeValue(forKey: key) else { return }
        bytes -= entry.bytes
        if let index = order.firstIndex(of: key) { order.remove(at: index) }
    }
}
