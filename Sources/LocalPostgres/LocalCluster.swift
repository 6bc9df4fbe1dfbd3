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
    /// The cluster's superuser (made by `initdb`): used only to create roles and databases.
    public static let superuser = "petitions"
    /// The role every command, the worker and the web service connect as: it owns the database
    /// and its tables, and nothing more (no superuser, so no `COPY ... TO PROGRAM` and no files
    /// written as the server's account; no new roles or databases).
    public static let applicationRole = "petitions_app"
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

    /// Where root keeps what it changed, apart from the home: the home belongs to the server's
    /// account (a database superuser can write files as it), so nothing root acts on may live
    /// there. Folder 0700, owned by root.
    public static let rootStateFolder = "/var/lib/petitions-root"

    /// The record of folders whose permissions were changed so the server's account could reach the
    /// home: a `home<TAB>PATH` line, then one `folder<TAB>acl<TAB>account` or
    /// `folder<TAB>mode<TAB>octal mode before<TAB>octal mode after` line each. Kept in
    /// `rootStateFolder`, one file per home.
    public var permissionRecord: URL {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in home.path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return URL(fileURLWithPath: Self.rootStateFolder).appendingPathComponent("permissions-\(String(hash, radix: 16)).tsv")
    }

    /// The folders between `/` and the home, outermost first: the only ones petitions changes.
    var ancestors: [String] {
        var ancestors: [String] = []
        var current = home.deletingLastPathComponent()
        while current.path != "/" && !current.path.isEmpty {
            ancestors.insert(current.path, at: 0)
            current = current.deletingLastPathComponent()
        }
        return ancestors
    }

    /// What was changed on other folders for this cluster, as `(folder, how)`.
    public func permissionChanges() -> [(folder: String, how: String)] {
        guard let text = Self.readRootOwned(permissionRecord) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            return fields.count >= 2 && fields[0] != "home" ? (fields[0], fields.dropFirst().joined(separator: " ")) : nil
        }
    }

    /// The file's text when it is a regular file owned by root and written by no one else (not a
    /// link, not group- or world-writable); nil otherwise.
    static func readRootOwned(_ url: URL) -> String? {
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == 0, info.st_mode & 0o022 == 0 else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Undoes what `permissionChanges()` lists, after checking each entry is a change petitions
    /// itself made: the folder is one the home lies under (a real folder, not a link), an ACL entry
    /// is for the server's account, and a mode change only ever loses the search bit for others
    /// that petitions added (nothing is ever added back, and no setuid or setgid bit is touched).
    /// Anything else in the record is reported and left alone.
    /// - Returns: one line per entry saying what was undone or why it was not.
    public func restorePermissions() throws -> [String] {
        var done: [String] = []
        let ancestors = Set(ancestors)
        let account = (try? Self.serverAccount()) ?? nil
        for (folder, how) in permissionChanges() {
            let parts = how.split(separator: " ").map(String.init)
            var info = stat()
            guard ancestors.contains(folder), lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                done.append("left \(folder) alone: it is not a folder that \(home.path) lies under, so petitions did not change it")
                continue
            }
            if parts.first == "acl" {
                guard parts.count == 2, let account, parts[1] == account else {
                    done.append("left \(folder) alone: the record names an ACL entry petitions does not make (\(how))")
                    continue
                }
                let status = (try? Subprocess.run("/usr/bin/setfacl", ["-x", "u:\(account)", folder]).status) ?? 1
                done.append(
                    status == 0
                        ? "removed the ACL entry for \(account) from \(folder)"
                        : "could not remove the ACL entry for \(account) from \(folder); run: setfacl -x u:\(account) \(folder)")
            } else if parts.first == "mode", parts.count >= 2, let before = mode_t(parts[1], radix: 8) {
                let current = info.st_mode & 0o7777
                guard before & 0o001 == 0, current & 0o001 != 0, current & ~mode_t(0o001) == before else {
                    done.append(
                        "left \(folder) alone: its mode is \(String(current, radix: 8)), not the \(String(before, radix: 8)) plus o+x petitions left (changed since, or not petitions' change)"
                    )
                    continue
                }
                if chmod(folder, before) == 0 {
                    done.append("restored \(folder) to mode \(String(before, radix: 8))")
                } else {
                    done.append(
                        "could not restore \(folder) to mode \(String(before, radix: 8)): \(String(cString: strerror(errno))); run: chmod o-x \(folder)"
                    )
                }
            } else {
                done.append("left \(folder) alone: the record's entry \"\(how)\" is not one petitions writes")
            }
        }
        try? FileManager.default.removeItem(at: permissionRecord)
        return done
    }

    /// Appends one line to the record, creating it (and its root-only folder) first; refuses a
    /// folder or file that is a link or that others could write.
    private func record(_ line: String) throws {
        let folder = Self.rootStateFolder
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw LocalClusterError.filesystem("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == 0, info.st_mode & 0o022 == 0 else {
            throw LocalClusterError.filesystem("\(folder) must be a folder owned by root that only root writes; remove it and try again")
        }
        let path = permissionRecord.path
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalClusterError.filesystem("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var size = stat()
        let text = (fstat(fd, &size) == 0 && size.st_size == 0 ? "home\t\(home.path)\n" : "") + line + "\n"
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
    }

    public var dataDirectory: URL { home.appendingPathComponent("data") }
    public var logFile: URL { home.appendingPathComponent("server.log") }
    var socketDirectory: String { home.path }

    /// Key/value conninfo for a database in this cluster, as the application's role.
    public func connectionString(database: String = LocalCluster.databaseName) -> String {
        "host=\(ConnectionString.quote(socketDirectory)) port=\(Self.port) user=\(Self.applicationRole) dbname=\(ConnectionString.quote(database))"
    }

    /// Key/value conninfo as the cluster's superuser: for creating roles and databases (and test
    /// databases), never for the application's own work.
    public func adminConnectionString(database: String = "postgres") -> String {
        "host=\(ConnectionString.quote(socketDirectory)) port=\(Self.port) user=\(Self.superuser) dbname=\(ConnectionString.quote(database))"
    }

    /// A `postgresql://` URL for the cluster's main database (for `petitions db url`, psql, ...).
    public var url: String {
        let host = socketDirectory.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? socketDirectory
        return "postgresql://\(Self.applicationRole)@\(host):\(Self.port)/\(Self.databaseName)"
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
                change = "\(folder)\tmode\t\(String(info.st_mode & 0o7777, radix: 8))\t\(String((info.st_mode & 0o7777) | 0o001, radix: 8))"
                said = "added the search bit for all users to \(folder) (chmod o+x: every user can now pass through it, none can list it)"
            }
            try record(change)
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

    /// Creates a database in the cluster unless it exists, owned by the application's role (made
    /// first when missing). A database made before that role existed (owned by the superuser) is
    /// handed over with its tables, views, sequences and functions, once. The name is chosen by the program.
    public func createDatabaseIfMissing(_ name: String) throws {
        let admin = try PGConnection(adminConnectionString(), applicationName: "petitions-admin")
        defer { admin.close() }
        let role = Self.applicationRole
        if try admin.query("SELECT 1 FROM pg_roles WHERE rolname = \(role)").isEmpty {
            do {
                try admin.executeScript(unsafeSQL: "CREATE ROLE \(Self.quoteIdentifier(role)) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION")
            } catch let error as PGError where error.sqlState == "42710" {
                // Created meanwhile by someone else: fine.
            }
        }
        let owner: String? = try admin.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = \(name)").first?.decode("owner")
        switch owner {
        case nil:
            do {
                try admin.executeScript(unsafeSQL: "CREATE DATABASE \(Self.quoteIdentifier(name)) OWNER \(Self.quoteIdentifier(role))")
            } catch let error as PGError where error.sqlState == "42P04" {
                // Created meanwhile by someone else: fine.
            }
        case role?:
            break
        default:
            try handOver(name)
        }
    }

    /// Gives an older database, and everything the superuser made in its public schema, to the
    /// application's role.
    private func handOver(_ name: String) throws {
        let connection = try PGConnection(adminConnectionString(database: name), applicationName: "petitions-admin")
        defer { connection.close() }
        let role = Self.quoteIdentifier(Self.applicationRole), superuser = Self.superuser
        try connection.executeScript(
            unsafeSQL: """
                BEGIN;
                ALTER DATABASE \(Self.quoteIdentifier(name)) OWNER TO \(role);
                ALTER SCHEMA public OWNER TO \(role);
                DO $$
                DECLARE item record;
                BEGIN
                    FOR item IN
                        SELECT c.oid::regclass::text AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = '\(superuser)' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
                    LOOP
                        EXECUTE format('ALTER %s %s OWNER TO \(role)',
                            CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, item.name);
                    END LOOP;
                    FOR item IN
                        SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = '\(superuser)'
                    LOOP
                        EXECUTE format('ALTER ROUTINE %s OWNER TO \(role)', item.name);
                    END LOOP;
                END $$;
                COMMIT;
                """)
    }

    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
