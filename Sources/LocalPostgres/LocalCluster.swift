import Foundation
import Logging
import Postgres

/// A private PostgreSQL cluster under one folder, reached only through a Unix socket in that folder.
///
/// Layout of `home`: `data/` (the cluster), `.s.PGSQL.5432` (the socket), `server.log`, `.lock`.
/// The cluster is created with `initdb` on first use and started with `pg_ctl`. As root, the server
/// runs as the `postgres` account, which PostgreSQL requires. Concurrent first uses are serialised
/// by a lock file, and `initdb` writes to a temporary folder renamed into place only when complete,
/// so a cluster is never initialised twice or left half-made.
///
/// Authentication is `trust` on the socket; the folder is private to its owner (mode 0700), which is
/// what keeps other local users out.
public struct LocalCluster: Sendable {
    public let home: URL
    /// Extra `postgresql.conf` lines written at initialisation (for example `fsync = off` in tests).
    public let extraSettings: [String]
    public static let superuser = "petitions"
    public static let databaseName = "petitions"
    public static let port = 5432

    public init(home: URL, extraSettings: [String] = []) {
        self.home = home.standardizedFileURL
        self.extraSettings = extraSettings
    }

    /// `$PETITIONS_HOME`, else `$XDG_DATA_HOME/petitions`; else, as root, `/var/lib/petitions`
    /// (which the server's account reaches without any change to other folders' permissions) unless
    /// a cluster already lives in `~/.local/share/petitions`; else `~/.local/share/petitions`.
    public static func defaultHome(environment: [String: String] = ProcessInfo.processInfo.environment, isRoot: Bool = geteuid() == 0) -> URL {
        if let home = environment["PETITIONS_HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return URL(fileURLWithPath: data).appendingPathComponent("petitions") }
        let user = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        let personal = user.appendingPathComponent(".local/share/petitions")
        if isRoot && !FileManager.default.fileExists(atPath: personal.appendingPathComponent("data").path) {
            return URL(fileURLWithPath: "/var/lib/petitions")
        }
        return personal
    }

    /// The record of folders whose permissions were changed so the server's account could reach the
    /// home, one `folder<TAB>acl` or `folder<TAB>mode<TAB>octal mode before` line each.
    var permissionRecord: URL { home.appendingPathComponent("permissions-changed.tsv") }

    /// What was changed on other folders for this cluster, as `(folder, how)`.
    public func permissionChanges() -> [(folder: String, how: String)] {
        guard let text = try? String(contentsOf: permissionRecord, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            return fields.count >= 2 ? (fields[0], fields.dropFirst().joined(separator: " ")) : nil
        }
    }

    /// Undoes what `permissionChanges()` lists (removes the ACL entry, or restores the mode).
    /// - Returns: one line per folder saying what was undone.
    public func restorePermissions() throws -> [String] {
        var done: [String] = []
        for (folder, how) in permissionChanges() {
            let parts = how.split(separator: " ")
            if parts.first == "acl" {
                let account = parts.count > 1 ? String(parts[1]) : "postgres"
                let status = (try? Subprocess.run("/usr/bin/setfacl", ["-x", "u:\(account)", folder]).status) ?? 1
                done.append(
                    status == 0
                        ? "removed the ACL entry for \(account) from \(folder)"
                        : "could not remove the ACL entry for \(account) from \(folder); run: setfacl -x u:\(account) \(folder)")
            } else if parts.first == "mode", parts.count > 1, let mode = mode_t(parts[1], radix: 8) {
                if chmod(folder, mode) == 0 {
                    done.append("restored \(folder) to mode \(String(mode, radix: 8))")
                } else {
                    done.append(
                        "could not restore \(folder) to mode \(String(mode, radix: 8)): \(String(cString: strerror(errno))); run: chmod \(String(mode, radix: 8)) \(folder)"
                    )
                }
            }
        }
        try? FileManager.default.removeItem(at: permissionRecord)
        return done
    }

    public var dataDirectory: URL { home.appendingPathComponent("data") }
    public var logFile: URL { home.appendingPathComponent("server.log") }
    var socketDirectory: String { home.path }

    /// Key/value conninfo for a database in this cluster.
    public func connectionString(database: String = LocalCluster.databaseName) -> String {
        "host=\(ConnectionString.quote(socketDirectory)) port=\(Self.port) user=\(Self.superuser) dbname=\(ConnectionString.quote(database))"
    }

    /// A `postgresql://` URL for the cluster's main database (for `petitions db url`, psql, ...).
    public var url: String {
        let host = socketDirectory.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? socketDirectory
        return "postgresql://\(Self.superuser)@\(host):\(Self.port)/\(Self.databaseName)"
    }

    public var isInitialized: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// The account the server runs as: `postgres` when we are root, else ourselves (`nil`).
    static func serverAccount() throws -> String? {
        guard geteuid() == 0 else { return nil }
        guard getpwnam("postgres") != nil else { throw LocalClusterError.noUnprivilegedAccount }
        return "postgres"
    }

    /// Creates the cluster if needed, starts it if it is not running, and makes sure the
    /// `petitions` database exists. Safe to call from several processes at once.
    /// - Returns: the conninfo of the `petitions` database.
    @discardableResult
    public func ensureRunning(logger: Logger = Logger(label: "petitions.local-postgres")) throws -> String {
        try withLock {
            if !isInitialized { try initialize(logger: logger) }
            if try !isRunning() { try startServer(logger: logger) }
            try createDatabaseIfMissing(Self.databaseName)
        }
        return connectionString()
    }

    /// Starts the server (initialising it first if needed).
    public func start(logger: Logger = Logger(label: "petitions.local-postgres")) throws {
        try ensureRunning(logger: logger)
    }

    /// Stops the server (fast shutdown: open sessions are ended, transactions rolled back).
    /// - Returns: false when it was not running.
    @discardableResult
    public func stop() throws -> Bool {
        try withLock {
            guard isInitialized, try isRunning() else { return false }
            let binaries = try PostgresBinaries.locate()
            try Subprocess.check(binaries.pgCtl, ["stop", "-D", dataDirectory.path, "-m", "fast", "-w", "-s"], asUser: try Self.serverAccount())
            return true
        }
    }

    /// What `petitions db status` shows about the embedded server.
    public struct Status: Sendable {
        public var home: String
        public var initialized: Bool
        public var running: Bool
        public var serverVersion: String?
        public var pid: Int?
    }

    public func status() throws -> Status {
        let version = try? String(contentsOf: dataDirectory.appendingPathComponent("PG_VERSION"), encoding: .utf8)
        let running = isInitialized ? try isRunning() : false
        var pid: Int?
        if running, let pidFile = try? String(contentsOf: dataDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8) {
            pid = pidFile.split(separator: "\n").first.flatMap { Int($0) }
        }
        return Status(
            home: home.path, initialized: isInitialized, running: running,
            serverVersion: version?.trimmingCharacters(in: .whitespacesAndNewlines), pid: pid)
    }

    // MARK: Steps

    func isRunning() throws -> Bool {
        let binaries = try PostgresBinaries.locate()
        // pg_ctl status: 0 running, 3 not running, 4 no accessible data directory.
        let outcome = try Subprocess.run(binaries.pgCtl, ["status", "-D", dataDirectory.path], asUser: try Self.serverAccount())
        return outcome.status == 0
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        try prepareHome()
        let lock = try FileLock(path: home.appendingPathComponent(".lock").path)
        defer { lock.unlock() }
        return try body()
    }

    private func prepareHome() throws {
        guard socketDirectory.utf8.count + "/.s.PGSQL.5432".utf8.count <= 107 else {
            throw LocalClusterError.socketPathTooLong(socketDirectory)
        }
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LocalClusterError.filesystem("cannot create \(home.path): \(error.localizedDescription); set PETITIONS_HOME to a folder you can write")
        }
        guard let account = try Self.serverAccount() else { return }
        // As root: the folder belongs to the server's account, which must also be able to reach it.
        guard let entry = getpwnam(account) else { throw LocalClusterError.noUnprivilegedAccount }
        if chown(home.path, entry.pointee.pw_uid, entry.pointee.pw_gid) != 0 {
            throw LocalClusterError.filesystem("cannot hand \(home.path) to the \(account) account: \(String(cString: strerror(errno)))")
        }
        try grantTraversal(to: account)
    }

    /// Lets `account` pass through each parent folder of `home` (for example `/root`, usually 0700).
    /// Uses an ACL entry (`setfacl u:postgres:x`) where possible, else adds the search bit for others;
    /// neither lets the account list or read those folders.
    private func grantTraversal(to account: String) throws {
        var ancestors: [String] = []
        var current = home.deletingLastPathComponent()
        while current.path != "/" && !current.path.isEmpty {
            ancestors.insert(current.path, at: 0)
            current = current.deletingLastPathComponent()
        }
        for folder in ancestors {
            if try Subprocess.run("/usr/bin/test", ["-x", folder], asUser: account).status == 0 { continue }
            let granted =
                FileManager.default.isExecutableFile(atPath: "/usr/bin/setfacl")
                && (try? Subprocess.run("/usr/bin/setfacl", ["-m", "u:\(account):x", folder]).status) == 0
            var change: String
            var said: String
            if granted {
                change = "\(folder)\tacl\t\(account)"
                said = "gave the \(account) account an ACL entry to pass through \(folder) (setfacl -m u:\(account):x; other users are not affected)"
            } else {
                var info = stat()
                guard stat(folder, &info) == 0, chmod(folder, (info.st_mode & 0o7777) | 0o001) == 0 else {
                    throw LocalClusterError.filesystem(
                        "the \(account) account cannot reach \(folder), and its permissions could not be changed; set PETITIONS_HOME to a folder under /var/lib or /srv"
                    )
                }
                change = "\(folder)\tmode\t\(String(info.st_mode & 0o7777, radix: 8))"
                said = "added the search bit for all users to \(folder) (chmod o+x: every user can now pass through it, none can list it)"
            }
            if let handle = try? FileHandle(forWritingTo: permissionRecord) {
                handle.seekToEndOfFile()
                handle.write(Data((change + "\n").utf8))
                try? handle.close()
            } else {
                try? Data((change + "\n").utf8).write(to: permissionRecord)
            }
            FileHandle.standardError.write(
                Data(
                    """
                    petitions: \(said), so that the embedded server (run as \(account)) can reach \(home.path). \
                    Undo it with `petitions db stop --restore-permissions`; to need no change, set PETITIONS_HOME to a folder under /var/lib or /srv.

                    """.utf8))
        }
    }

    private func initialize(logger: Logger) throws {
        let binaries = try PostgresBinaries.locate()
        let account = try Self.serverAccount()
        let staging = home.appendingPathComponent("data.initializing")
        try? FileManager.default.removeItem(at: staging)  // left by an interrupted first run
        logger.info("creating the embedded PostgreSQL cluster", metadata: ["cluster.home": "\(home.path)"])
        do {
            try Subprocess.check(
                binaries.initdb,
                ["-D", staging.path, "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-instructions"],
                asUser: account)
        } catch let failure as Subprocess.Failure {
            throw LocalClusterError.command("initdb failed for \(home.path): \(failure)")
        }
        var settings = [
            "",
            "# Written by petitions: a private server reachable only through the socket in \(home.path).",
            "listen_addresses = ''",
            "unix_socket_directories = '\(socketDirectory.replacingOccurrences(of: "'", with: "''"))'",
            "unix_socket_permissions = 0700",
            "port = \(Self.port)",
            "# The job queue turns rows over fast; look for tables to vacuum every 10 s, not every minute.",
            "autovacuum_naptime = 10s",
        ]
        settings += extraSettings
        let configuration = staging.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: configuration)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((settings.joined(separator: "\n") + "\n").utf8))
        try handle.close()
        try FileManager.default.moveItem(at: staging, to: dataDirectory)
    }

    private func startServer(logger: Logger) throws {
        let binaries = try PostgresBinaries.locate()
        let account = try Self.serverAccount()
        logger.info("starting the embedded PostgreSQL server", metadata: ["cluster.home": "\(home.path)"])
        let outcome = try Subprocess.run(
            binaries.pgCtl, ["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-s"], asUser: account)
        guard outcome.status == 0 else {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            let tail = log.split(separator: "\n").suffix(8).joined(separator: "\n")
            throw LocalClusterError.command(
                "the embedded PostgreSQL server did not start (pg_ctl exited \(outcome.status)); the end of \(logFile.path):\n\(tail)")
        }
    }

    /// Creates a database in the cluster unless it exists. The name is chosen by the program.
    public func createDatabaseIfMissing(_ name: String) throws {
        let admin = try PGConnection(connectionString(database: "postgres"), applicationName: "petitions-admin")
        defer { admin.close() }
        let exists = try admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)").count > 0
        if !exists {
            do {
                try admin.executeScript(unsafeSQL: "CREATE DATABASE \(Self.quoteIdentifier(name))")
            } catch let error as PGError where error.sqlState == "42P04" {
                // Created meanwhile by someone else: fine.
            }
        }
    }

    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
