import Postgres

extension PGPool {
    /// Runs store calls with a pooled connection, on that connection's own thread: the async
    /// boundary of the store. Callers write the calls as they would synchronously; none of them
    /// blocks Swift's concurrency pool.
    public nonisolated func repository<T>(_ body: (Repository) throws -> T) async throws -> T {
        try await withConnection { connection in try body(Repository(connection)) }
    }
}
