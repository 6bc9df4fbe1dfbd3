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
        let pid = try CLIRunner.launch(
            executable, arguments, environment: env, stdin: "/dev/null",
            stdout: scratch.appendingPathComponent("out").path, stderr: scratch.appendingPathComponent("err").path)
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
        (
            (try? String(contentsOf: scratch.appendingPathComponent("out"), encoding: .utf8)) ?? "",
            (try? String(contentsOf: scratch.appendingPathComponent("err"), encoding: .utf8)) ?? ""
        )
    }
}
