import Foundation

/// Runs a program to completion, capturing its combined output.
struct Subprocess {
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String {
            "\(command) exited with status \(status)" + (output.isEmpty ? "" : ":\n" + output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// The result of a finished program.
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs `executable` with `arguments`; when `asUser` is set (we are root), through `runuser -u USER --`.
    /// `PG*` variables are removed from the child's environment so a user's `PGPORT` or `PGDATA`
    /// cannot redirect the embedded server. Output goes to a file rather than a pipe, so a daemon
    /// the program starts cannot hold it open.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], asUser: String? = nil) throws -> Outcome {
        var argv = [executable] + arguments
        if let asUser {
            let runuser = FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser"
            argv = [runuser, "-u", asUser, "--"] + argv
        }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_ALL"] = "C"
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("petitions-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else {
            throw LocalClusterError.command("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw LocalClusterError.command("waiting for \(argv[0]) failed: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Outcome(status: exitStatus, output: output)
    }

    /// Like `run`, but throws when the program exits non-zero.
    @discardableResult
    static func check(_ executable: String, _ arguments: [String], asUser: String? = nil) throws -> String {
        let outcome = try run(executable, arguments, asUser: asUser)
        guard outcome.status == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), status: outcome.status, output: outcome.output)
        }
        return outcome.output
    }
}

/// An exclusive `flock` on a file, held until `unlock()` (or process exit).
final class FileLock {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LocalClusterError.filesystem("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw LocalClusterError.filesystem("cannot lock \(path): \(reason)")
        }
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
