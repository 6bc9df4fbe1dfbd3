import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of a Unix-socket server (the test cluster), for tests of a
/// link that stops forwarding: after `blackhole()` it keeps every connection open and reads what
/// is sent, but passes nothing on in either direction, as a dead middlebox does. `restore()`
/// forwards again for connections made after it.
public final class BlackholeProxy: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let target: String
    private let lock = NSLock()
    private var dropping = false
    private var sockets: [Int32] = []

    /// - Parameter unixSocket: the server's socket file, such as `/tmp/x/.s.PGSQL.5432`.
    public init(unixSocket: String) throws {
        target = unixSocket
        (listener, port) = try loopbackListener()
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// libpq connection parameters that reach `database` through the proxy.
    public func connectionString(database: String, user: String) -> String {
        "host=127.0.0.1 port=\(port) dbname='\(database)' user='\(user)' sslmode=disable"
    }

    public func blackhole() { lock.withLock { dropping = true } }

    public func restore() { lock.withLock { dropping = false } }

    public func close() {
        let open = lock.withLock { () -> [Int32] in
            defer { sockets = [] }
            return sockets
        }
        shutdown(listener, Int32(SHUT_RDWR))
        _ = Glibc.close(listener)
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                let bytes = Array(target.utf8.prefix(buffer.count - 1))
                buffer.copyBytes(from: bytes)
                buffer[bytes.count] = 0
            }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard connected == 0 else { _ = Glibc.close(client); _ = Glibc.close(server); continue }
            lock.withLock { sockets += [client, server] }
            Thread.detachNewThread { [self] in pump(from: client, to: server) }
            Thread.detachNewThread { [self] in pump(from: server, to: client) }
        }
    }

    /// Copies bytes one way; from the moment the proxy is black-holed, reads and drops them.
    private func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var cut = false
        while true {
            let count = read(source, &buffer, buffer.count)
            if count <= 0 { break }
            // A connection once black-holed stays dead, as behind a middlebox that lost its state.
            if lock.withLock({ dropping }) { cut = true }
            if cut { continue }
            var sent = 0
            while sent < count {
                let written = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, count - sent) }
                if written <= 0 { return }
                sent += written
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }
}
