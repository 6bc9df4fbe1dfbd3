import Foundation
import LocalPostgres
import Postgres
import TestSupport
import Testing

@Suite(.ownThread) struct DBCommandTests {
    @Test func migrateThenStatusOnAConfiguredDatabase() async throws {
        try await TestDatabase.with { url in
            let migrate = try CLIRunner.run(["db", "migrate", "--database-url", url])
            #expect(migrate.status == 0, "\(migrate.stderr)")
            #expect(migrate.stdout.contains("applying 0001_"))
            let again = try CLIRunner.run(["db", "migrate"], environment: ["PETITIONS_DATABASE_URL": url])
            #expect(again.status == 0)
            #expect(again.stdout.contains("the schema is up to date"))
            let status = try CLIRunner.run(["db", "status", "--format", "json", "--database-url", url])
            #expect(status.status == 0, "\(status.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            #expect(json?["pending"] as? Int == 0)
            let migrations = json?["migrations"] as? [[String: Any]] ?? []
            #expect(!migrations.isEmpty)
            #expect(migrations.allSatisfy { $0["state"] as? String == "applied" })
        }
    }

    @Test func workerChecksMigrations() async throws {
        try await TestDatabase.with { url in
            let before = try CLIRunner.run(["--once", "--database-url", url], product: "petitions-worker")
            #expect(before.status == 1)
            #expect(before.stderr.contains("petitions db migrate"))
            _ = try CLIRunner.run(["db", "migrate", "--database-url", url])
            let after = try CLIRunner.run(["--once", "--database-url", url], product: "petitions-worker")
            #expect(after.status == 0, "\(after.stderr)")
            #expect(after.stdout.contains("ran 0 jobs"))
            let check = try CLIRunner.run(["--check", "--database-url", url], product: "petitions-worker")
            #expect(check.status == 0 && check.stdout.contains("the database is ready"), "\(check.stderr)")
        }
    }

    @Test func badUsageExitsTwo() throws {
        let unknown = try CLIRunner.run(["db", "migrat"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("migrat"))
        let badFormat = try CLIRunner.run(["db", "status", "--format", "yaml"])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("yaml"))
    }

    @Test func unreachableDatabaseFailsWithOneRedactedLine() throws {
        let result = try CLIRunner.run(["db", "status", "--database-url", "postgresql://ann:topsecret@127.0.0.1:1/x?connect_timeout=2"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: could not connect"))
        #expect(!result.stderr.contains("topsecret"))
        #expect(result.stdout.isEmpty)
    }

    @Test func helpListsExamples() throws {
        let help = try CLIRunner.run(["db", "migrate", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
        #expect(help.stdout.contains("--database-url"))
    }

    @Test func urlOfTheEmbeddedServerUsesTheHomeSocket() throws {
        let result = try CLIRunner.run(["db", "url"], environment: ["PETITIONS_HOME": "/srv/pt", "PETITIONS_DATABASE_URL": nil])
        #expect(result.status == 0)
        #expect(result.stdout == "postgresql://petitions_app@%2Fsrv%2Fpt:5432/petitions\n")
    }

    /// Two first uses at once must neither corrupt nor double-initialise the embedded cluster.
    @Test func concurrentFirstUsesOfTheEmbeddedServer() async throws {
        let home = "/tmp/pt-first-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        defer {
            _ = try? CLIRunner.run(["db", "stop"], environment: ["PETITIONS_HOME": home, "PETITIONS_DATABASE_URL": nil])
            try? FileManager.default.removeItem(atPath: home)
        }
        let outcomes = try await withThrowingTaskGroup(of: CLIRunner.Outcome.self) { group in
            for _ in 0..<3 {
                group.addTask { try CLIRunner.run(["db", "migrate"], environment: ["PETITIONS_HOME": home, "PETITIONS_DATABASE_URL": nil]) }
            }
            var all: [CLIRunner.Outcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        for outcome in outcomes { #expect(outcome.status == 0, "\(outcome.stderr)") }
        #expect(outcomes.filter { $0.stdout.contains("applying") }.count == 1)
        let status = try CLIRunner.run(["db", "status", "--format", "json"], environment: ["PETITIONS_HOME": home, "PETITIONS_DATABASE_URL": nil])
        #expect(status.status == 0)
        #expect(status.stdout.contains("\"pending\" : 0"))
        #expect(!FileManager.default.fileExists(atPath: home + "/data.initializing"))
    }

    /// As root, a home under a folder the postgres account cannot pass through is reached by a
    /// recorded change, which `db stop --restore-permissions` undoes.
    @Test(.enabled(if: geteuid() == 0, "only root hands the cluster to the postgres account"))
    func permissionChangesAreToldRecordedAndUndone() async throws {
        let locked = "/tmp/pt-locked-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let home = locked + "/home"
        let environment: [String: String?] = ["PETITIONS_HOME": home, "PETITIONS_DATABASE_URL": nil]
        defer {
            _ = try? CLIRunner.run(["db", "stop", "--restore-permissions"], environment: environment)
            try? FileManager.default.removeItem(atPath: locked)
        }
        func mode(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1 }
        let started = try CLIRunner.run(["db", "start"], environment: environment)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stderr.contains(locked) && started.stderr.contains("--restore-permissions"), "\(started.stderr)")
        let acl = FileManager.default.isExecutableFile(atPath: "/usr/bin/setfacl")
        if !acl { #expect(mode(locked) == 0o701) }
        // The record lives where only root writes, not in the home the database account owns.
        let cluster = LocalCluster(home: URL(fileURLWithPath: home))
        #expect(cluster.permissionRecord.path.hasPrefix(LocalCluster.rootStateFolder + "/"))
        // A record planted in the home (as the database account could) is never read, and entries
        // petitions did not make are left alone: a file that is no parent of the home, and a mode
        // that would add bits.
        let victim = "/tmp/pt-victim-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        _ = FileManager.default.createFile(atPath: victim, contents: Data(), attributes: [.posixPermissions: 0o600])
        defer { try? FileManager.default.removeItem(atPath: victim) }
        try "\(victim)\tmode\t4777\n".write(toFile: home + "/permissions-changed.tsv", atomically: true, encoding: .utf8)
        let handle = try #require(FileHandle(forWritingAtPath: cluster.permissionRecord.path))
        handle.seekToEndOfFile()
        handle.write(Data("\(victim)\tmode\t4777\t4777\n\(locked)\tmode\t4776\t4777\n\(locked)\tacl\troot\n".utf8))
        try handle.close()
        let stopped = try CLIRunner.run(["db", "stop", "--restore-permissions"], environment: environment)
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.contains(acl ? "removed the ACL entry" : "restored \(locked) to mode 700"), "\(stopped.stdout)")
        #expect(stopped.stdout.contains("left \(victim) alone"), "\(stopped.stdout)")
        #expect(mode(locked) == 0o700)
        #expect(mode(victim) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: cluster.permissionRecord.path))
    }

    /// The embedded server's application role owns its database and nothing more: no superuser,
    /// so it cannot run programs or write files as the server's account (the way a planted record
    /// was rewritten before).
    @Test func theEmbeddedRoleIsNoSuperuser() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pt-role-\(UUID().uuidString)").path
        let environment: [String: String?] = ["PETITIONS_HOME": home, "PETITIONS_DATABASE_URL": nil]
        defer {
            _ = try? CLIRunner.run(["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(atPath: home)
        }
        let migrated = try CLIRunner.run(["db", "migrate"], environment: environment)
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let url = try CLIRunner.run(["db", "url"], environment: environment).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.contains(LocalCluster.applicationRole + "@"), "\(url)")
        let connection = try PGConnection(url)
        defer { connection.close() }
        let row = try #require(try connection.query("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user").first)
        #expect(try row.decode("rolsuper") as Bool == false)
        #expect(try row.decode("rolcreaterole") as Bool == false)
        #expect(try row.decode("rolcreatedb") as Bool == false)
        #expect(throws: PGError.self) { try connection.execute("COPY (SELECT 1) TO PROGRAM 'true'") }
        let owner: String? = try connection.query("SELECT tableowner FROM pg_tables WHERE tablename = 'figures'").first?.decode("tableowner")
        #expect(owner == LocalCluster.applicationRole)
    }

    /// A cluster made before the application role existed (its database and tables the
    /// superuser's) is handed over to the role on its next start, tables included.
    @Test func anOlderClusterIsHandedToTheApplicationRole() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pt-older-\(UUID().uuidString)")
        let cluster = LocalCluster(home: home)
        defer {
            _ = try? cluster.stop()
            try? FileManager.default.removeItem(at: home)
        }
        try cluster.ensureRunning()
        let admin = try PGConnection(cluster.adminConnectionString(database: LocalCluster.databaseName))
        try admin.execute("ALTER DATABASE petitions OWNER TO petitions")
        try admin.execute("CREATE TABLE older (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)")
        try admin.execute("CREATE VIEW older_notes AS SELECT note FROM older")
        admin.close()
        try cluster.ensureRunning()
        let connection = try PGConnection(cluster.connectionString())
        defer { connection.close() }
        try connection.execute("INSERT INTO older (note) VALUES ('still writable')")
        let owners = try connection.query(
            "SELECT pg_get_userbyid(c.relowner) AS owner FROM pg_class c WHERE c.relname IN ('older', 'older_notes', 'older_id_seq')"
        ).map { try $0.decode("owner") as String }
        #expect(owners == Array(repeating: LocalCluster.applicationRole, count: 3))
        let database: String? = try connection.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()").first?
            .decode(
                "owner")
        #expect(database == LocalCluster.applicationRole)
    }

    @Test func asRootTheDefaultHomeNeedsNoPermissionChange() {
        let home = LocalCluster.defaultHome(environment: ["HOME": "/root-\(UUID().uuidString)"], isRoot: true)
        #expect(home.path == "/var/lib/petitions")
        // A cluster already in the old place stays in use.
        let personal = LocalCluster.defaultHome(environment: ["HOME": "/home/someone"], isRoot: false)
        #expect(personal.path == "/home/someone/.local/share/petitions")
        #expect(LocalCluster.defaultHome(environment: ["PETITIONS_HOME": "/srv/p", "HOME": "/root"], isRoot: true).path == "/srv/p")
    }
}
