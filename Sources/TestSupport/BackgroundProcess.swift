import Foundation

/// A built executable running in the background, for tests that signal or kill it.
public final class BackgroundProcess: @unchecked Sendable {
    public let pid: pid_t
    private let scratch: URL
    private var exitStatus: Int32?

    /// Starts `product` (from the build folder) with `arguments`; output goes to files read by `output()`.
    public init(_ product: String, _ arguments: [String], environment: [String: String?] = [:]) throws {
        let executable = CLIRunner.buildDirectory.appendingPathComponent(product).path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw CLIRunnerError(description: "\(executable) is missing; build it first with `swift build --build-tests`")
        }
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, scratch.appendingPathComponent("out").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, scratch.appendingPathComponent("err").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CLIRunnerError(description: "cannot run \(executable): \(String(cString: strerror(spawned)))") }
        self.pid = pid
    }

    deinit {
        if exitStatus == nil { kill(pid, SIGKILL); var status: Int32 = 0; waitpid(pid, &status, 0) }
        try? FileManager.default.removeItem(at: scratch)
    }

    public func signal(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process to exit, up to `timeout` seconds.
    /// - Returns: its exit status (128 + signal when killed), or nil if it is still running.
    public func wait(timeout: TimeInterval) async -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = code
                return code
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// What it printed so far.
    public func output() -> (stdout: String, stderr: String) {
        ((try? String(contentsOf: scratch.appendingPathComponent("out"), encoding: .utf8)) ?? "",
         (try? String(contentsOf: scratch.appendingPathComponent("err"), encoding: .utf8)) ?? "")
    }
}
