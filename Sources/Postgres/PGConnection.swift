import CLibPQ
import Foundation
import Logging
import Synchronization

/// One libpq connection.
///
/// libpq connections are not thread-safe: every call into libpq is serialised by a lock, so a
/// connection is safe to hand between tasks, but it runs one statement at a time. Use `PGPool`
/// for concurrency. Calls block the calling thread while the server works.
///
/// Each session is set to `client_encoding=UTF8`, `DateStyle=ISO`, `TimeZone=UTC`, which the
/// text decoders rely on. A connection that breaks is re-established on its next use; the
/// operation that was in flight throws a `.connectionLost` error.
public final class PGConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private let lock = NSRecursiveLock()
    private let connectionString: String
    var needsReset = false
    private let resultCounter = ResultCounter()
    public let logger: Logger

    /// `PGresult`s of this connection not yet cleared. Always 0 between calls; tests assert it.
    public var liveResults: Int { resultCounter.live.load(ordering: .relaxed) }
    /// `PGresult`s this connection has created so far.
    public var resultsCreated: Int { resultCounter.created.load(ordering: .relaxed) }

    /// The connection string with its password redacted.
    public var redactedConnectionString: String { ConnectionString.redacted(connectionString) }

    /// Connects with a URL or key/value conninfo. Anything the string leaves out comes from libpq's
    /// environment (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSFILE`, `PGSERVICE`, `PGSSLMODE`, ...).
    /// - Throws: `PGError` of kind `.connection` with libpq's reason and the redacted string.
    /// - Parameter statementTimeout: when set, the server cancels a statement that runs longer
    ///   (`statement_timeout`), and this side gives up waiting for an answer 15 s after that: a link
    ///   that stopped forwarding (a dead proxy, a partitioned network) then fails the call with
    ///   `.connectionLost` instead of hanging it, and the connection is re-established on next use.
    public init(
        _ connectionString: String, applicationName: String = "petitions", logger: Logger = Logger(label: "petitions.postgres"),
        statementTimeout: TimeInterval? = nil
    ) throws {
        self.connectionString = connectionString
        self.logger = logger
        self.statementTimeout = statementTimeout
        try ConnectionString.validate(connectionString)
        let handle = try Self.open(connectionString, applicationName: applicationName)
        resultCounter.register(on: handle)
        self.handle = handle
        try setUpSession()
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection now rather than at deinit. Further use throws.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Connection parameters set unless the connection string says otherwise.
    public static let defaultParameters: [(String, String)] = [
        ("connect_timeout", "10"), ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"), ("keepalives_count", "3"),
        ("tcp_user_timeout", "60000"),
    ]

    private static func open(_ connectionString: String, applicationName: String) throws -> OpaquePointer {
        // Defaults that the string overrides (it comes after them): a dead peer on a TCP connection is
        // noticed within about a minute (keepalives, and tcp_user_timeout for unacknowledged data),
        // and a server that never answers the connect within 10 s. Unix sockets ignore the TCP ones.
        let defaults = Self.defaultParameters
        let keywords = defaults.map(\.0) + ["dbname", "fallback_application_name"]
        let values = defaults.map(\.1) + [connectionString, applicationName]
        let connection: OpaquePointer? = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PGError(.connection, message: "could not allocate a libpq connection (out of memory)")
        }
        if PQstatus(connection) != CONNECTION_OK {
            let reason = ConnectionString.scrub(
                String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines), of: connectionString)
            PQfinish(connection)
            throw PGError(
                .connection,
                message: "could not connect to PostgreSQL at \"\(ConnectionString.redacted(connectionString))\": \(reason)",
                hint:
                    "check that the server is running and the connection string is right; without --database-url or PETITIONS_DATABASE_URL, `petitions db start` runs the embedded server"
            )
        }
        return connection
    }

    private func setUpSession() throws {
        var settings =
            "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = 'iso_8601'; SET extra_float_digits = 3; SET client_min_messages = 'warning'"
        if let statementTimeout { settings += "; SET statement_timeout = \(Int(statementTimeout * 1000))" }
        try executeScript(unsafeSQL: settings)
    }

    /// The server's `statement_timeout` for this session, if set at init.
    public let statementTimeout: TimeInterval?
    /// How long to wait for the server's answer before taking the link for dead.
    var responseDeadline: TimeInterval? { statementTimeout.map { $0 + 15 } }

    /// Sends a statement and waits for its results, at most `responseDeadline` seconds when one is
    /// set (else it blocks as PQexec does). Returns what PQexec would: the last result, or the first
    /// error; nil when the statement could not be sent.
    private func run(_ handle: OpaquePointer, statement: String, blocking: () -> OpaquePointer?, send: () -> Int32) throws -> OpaquePointer? {
        guard let deadlineSeconds = responseDeadline else { return blocking() }
        guard send() == 1 else { return nil }
        let deadline = Date().addingTimeInterval(deadlineSeconds)
        var kept: OpaquePointer?
        while true {
            while PQisBusy(handle) == 1 {
                let remaining = deadline.timeIntervalSinceNow
                if remaining <= 0 {
                    if let kept { PQclear(kept) }
                    // The answer may never come: drop the connection; it is re-established on next use.
                    needsReset = true
                    preparedStatements = [:]
                    logger.warning("PostgreSQL did not answer in time; dropping the connection", metadata: ["db.connection": "\(redactedConnectionString)"])
                    throw PGError(
                        .connectionLost,
                        message:
                            "PostgreSQL did not answer within \(Int(deadlineSeconds))s (the network or a proxy may have stopped forwarding); the statement's outcome is unknown",
                        statement: statement)
                }
                var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
                _ = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000) + 1)
                if PQconsumeInput(handle) == 0 { break }  // the connection broke: PQgetResult says so
            }
            guard let result = PQgetResult(handle) else { break }
            let status = PQresultStatus(result)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                if let kept { PQclear(kept) }
                return result
            }
            let failed = status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE
            if let previous = kept {
                let previousFailed = PQresultStatus(previous) == PGRES_FATAL_ERROR || PQresultStatus(previous) == PGRES_BAD_RESPONSE
                if previousFailed { PQclear(result); continue }
                PQclear(previous)
            }
            kept = result
            _ = failed
        }
        return kept
    }

    /// Returns a live handle, re-establishing a connection that broke during an earlier operation.
    private func liveHandle() throws -> OpaquePointer {
        guard let handle else { throw PGError(.usage, message: "the connection was closed") }
        if needsReset || PQstatus(handle) != CONNECTION_OK {
            PQreset(handle)
            guard PQstatus(handle) == CONNECTION_OK else {
                let reason = ConnectionString.scrub(
                    String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines), of: connectionString)
                throw PGError(
                    .connection, message: "could not re-establish the connection to \"\(redactedConnectionString)\": \(reason)",
                    hint: "check that the server is running")
            }
            needsReset = false
            preparedStatements = [:]
            logger.info("re-established the PostgreSQL connection", metadata: ["db.connection": "\(redactedConnectionString)"])
            try setUpSession()
        }
        return handle
    }

    /// Server process ID of this session (for `pg_terminate_backend`, logs).
    public var backendPID: Int {
        lock.withLock { handle.map { Int(PQbackendPID($0)) } ?? 0 }
    }

    /// The server version as an integer, such as 150018 for 15.18.
    public var serverVersion: Int {
        lock.withLock { handle.map { Int(PQserverVersion($0)) } ?? 0 }
    }

    /// True inside a transaction block (including a failed one).
    public var isInTransaction: Bool {
        lock.withLock {
            guard let handle else { return false }
            let status = PQtransactionStatus(handle)
            return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
        }
    }

    /// Runs `body` with the live handle under the connection's lock (for extensions in this module).
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withLock { try body(try liveHandle()) }
    }

    /// Copies and clears a result (for extensions in this module).
    func consumeResult(_ result: OpaquePointer?, statement: String) throws -> PGResult {
        try consume(result, statement: statement)
    }

    // MARK: Statements

    /// Runs one statement with bound parameters and returns all its rows.
    ///
    /// Each distinct statement (its text and parameter types) is prepared once per session and run
    /// with `PQexecPrepared` after that, so the server parses and plans it once instead of on every
    /// call; up to `statementCacheLimit` statements a connection, the rest run unprepared. Set
    /// `PETITIONS_PREPARED_STATEMENTS=off` for a pooler that cannot keep prepared statements
    /// (PgBouncer in transaction mode).
    @discardableResult
    public func query(_ query: PGQuery) throws -> PGResult {
        try lock.withLock {
            let handle = try liveHandle()
            let bindings = try query.checkedBindings()
            logger.trace("query", metadata: ["db.statement": "\(query.sql)"])
            statementObserver?(query.sql, bindings)
            guard Self.preparesStatements else { return try unprepared(handle, query.sql, bindings) }
            let key = StatementKey(sql: query.sql, types: bindings.map(\.type.rawValue))
            var name = preparedStatements[key]
            if name == nil, preparedStatements.count < Self.statementCacheLimit {
                let candidate = "petitions_\(preparedStatements.count + 1)"
                let prepared = try Self.withParameters(bindings) { count, types, _, _, _ in
                    try run(
                        handle, statement: query.sql, blocking: { PQprepare(handle, candidate, query.sql, count, types) },
                        send: { PQsendPrepare(handle, candidate, query.sql, count, types) })
                }
                _ = try consume(prepared, statement: query.sql)
                preparedStatements[key] = candidate
                name = candidate
            }
            guard let name else { return try unprepared(handle, query.sql, bindings) }
            let result = try Self.withParameters(bindings) { count, _, values, lengths, formats in
                try run(
                    handle, statement: query.sql, blocking: { PQexecPrepared(handle, name, count, values, lengths, formats, 0) },
                    send: { PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0) })
            }
            do {
                return try consume(result, statement: query.sql)
            } catch let error as PGError where error.sqlState == "0A000" && error.message.contains("cached plan must not change result type") {
                // A table the statement reads changed shape: prepare it again, once (outside a failed transaction).
                guard !isInTransaction else { throw error }
                _ = try? consume(PQexec(handle, "DEALLOCATE \(name)"), statement: "DEALLOCATE")
                let prepared = Self.withParameters(bindings) { count, types, _, _, _ in PQprepare(handle, name, query.sql, count, types) }
                _ = try consume(prepared, statement: query.sql)
                let again = Self.withParameters(bindings) { count, _, values, lengths, formats in
                    PQexecPrepared(handle, name, count, values, lengths, formats, 0)
                }
                return try consume(again, statement: query.sql)
            }
        }
    }

    private func unprepared(_ handle: OpaquePointer, _ sql: String, _ bindings: [PGValue]) throws -> PGResult {
        let result = try Self.withParameters(bindings) { count, types, values, lengths, formats in
            try run(
                handle, statement: sql, blocking: { PQexecParams(handle, sql, count, types, values, lengths, formats, 0) },
                send: { PQsendQueryParams(handle, sql, count, types, values, lengths, formats, 0) })
        }
        return try consume(result, statement: sql)
    }

    /// Sees each statement `query` runs, with its bound values, before it runs. For benchmarks
    /// that replay an operation's exact statements through pgbench; nil (off) otherwise.
    public var statementObserver: (@Sendable (String, [PGValue]) -> Void)?

    struct StatementKey: Hashable {
        var sql: String
        var types: [UInt32]
    }
    /// Statements prepared on the current session, by text and parameter types.
    private var preparedStatements: [StatementKey: String] = [:]
    public static let statementCacheLimit = 500
    static let preparesStatements = ProcessInfo.processInfo.environment["PETITIONS_PREPARED_STATEMENTS"]?.lowercased() != "off"

    /// Runs one statement and returns the number of rows it affected (0 when the command reports none).
    @discardableResult
    public func execute(_ statement: PGQuery) throws -> Int {
        try query(statement).affectedRows ?? 0
    }

    /// Runs trusted, program-supplied SQL text that may hold several statements (a migration file).
    /// It takes no parameters: never build this text from user input.
    public func executeScript(unsafeSQL sql: String) throws {
        try lock.withLock {
            // A connection that broke is re-established here too (BEGIN is often the first statement after a restart).
            let handle = try liveHandle()
            if sql.utf8.contains(0) { throw PGError(.encoding, message: "SQL text contains a NUL character") }
            // PQexec returns the last result only; libpq discards (and frees) the earlier ones.
            let result = try run(handle, statement: sql, blocking: { PQexec(handle, sql) }, send: { PQsendQuery(handle, sql) })
            _ = try consume(result, statement: sql)
        }
    }

    /// Streams a large result one row at a time (libpq single-row mode), in constant memory.
    /// If `body` throws, the query is cancelled and its remaining rows are discarded.
    public func forEachRow(_ query: PGQuery, _ body: (PGRow) throws -> Void) throws {
        try lock.withLock {
            let handle = try liveHandle()
            let bindings = try query.checkedBindings()
            let sent = Self.withParameters(bindings) { count, types, values, lengths, formats in
                PQsendQueryParams(handle, query.sql, count, types, values, lengths, formats, 0)
            }
            guard sent == 1 else { throw failure(nil, statement: query.sql) }
            PQsetSingleRowMode(handle)
            var firstError: (any Error)?
            while let result = PQgetResult(handle) {
                if firstError != nil { PQclear(result); continue }
                let status = PQresultStatus(result)
                if status == PGRES_SINGLE_TUPLE {
                    let rows = Self.copyResult(result, statement: query.sql)
                    PQclear(result)
                    do {
                        try body(rows[0])
                    } catch {
                        firstError = error
                        Self.cancel(handle)
                    }
                } else {
                    do { _ = try consume(result, statement: query.sql) } catch { firstError = error }
                }
            }
            if let firstError { throw firstError }
        }
    }

    private static func cancel(_ handle: OpaquePointer) {
        guard let cancel = PQgetCancel(handle) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
        PQfreeCancel(cancel)
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    /// Nested calls use savepoints, so an inner failure rolls back only the inner part.
    @discardableResult
    public func withTransaction<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try lock.withLock {
            let nested = isInTransaction
            let savepoint = "petitions_sp_\(savepointCounter)"
            savepointCounter += 1
            try executeScript(unsafeSQL: nested ? "SAVEPOINT \(savepoint)" : "BEGIN")
            do {
                let value = try body(self)
                try executeScript(unsafeSQL: nested ? "RELEASE SAVEPOINT \(savepoint)" : "COMMIT")
                return value
            } catch {
                if let handle, PQstatus(handle) == CONNECTION_OK {
                    try? executeScript(unsafeSQL: nested ? "ROLLBACK TO SAVEPOINT \(savepoint)" : "ROLLBACK")
                }
                throw error
            }
        }
    }
    private var savepointCounter = 0

    // MARK: Results

    /// Copies a result out of libpq and clears it, on every path.
    private func consume(_ result: OpaquePointer?, statement: String) throws -> PGResult {
        guard let result else { throw failure(nil, statement: statement) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE, PGRES_EMPTY_QUERY:
            return Self.copyResult(result, statement: statement)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            throw PGError(.usage, message: "COPY must be run with copyFrom(_:)", statement: statement)
        default:
            throw failure(result, statement: statement)
        }
    }

    /// Builds the error for a failed result (or a missing one), marking the connection for
    /// re-establishment if it broke.
    private func failure(_ result: OpaquePointer?, statement: String) -> PGError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let connectionMessage = handle.map { String(cString: PQerrorMessage($0)) } ?? "the connection was closed"
        let message = field("M") ?? (result.map { String(cString: PQresultErrorMessage($0)) } ?? connectionMessage)
        let broken = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        if broken {
            needsReset = true
            logger.warning("lost the PostgreSQL connection", metadata: ["db.connection": "\(redactedConnectionString)"])
            return PGError(
                .connectionLost,
                message:
                    "the connection to PostgreSQL was lost while a statement was running; it did not complete, or its outcome is unknown (\(message.trimmingCharacters(in: .whitespacesAndNewlines)))",
                sqlState: field("C"),
                hint: "the connection is re-established on its next use; retry the operation",
                statement: statement)
        }
        return PGError(
            .server, message: message.trimmingCharacters(in: .whitespacesAndNewlines), sqlState: field("C"), detail: field("D"),
            hint: field("H"), statement: statement)
    }

    static func copyResult(_ result: OpaquePointer, statement: String) -> PGResult {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var columns: [PGColumn] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            columns.append(PGColumn(name: String(cString: PQfname(result, Int32(column))), type: PGType(rawValue: PQftype(result, Int32(column)))))
        }
        var cells: [[String?]] = []
        cells.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, Int32(row), Int32(column)))
                    let pointer = UnsafeRawPointer(PQgetvalue(result, Int32(row), Int32(column))!)
                    values.append(String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self))
                }
            }
            cells.append(values)
        }
        let tag = String(cString: PQcmdStatus(result))
        let tuples = String(cString: PQcmdTuples(result))
        return PGResult(columns: columns, cells: cells, affectedRows: Int(tuples), commandTag: tag, statement: statement)
    }

    /// Lays out bound values for `PQexecParams`/`PQsendQueryParams`; the pointers live only during `body`.
    static func withParameters<R>(
        _ values: [PGValue],
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws -> R
    ) rethrows -> R {
        var storage: [UInt8] = []
        storage.reserveCapacity(values.reduce(1) { $0 + ($1.bytes?.count ?? 0) + 1 })
        var offsets: [Int?] = []
        for value in values {
            if let bytes = value.bytes {
                offsets.append(storage.count)
                storage.append(contentsOf: bytes)
                storage.append(0)  // text values must be NUL-terminated for libpq
            } else {
                offsets.append(nil)
            }
        }
        storage.append(0)
        let types = values.map { Oid($0.type.rawValue) }
        let lengths = values.map { Int32($0.bytes?.count ?? 0) }
        let formats = values.map { $0.format.rawValue }
        return try storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let pointers: [UnsafePointer<CChar>?] = offsets.map { $0.map { base + $0 } }
            return try body(Int32(values.count), types, pointers, lengths, formats)
        }
    }

    // MARK: COPY

    /// Streams rows into `COPY ... FROM STDIN`. `body` writes text (in the COPY's format) to the
    /// writer, which sends it in chunks counted in UTF-8 bytes. If `body` throws, the COPY is
    /// aborted and nothing of it is kept.
    /// - Returns: the number of rows the server copied.
    @discardableResult
    public func copyFrom(_ copyStatement: String, _ body: (inout PGCopyWriter) throws -> Void) throws -> Int {
        try lock.withLock {
            let handle = try liveHandle()
            let start = PQexec(handle, copyStatement)
            guard let start else { throw failure(nil, statement: copyStatement) }
            guard PQresultStatus(start) == PGRES_COPY_IN else {
                defer { PQclear(start) }
                if PQresultStatus(start) == PGRES_FATAL_ERROR { throw failure(start, statement: copyStatement) }
                throw PGError(.usage, message: "the statement did not start COPY FROM STDIN", statement: copyStatement)
            }
            PQclear(start)
            var writer = PGCopyWriter(handle: handle)
            var bodyError: (any Error)?
            do {
                try body(&writer)
                try writer.flush()
            } catch {
                bodyError = error
            }
            let endStatus: Int32
            if let bodyError {
                endStatus = PQputCopyEnd(handle, "aborted by the client: \(bodyError)".replacingOccurrences(of: "\0", with: ""))
            } else {
                endStatus = PQputCopyEnd(handle, nil)
            }
            var copied = 0
            var serverError: (any Error)?
            if endStatus != 1 { serverError = failure(nil, statement: copyStatement) }
            while let result = PQgetResult(handle) {
                if serverError != nil || bodyError != nil { PQclear(result); continue }
                do { copied = try consume(result, statement: copyStatement).affectedRows ?? 0 } catch { serverError = error }
            }
            if let bodyError { throw bodyError }
            if let serverError { throw serverError }
            return copied
        }
    }
}

/// Buffers COPY data and sends it to the server in chunks.
public struct PGCopyWriter {
    fileprivate let handle: OpaquePointer
    private var buffer: [UInt8] = []
    /// Bytes sent so far.
    public private(set) var bytesSent = 0
    static let chunkSize = 256 * 1024

    fileprivate init(handle: OpaquePointer) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends text; its UTF-8 bytes are what is counted and sent.
    public mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Appends raw bytes.
    public mutating func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Sends what is buffered.
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try Self.put(buffer, handle)
        bytesSent += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    private static func put(_ bytes: [UInt8], _ handle: OpaquePointer) throws {
        guard !bytes.isEmpty else { return }
        let status = bytes.withUnsafeBufferPointer { pointer in
            UnsafeRawPointer(pointer.baseAddress!).withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                PQputCopyData(handle, $0, Int32(pointer.count))
            }
        }
        guard status == 1 else {
            throw PGError(
                .server, message: "could not send COPY data: \(String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Appends one field of a text-format row, escaped straight into the buffer (no intermediate
    /// string); `nil` is `\N`. `last` ends the row with a newline, otherwise a tab follows.
    public mutating func field(_ value: String?, last: Bool = false) throws {
        PGCopyRows.append(value, last: last, to: &buffer)
        if last && buffer.count >= Self.chunkSize { try flush() }
    }

    /// Sends rows encoded elsewhere (by `PGCopyRows`, on another thread), after what is buffered.
    public mutating func send(_ rows: PGCopyRows) throws {
        try flush()
        try Self.put(rows.bytes, handle)
        bytesSent += rows.count
    }

    /// Escapes a value for COPY's text format (backslash, tab, newline, carriage return); `nil` is `\N`.
    public static func escape(_ value: String?) -> String {
        guard let value else { return "\\N" }
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

/// Rows in COPY's text format, encoded away from the connection (for example on a thread that
/// reads and checks a file while the connection sends what is ready), then sent with
/// `PGCopyWriter.send(_:)`.
public struct PGCopyRows: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }

    /// Appends one field, escaped; `nil` is `\N`. `last` ends the row with a newline, otherwise a tab follows.
    public mutating func field(_ value: String?, last: Bool = false) {
        Self.append(value, last: last, to: &bytes)
    }

    static func append(_ value: String?, last: Bool, to buffer: inout [UInt8]) {
        if let value {
            for byte in value.utf8 {
                switch byte {
                case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
                case 0x09: buffer.append(0x5C); buffer.append(0x74)
                case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
                case 0x0D: buffer.append(0x5C); buffer.append(0x72)
                default: buffer.append(byte)
                }
            }
        } else {
            buffer.append(0x5C)
            buffer.append(0x4E)
        }
        buffer.append(last ? 0x0A : 0x09)
    }
}

private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let cStrings = strings.map { strdup($0) }
    defer { cStrings.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) }
    pointers.append(nil)
    return body(&pointers)
}
