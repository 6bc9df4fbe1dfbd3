import Foundation
import Logging
import PetitionsSources
import PetitionsStore

/// Sends alert deliveries: a JSON POST to the webhook (with `Idempotency-Key`, so a receiver can
/// drop the rare repeat after a lost acknowledgement), or the alert as JSON on a command's
/// standard input.
struct AlertSender: Sendable {
    let fetcher: Fetcher
    /// The longest a command may run.
    var commandTimeout: TimeInterval = 30

    /// Nil when delivered; otherwise what went wrong and whether waiting can help.
    func send(_ delivery: AlertDelivery) async -> (message: String, retryable: Bool)? {
        let body = Array(delivery.payload.utf8)
        if let url = delivery.webhookURL {
            do {
                try await fetcher.post(
                    url, json: body,
                    headers: [
                        ("Idempotency-Key", "petitions-alert-delivery-\(delivery.id)"),
                        ("X-Petitions-Event", delivery.eventKey),
                    ])
            } catch let error as FetchError {
                return (error.message, error.retryable)
            } catch {
                return ("\(error)", true)
            }
        }
        if let command = delivery.command {
            let timeout = commandTimeout
            let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<(String, Bool)?, Never>) in
                Thread.detachNewThread { continuation.resume(returning: Self.run(command, input: body, timeout: timeout)) }
            }
            if let outcome { return outcome }
        }
        return nil
    }

    /// Runs the command with `input` on its standard input; nil when it exits 0.
    static func run(_ command: String, input: [UInt8], timeout: TimeInterval) -> (String, Bool)? {
        guard FileManager.default.isExecutableFile(atPath: command) else { return ("\(command) is not an executable file", false) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return ("cannot run \(command): \(error.localizedDescription)", false) }
        stdin.fileHandleForWriting.write(Data(input))
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            return ("\(command) ran longer than \(Int(timeout))s and was stopped", true)
        }
        return process.terminationStatus == 0 ? nil : ("\(command) exited with status \(process.terminationStatus)", true)
    }
}
