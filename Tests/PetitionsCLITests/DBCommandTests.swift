import Foundation
import LocalPostgres
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
        #expect(result.stdout == "postgresql://petitions@%2Fsrv%2Fpt:5432/petitions\n")
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
        let stopped = try CLIRunner.run(["db", "stop", "--restore-permissions"], environment: environment)
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.contains(acl ? "removed the ACL entry" : "restored \(locked) to mode 700"), "\(stopped.stdout)")
        #expect(mode(locked) == 0o700)
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
