import Foundation

/// Recent replies, kept for a few seconds: a page linked from a story is read by many at once, and
/// each reading would otherwise run the same statements and render the same page. Concurrent
/// requests for one missing entry wait for a single computation. Readers see data at most
/// `lifetime` old (Cache-Control already lets caches keep it longer).
actor ResponseCache {
    private struct Entry {
        var reply: Reply
        var expires: ContinuousClock.Instant
    }

    let lifetime: Duration
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private var computing: [String: Task<Reply, any Error>] = [:]
    private(set) var hits = 0
    private(set) var misses = 0

    init(lifetime: TimeInterval, capacity: Int = 1000) {
        self.lifetime = .milliseconds(Int64(lifetime * 1000))
        self.capacity = capacity
    }

    /// The cached reply for `key`, or the one `compute` makes (stored when it is a 200).
    func reply(for key: String, _ compute: @escaping @Sendable () async throws -> Reply) async throws -> Reply {
        guard lifetime > .zero else { return try await compute() }
        let now = ContinuousClock.now
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
        if entries[key] == nil {
            order.append(key)
            if order.count > capacity {
                let dropped = order.removeFirst()
                entries[dropped] = nil
            }
        }
        entries[key] = Entry(reply: reply, expires: ContinuousClock.now + lifetime)
    }
}
