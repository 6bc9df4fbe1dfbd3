import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Slow clients (a header line every so often, never the end of the head) used to hold every
/// descriptor until /healthz timed out. A head must now arrive within --header-timeout, and at
/// --max-connections the connection that has waited longest for its head makes room.
@Suite(.ownThread) struct SlowClientTests {
    /// A TCP connection to 127.0.0.1:`port` that sends what it is given, slowly.
    final class SlowConnection {
        let fd: Int32
        init?(port: Int) {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard fd >= 0, connected == 0 else { return nil }
            var timeout = timeval(tv_sec: 0, tv_usec: 1000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        deinit { close(fd) }

        /// Sends `text`; false once the server has closed the connection.
        func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count && !closedByServer
        }

        /// The server closed it (a read returns end of file).
        var closedByServer: Bool {
            var byte: UInt8 = 0
            return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0
        }
    }

    @Test func slowHeadersCannotStopHealthzAnswering() async throws {
        try await TestDatabase.with { url in
            let migrate = try CLIRunner.run(["db", "migrate", "--database-url", url])
            #expect(migrate.status == 0)
            let (serve, listening) = try await BackgroundProcess.serve(["--header-timeout", "1s", "--max-connections", "40", "--database-url", url])
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            // 80 slow clients against 40 connections: each sends a header line every 200 ms and never ends its head.
            var slow = (0..<80).compactMap { _ in SlowConnection(port: listening) }
            #expect(slow.count == 80)
            for connection in slow { _ = connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n") }
            let started = Date()
            var answered = 0
            var closed = 0
            // Rounds, not a time window: each round every slow client trickles and /healthz must
            // answer within its 3 s timeout; the rounds go on until healthz has answered ten times
            // and the server has closed 80 slow connections (a minute at most, however slow the host).
            while answered < 10 || closed < 80, Date().timeIntervalSince(started) < 60 {
                // The slow clients keep trickling; those the server closed are replaced, as an attacker would.
                for index in slow.indices where !slow[index].send("X-Slow: \(index)\r\n") {
                    closed += 1
                    if let fresh = SlowConnection(port: listening) {
                        _ = fresh.send("GET / HTTP/1.1\r\n")
                        slow[index] = fresh
                    }
                }
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(listening)/healthz")
                request.headers.add(name: "Connection", value: "close")
                let response = try await client.execute(request, timeout: .seconds(3))
                _ = try await response.body.collect(upTo: 1 << 16)
                #expect(response.status == .ok)
                answered += 1
                try await Task.sleep(for: .milliseconds(200))
            }
            try await client.shutdown()
            #expect(answered >= 10, "healthz answered \(answered) times")
            #expect(closed >= 80, "the server closed \(closed) slow connections")
            #expect(await serve.wait(timeout: 0.1) == nil, "petitions serve exited: \(serve.output().stderr)")
            serve.signal(SIGTERM)
            #expect(await serve.wait(timeout: 20) == 0)
        }
    }

    /// A serving process that dies (a trap, the OOM killer) is replaced on the same socket: the
    /// service answers again within moments, at the same address.
    @Test func aDeadServingProcessIsReplacedOnTheSameSocket() async throws {
        try await TestDatabase.with { url in
            #expect(try CLIRunner.run(["db", "migrate", "--database-url", url]).status == 0)
            let serve = try BackgroundProcess("petitions", ["serve", "--listen", "127.0.0.1:0", "--database-url", url])
            func servingProcesses() -> [(pid: pid_t, port: Int)] {
                serve.output().stderr.split(separator: "\n").compactMap { line in
                    guard let portStart = line.range(of: "listening on http://127.0.0.1:"), let pidStart = line.range(of: "serving process ") else {
                        return nil
                    }
                    guard let port = Int(line[portStart.upperBound...].prefix { $0.isNumber }),
                        let pid = pid_t(line[pidStart.upperBound...].prefix { $0.isNumber })
                    else { return nil }
                    return (pid, port)
                }
            }
            for _ in 0..<500 where servingProcesses().isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            let first = try #require(servingProcesses().first, "\(serve.output().stderr)")
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            func health() async throws -> HTTPResponseStatus {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(first.port)/healthz")
                request.headers.add(name: "Connection", value: "close")
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 16)
                return response.status
            }
            #expect(try await health() == .ok)
            // As the OOM killer would. (A trap ends the same way, after the runtime prints its
            // backtrace; a SIGILL sent from outside is survived, since no instruction faults again.)
            kill(first.pid, SIGKILL)
            for _ in 0..<1500 where servingProcesses().count < 2 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await health() == .ok)
            let all = servingProcesses()
            #expect(all.count == 2 && all.last?.pid != first.pid && all.last?.port == first.port, "\(serve.output().stderr)")
            #expect(serve.output().stderr.contains("died by signal 9; starting another on the same socket"))
            try await client.shutdown()
            serve.signal(SIGTERM)
            #expect(await serve.wait(timeout: 20) == 0, "\(serve.output().stderr)")
        }
    }
}
