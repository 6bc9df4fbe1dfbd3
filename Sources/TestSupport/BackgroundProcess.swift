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

extension BackgroundProcess {
    /// `petitions serve --listen 127.0.0.1:0` with `arguments`, and the port it says it listens on.
    /// - Throws: when it says nothing of the kind within 10 s (its standard error in the message).
    public static func serve(_ arguments: [String]) async throws -> (process: BackgroundProcess, port: Int) {
        let serve = try BackgroundProcess("petitions", ["serve", "--listen", "127.0.0.1:0"] + arguments)
        for _ in 0..<500 {
            let text = serve.output().stderr
            if let range = text.range(of: "listening on http://127.0.0.1:"), let port = Int(text[range.upperBound...].prefix { $0.isNumber }) {
                return (serve, port)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CLIRunnerError(description: "petitions serve never said where it listens: \(serve.output().stderr)")
    }
}
