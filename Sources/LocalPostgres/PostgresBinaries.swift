import Foundation

/// The PostgreSQL server programs (`initdb`, `pg_ctl`, `postgres`) this machine has.
public struct PostgresBinaries: Sendable {
    public let directory: String
    public var initdb: String { directory + "/initdb" }
    public var pgCtl: String { directory + "/pg_ctl" }

    /// Finds the server programs: `pg_config --bindir` first, then the newest
    /// `/usr/lib/postgresql/*/bin`, then `PATH`.
    /// - Throws: `LocalClusterError.serverNotInstalled` naming the Debian packages to install.
    public static func locate() throws -> PostgresBinaries {
        var candidates: [String] = []
        for pgConfig in ["/usr/bin/pg_config", "/usr/local/bin/pg_config"] where FileManager.default.isExecutableFile(atPath: pgConfig) {
            if let outcome = try? Subprocess.run(pgConfig, ["--bindir"]), outcome.status == 0 {
                candidates.append(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            candidates.append("/usr/lib/postgresql/\(version)/bin")
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(directory))
        }
        for directory in candidates {
            let binaries = PostgresBinaries(directory: directory)
            if FileManager.default.isExecutableFile(atPath: binaries.initdb), FileManager.default.isExecutableFile(atPath: binaries.pgCtl) {
                return binaries
            }
        }
        throw LocalClusterError.serverNotInstalled
    }
}

/// Why the embedded cluster could not be set up or reached.
public enum LocalClusterError: Error, CustomStringConvertible, Sendable {
    case serverNotInstalled
    case noUnprivilegedAccount
    case filesystem(String)
    case command(String)
    case socketPathTooLong(String)

    public var description: String {
        switch self {
        case .serverNotInstalled:
            "the PostgreSQL server programs (initdb, pg_ctl) are not installed; install them with `apt-get install postgresql libpq-dev` (Debian/Ubuntu), or point --database-url / PETITIONS_DATABASE_URL at an existing server"
        case .noUnprivilegedAccount:
            "running as root, the embedded PostgreSQL server must run as the unprivileged `postgres` account, which does not exist; install the `postgresql` package (it creates the account), or run as a normal user"
        case .filesystem(let message), .command(let message):
            message
        case .socketPathTooLong(let path):
            "the socket path \(path)/.s.PGSQL.5432 is longer than Unix sockets allow (107 bytes); set PETITIONS_HOME to a shorter folder"
        }
    }
}
