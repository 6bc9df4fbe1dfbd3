import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.ownThread) struct TransactionTests {
    @Test func commitsOnReturnAndRollsBackOnThrow() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE t (n int NOT NULL)")
            try db.withTransaction { tx in try tx.execute("INSERT INTO t VALUES (\(1))") }
            struct Boom: Error {}
            #expect(throws: Boom.self) {
                try db.withTransaction { tx in
                    try tx.execute("INSERT INTO t VALUES (\(2))")
                    throw Boom()
                }
            }
            #expect(try db.query("SELECT array_agg(n ORDER BY n) AS ns FROM t")[0].decode("ns", as: [Int].self) == [1])
            #expect(!db.isInTransaction)
        }
    }

    @Test func serverErrorInsideTransactionRollsBackEverything() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE t (n int PRIMARY KEY)")
            #expect(throws: PGError.self) {
                try db.withTransaction { tx in
                    try tx.execute("INSERT INTO t VALUES (\(1))")
                    try tx.execute("INSERT INTO t VALUES (\(1))")
                }
            }
            #expect(try db.query("SELECT count(*) AS c FROM t")[0].decode("c", as: Int.self) == 0)
        }
    }

    @Test func nestedTransactionUsesASavepoint() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE t (n int NOT NULL)")
            try db.withTransaction { tx in
                try tx.execute("INSERT INTO t VALUES (\(1))")
                _ = try? tx.withTransaction { inner -> Void in
                    try inner.execute("INSERT INTO t VALUES (\(2))")
                    try inner.execute("SELECT 1/0")
                }
                try tx.execute("INSERT INTO t VALUES (\(3))")
            }
            #expect(try db.query("SELECT array_agg(n ORDER BY n) AS ns FROM t")[0].decode("ns", as: [Int].self) == [1, 3])
        }
    }
}

@Suite(.ownThread) struct ErrorTests {
    @Test func uniqueViolationKeepsSQLStateDetailAndStatementButNoValues() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE outlets (slug text PRIMARY KEY)")
            try db.execute("INSERT INTO outlets VALUES (\("washington-post"))")
            let error = #expect(throws: PGError.self) { try db.execute("INSERT INTO outlets VALUES (\("washington-post"))") }
            #expect(error?.kind == .server)
            #expect(error?.sqlState == "23505")
            #expect(error?.isUniqueViolation == true)
            #expect(error?.message.contains("outlets_pkey") == true)
            #expect(error?.detail?.contains("already exists") == true)
            #expect(error?.statement == "INSERT INTO outlets VALUES ($1)")
            // The bound value reaches the error only through the server's detail, never via the statement.
            #expect(error?.statement?.contains("washington-post") == false)
        }
    }

    @Test func hintIsKept() async throws {
        try await TestDatabase.withConnection { db, _ in
            let error = #expect(throws: PGError.self) { try db.query("SELECT lenght('x')") }
            #expect(error?.sqlState == "42883")
            #expect(error?.hint?.isEmpty == false)
        }
    }

    @Test func connectionErrorsRedactThePassword() throws {
        let url = "postgresql://editor:s3cret-pw@127.0.0.1:1/petitions?connect_timeout=2"
        let error = #expect(throws: PGError.self) { try PGConnection(url) }
        #expect(error?.kind == .connection)
        #expect(error?.description.contains("s3cret-pw") == false)
        #expect(error?.description.contains("editor:***@127.0.0.1") == true)
    }

    @Test func malformedConnectionStringIsExplained() throws {
        let error = #expect(throws: PGError.self) { try PGConnection("host=/tmp password='open") }
        #expect(error?.message.contains("invalid connection string") == true)
        #expect(error?.description.contains("open") == false)
    }

    @Test(arguments: [
        ("postgresql://ann:pw@db.example.org:5432/petitions", "postgresql://ann:***@db.example.org:5432/petitions"),
        ("postgres://ann@db/petitions?password=pw&sslmode=require", "postgres://ann@db/petitions?password=***&sslmode=require"),
        ("host=/run/db password=pw dbname=petitions", "host=/run/db password=*** dbname=petitions"),
        ("host=db password = 'p w\\'x' user=ann", "host=db password = *** user=ann"),
        ("postgresql:///petitions?host=/tmp", "postgresql:///petitions?host=/tmp"),
    ])
    func redaction(input: String, expected: String) {
        #expect(ConnectionString.redacted(input) == expected)
    }
}

@Suite(.ownThread) struct ReconnectTests {
    @Test func terminatedBackendGivesAClearErrorThenReconnects() async throws {
        try await TestDatabase.withConnection { victim, url in
            let killer = try PGConnection(url)
            defer { killer.close() }
            let oldPID = victim.backendPID
            #expect(try killer.query("SELECT pg_terminate_backend(\(Int32(oldPID))) AS done")[0].decode("done", as: Bool.self))
            let error = #expect(throws: PGError.self) { try victim.query("SELECT 1 AS one") }
            #expect(error?.kind == .connectionLost)
            #expect(error?.message.contains("connection to PostgreSQL was lost") == true)
            #expect(error?.statement == "SELECT 1 AS one")
            // The next use re-establishes the connection.
            #expect(try victim.query("SELECT 2 AS two")[0].decode("two", as: Int.self) == 2)
            #expect(victim.backendPID != oldPID)
            // Session settings are back too.
            #expect(try victim.query("SHOW TimeZone")[0].decode(at: 0, as: String.self) == "UTC")
        }
    }
}

@Suite(.ownThread) struct CopyTests {
    @Test func copiesMultiByteRowsCountingBytes() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE names (n int, name text)")
            let names = ["山田 太郎", "Zoë Ångström", "Ψυχή", "🎨 artist", "tab\there", "line\nbreak", "back\\slash", "李华"]
            var expected: [String] = []
            let copied = try db.copyFrom("COPY names (n, name) FROM STDIN") { writer in
                for index in 0..<20_000 {
                    let name = names[index % names.count] + " \(index)"
                    expected.append(name)
                    try writer.write("\(index)\t\(PGCopyWriter.escape(name))\n")
                }
                try writer.write("20000\t\(PGCopyWriter.escape(nil))\n")
            }
            #expect(copied == 20_001)
            let row = try db.query("SELECT count(*) AS c, count(name) AS named, sum(octet_length(name)) AS bytes FROM names")[0]
            #expect(try row.decode("c", as: Int.self) == 20_001)
            #expect(try row.decode("named", as: Int.self) == 20_000)
            #expect(try row.decode("bytes", as: Int.self) == expected.reduce(0) { $0 + $1.utf8.count })
            let sample = try db.query("SELECT name FROM names WHERE n = \(3)")[0].decode("name", as: String.self)
            #expect(sample == "🎨 artist 3")
        }
    }

    @Test func badRowAbortsTheWholeCopy() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE nums (n int NOT NULL)")
            let error = #expect(throws: PGError.self) {
                try db.copyFrom("COPY nums FROM STDIN") { writer in
                    for index in 0..<1000 { try writer.write(index == 500 ? "five hundred\n" : "\(index)\n") }
                }
            }
            #expect(error?.sqlState == "22P02")
            #expect(error?.message.contains("integer") == true)
            #expect(try db.query("SELECT count(*) AS c FROM nums")[0].decode("c", as: Int.self) == 0)
            #expect(db.liveResults == 0)
        }
    }

    @Test func throwingBodyAbortsTheCopy() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE nums (n int NOT NULL)")
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try db.copyFrom("COPY nums FROM STDIN") { writer in
                    try writer.write("1\n2\n")
                    throw Stop()
                }
            }
            #expect(try db.query("SELECT count(*) AS c FROM nums")[0].decode("c", as: Int.self) == 0)
        }
    }
}

@Suite(.ownThread) struct StreamingTests {
    @Test func streamsRowsOneAtATime() async throws {
        try await TestDatabase.withConnection { db, _ in
            var sum = 0
            var count = 0
            try db.forEachRow("SELECT g AS n, repeat('x', 100) AS pad FROM generate_series(1, \(50_000)) AS g") { row in
                sum += try row.decode("n", as: Int.self)
                count += 1
            }
            #expect(count == 50_000)
            #expect(sum == 50_000 * 50_001 / 2)
            #expect(db.liveResults == 0)
        }
    }

    @Test func throwingFromTheBodyStopsAndLeavesTheConnectionUsable() async throws {
        try await TestDatabase.withConnection { db, _ in
            struct Enough: Error {}
            var seen = 0
            #expect(throws: Enough.self) {
                try db.forEachRow("SELECT g FROM generate_series(1, 1000000) AS g") { _ in
                    seen += 1
                    if seen == 10 { throw Enough() }
                }
            }
            #expect(seen == 10)
            let seven = try db.query("SELECT 7 AS seven")[0].decode("seven", as: Int.self)
            #expect(seven == 7)
            #expect(db.liveResults == 0)
        }
    }

    @Test func serverErrorMidStreamIsThrown() async throws {
        try await TestDatabase.withConnection { db, _ in
            let error = #expect(throws: PGError.self) {
                try db.forEachRow("SELECT 10 / (5 - g) AS q FROM generate_series(1, 10) AS g") { _ in }
            }
            #expect(error?.sqlState == "22012")
            #expect(db.liveResults == 0)
        }
    }
}

@Suite(.ownThread) struct PoolTests {
    @Test func concurrentCallersShareABoundedPool() async throws {
        try await TestDatabase.with { url in
            let pool = PGPool(connectionString: url, maximumConnections: 3)
            let pids = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            let row = try connection.query("SELECT pg_backend_pid() AS pid, pg_sleep(0.02), \(index) AS i")[0]
                            #expect(try row.decode("i", as: Int.self) == index)
                            return try row.decode("pid", as: Int.self)
                        }
                    }
                }
                var all: [Int] = []
                for try await pid in group { all.append(pid) }
                return all
            }
            #expect(pids.count == 24)
            #expect(Set(pids).count <= 3)
            #expect(await pool.openConnections <= 3)
            await pool.close()
        }
    }
}

@Suite(.ownThread) struct ResultLeakTests {
    /// Every PGresult is cleared on every path, counted exactly through libpq's event API.
    @Test func manyQueriesAndErrorPathsLeaveNoLiveResults() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE t (n int PRIMARY KEY)")
            let before = db.resultsCreated
            for index in 0..<500 {
                try db.execute("INSERT INTO t VALUES (\(index))")
                _ = try db.query("SELECT n FROM t WHERE n <= \(index) ORDER BY n DESC LIMIT 3")
                _ = try? db.execute("INSERT INTO t VALUES (\(index))")  // unique violation
                _ = try? db.query("SELECT * FROM missing_table")  // undefined table
                _ = try? db.query("SELECT \("nul\u{0}") AS x")  // refused before sending
                _ = try? db.withTransaction { tx in try tx.execute("SELECT 1/0") }
                if index % 50 == 0 {
                    try db.forEachRow("SELECT g FROM generate_series(1, 20) AS g") { _ in }
                    _ = try? db.copyFrom("COPY t FROM STDIN") { writer in try writer.write("not a number\n") }
                }
                #expect(db.liveResults == 0)
            }
            #expect(db.resultsCreated - before > 3000)
            #expect(db.liveResults == 0)
        }
    }
}

@Suite(.ownThread) struct PreparedStatementTests {
    @Test func preparedOnceRunManyTimes() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE counts (outlet text NOT NULL, value bigint NOT NULL)")
            let insert = try db.prepare("insert_count", sql: "INSERT INTO counts VALUES ($1, $2)", types: [.text, .int8])
            for (outlet, value) in [("le-monde", 600), ("日本の新聞", 380), ("'); DROP TABLE counts; --", 16)] {
                try db.execute(insert, [outlet, value])
            }
            let total = try db.query("SELECT sum(value) AS total, count(*) AS n FROM counts")[0]
            #expect(try total.decode("total", as: Decimal.self) == 996)
            #expect(try total.decode("n", as: Int.self) == 3)
            let wrong = #expect(throws: PGError.self) { try db.execute(insert, ["only one"]) }
            #expect(wrong?.message.contains("takes 2 values, got 1") == true)
            let duplicate = #expect(throws: PGError.self) { try db.prepare("insert_count", sql: "SELECT 1", types: []) }
            #expect(duplicate?.sqlState == "42P05")
            #expect(db.liveResults == 0)
        }
    }
}

@Suite(.ownThread) struct NotificationTests {
    @Test func aListenerReceivesNotificationsAndTimesOutQuietly() async throws {
        try await TestDatabase.withConnection { db, url in
            let listener = try PGConnection(url)
            defer { listener.close() }
            try listener.listen("test_channel")
            #expect(try listener.waitForNotifications(timeout: 0.05).isEmpty)
            try db.execute("SELECT pg_notify('test_channel', \("first")), pg_notify('test_channel', \("second"))")
            var received: [PGNotification] = []
            for _ in 0..<50 where received.count < 2 { received += try listener.waitForNotifications(timeout: 0.1) }
            #expect(received.map(\.payload) == ["first", "second"])
            #expect(received.allSatisfy { $0.channel == "test_channel" && $0.senderPID == db.backendPID })
            #expect(throws: PGError.self) { try listener.listen("Robert'); DROP TABLE x; --") }
        }
    }
}

/// The async boundary: pooled connections and test databases do their blocking work on threads of
/// their own, not on Swift's concurrency pool.
@Suite(.ownThread) struct OwnThreadTests {
    /// Whether a synchronous call (such as a blocking libpq call) runs on a thread of its own.
    static func onOwnThread() -> Bool { PGThread.isCurrent }

    @Test func aPooledConnectionsBodyRunsOnItsOwnThread() async throws {
        try await TestDatabase.with { url in
            let pool = PGPool(connectionString: url, maximumConnections: 2)
            // Two callers on the concurrency pool at once, each lent a connection of its own.
            let threads = try await withThrowingTaskGroup(of: (Bool, UInt).self) { group in
                for _ in 0..<2 {
                    group.addTask(executorPreference: globalConcurrentExecutor) {
                        try await pool.withConnection { db in
                            _ = try db.query("SELECT pg_sleep(0.2)")
                            return (Self.onOwnThread(), UInt(bitPattern: Int(bitPattern: pthread_self())))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            await pool.close()
            #expect(threads.allSatisfy { $0.0 })
            #expect(Set(threads.map(\.1)).count == 2)
        }
    }

    @Test func aTestDatabasesBodyRunsOnItsOwnThread() async throws {
        try await TestDatabase.with { _ in
            #expect(Self.onOwnThread())
        }
    }
}
