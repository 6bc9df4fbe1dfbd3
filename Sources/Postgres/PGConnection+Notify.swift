import CLibPQ
import Foundation

/// A notification received on a channel this session listens to (`LISTEN`/`NOTIFY`).
public struct PGNotification: Sendable, Hashable {
    public var channel: String
    public var payload: String
    /// Server process that sent it.
    public var senderPID: Int
}

extension PGConnection {
    /// Starts listening on `channel`. Channel names are program constants (lowercase letters,
    /// digits, underscores), never user input.
    /// - Note: listening lives in the session: after the connection is re-established, listen again.
    public func listen(_ channel: String) throws {
        guard !channel.isEmpty, channel.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw PGError(.usage, message: "a channel name is lowercase letters, digits and underscores (got \"\(channel)\")")
        }
        try executeScript(unsafeSQL: "LISTEN \(channel)")
    }

    /// Waits up to `timeout` seconds for notifications and returns those that arrived (none on
    /// timeout). Use a connection of its own: the wait holds the connection.
    /// - Throws: `.connectionLost` when the connection broke (listen again after it is re-established).
    public func waitForNotifications(timeout: TimeInterval) throws -> [PGNotification] {
        try withHandle { handle in
            var found = Self.drainNotifications(handle)
            if !found.isEmpty { return found }
            let socket = PQsocket(handle)
            guard socket >= 0 else {
                needsReset = true
                throw PGError(.connectionLost, message: "the connection has no socket; it is re-established on its next use")
            }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(max(timeout, 0) * 1000))
            if ready < 0 && errno != EINTR {
                throw PGError(.connectionLost, message: "waiting for notifications failed: \(String(cString: strerror(errno)))")
            }
            if ready > 0 {
                if PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK {
                    needsReset = true
                    let reason = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
                    throw PGError(
                        .connectionLost, message: "the connection was lost while waiting for notifications (\(reason))",
                        hint: "it is re-established on its next use; listen again")
                }
                found = Self.drainNotifications(handle)
            }
            return found
        }
    }

    private static func drainNotifications(_ handle: OpaquePointer) -> [PGNotification] {
        var found: [PGNotification] = []
        while let notice = PQnotifies(handle) {
            found.append(
                PGNotification(
                    channel: String(cString: notice.pointee.relname), payload: String(cString: notice.pointee.extra),
                    senderPID: Int(notice.pointee.be_pid)))
            PQfreemem(notice)
        }
        return found
    }
}
