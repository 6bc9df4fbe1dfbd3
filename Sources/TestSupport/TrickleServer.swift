import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A hostile HTTP server on 127.0.0.1 for tests: it answers every request with headers at once,
/// then a body one byte every `interval` seconds, `length` bytes in all (a slowloris body). Each
/// connection is served on a thread of its own; `close()` stops accepting and ends them.
public final class TrickleServer: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var open: Set<Int32> = []
    private var stopped = false
    private var served = 0

    public init(interval: TimeInterval, length: Int = 10_000) throws {
        (listener, port) = try loopbackListener()
        let (listener, bodyLength) = (self.listener, length)
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                lock.withLock {
                    open.insert(client); served += 1
                }
                Thread.detachNewThread { [self] in serve(client, interval: interval, length: bodyLength) }
            }
        }
    }

    /// Connections accepted so far.
    public var connections: Int { lock.withLock { served } }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    private func serve(_ client: Int32, interval: TimeInterval, length: Int) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = read(client, &buffer, buffer.count)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n"
        _ = head.withCString { write(client, $0, strlen($0)) }
        var sent = 0
        while sent < length, !lock.withLock({ stopped }) {
            Thread.sleep(forTimeInterval: interval)
            var byte: UInt8 = 0x20
            if write(client, &byte, 1) != 1 { break }
            sent += 1
        }
        lock.withLock { _ = open.remove(client) }
        closeSocket(client)
    }

    public func close() {
        let clients = lock.withLock { () -> Set<Int32> in
            stopped = true
            return open
        }
        shutdown(listener, Int32(SHUT_RDWR))
        closeSocket(listener)
        for client in clients { shutdown(client, Int32(SHUT_RDWR)) }
    }
}

private func closeSocket(_ fd: Int32) { _ = Glibc.close(fd) }

/// A TCP socket listening on 127.0.0.1 on a free port.
func loopbackListener(backlog: Int32 = 64) throws -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TrickleError("socket() failed") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, backlog) == 0 else { _ = Glibc.close(fd); throw TrickleError("bind/listen on 127.0.0.1 failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

public struct TrickleError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
