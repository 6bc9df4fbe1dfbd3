import Foundation

/// Runs the project's built executables (`petitions`, `petitions-worker`) as real processes.
public enum CLIRunner {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The folder holding the test bundle, where SwiftPM also puts the executables.
    public static var buildDirectory: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
    }

    /// Runs `product` with `arguments`. `environment` entries are added to (or, with a nil value,
    /// removed from) this process's environment. Standard input is `stdin` (empty by default).
    public static func run(_ arguments: [String], product: String = "petitions", environment: [String: String?] = [:], stdin: String = "") throws -> Outcome {
        let executable = buildDirectory.appendingPathComponent(product).path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw CLIRunnerError(description: "\(executable) is missing; build it first with `swift build --build-tests`")
        }
        return try spawn(executable, arguments, environment: environment, stdin: stdin)
    }

    /// Runs any program (an absolute path, or a name looked up on PATH) and collects its output.
    public static func tool(_ name: String, _ arguments: [String], stdin: String = "") throws -> Outcome {
        let path =
            name.hasPrefix("/")
            ? name
            : (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
                .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw CLIRunnerError(description: "\(name) is not on PATH") }
        return try spawn(path, arguments, environment: [:], stdin: stdin)
    }

    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String?], stdin: String) throws -> Outcome {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appendingPathComponent("in").path
        let outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path
        try stdin.write(toFile: inPath, atomically: true, encoding: .utf8)

        let pid = try launch(executable, arguments, environment: env, stdin: inPath, stdout: outPath, stderr: errPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(
            status: exitStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

extension CLIRunner {
    /// Starts `executable` with standard input, output and error on the given files; does not wait.
    static func launch(_ executable: String, _ arguments: [String], environment: [String: String], stdin: String, stdout: String, stderr: String) throws
        -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CLIRunnerError(description: "cannot run \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }
}

public struct CLIRunnerError: Error, CustomStringConvertible {
    public var description: String
}
