import Foundation
import PetitionsWorker
import TestSupport
import Testing

/// The fetcher against a loopback server: limits, manners and the words of its errors.
@Suite(.ownThread) struct FetcherTests {
    static func fetcher(_ change: (inout FetchSettings) -> Void = { _ in }) -> Fetcher {
        var settings = FetchSettings()
        settings.hostGap = 0
        settings.allowPrivateHosts = true
        // Generous, so that a loaded machine does not turn other failures into timeouts.
        settings.connectTimeout = 15
        settings.readTimeout = 15
        change(&settings)
        return Fetcher(settings: settings)
    }

    static func expectFailure(_ fetcher: Fetcher, _ url: String, kind: FetchError.Kind, retryable: Bool, saying words: String) async {
        do {
            _ = try await fetcher.fetch(url)
            Issue.record("expected \(kind) for \(url)")
        } catch let error as FetchError {
            #expect(error.kind == kind, "\(error.message)")
            #expect(error.retryable == retryable, "\(error.message)")
            #expect(error.message.contains(words), "\(error.message)")
        } catch {
            Issue.record("not a FetchError: \(error)")
        }
    }

    @Test func sendsItsNameAndValidatorsAndDecompressesGzip() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gz-\(UUID().uuidString)")
        try Data(#"{"count": 4321}"#.utf8).write(to: scratch)
        _ = try CLIRunner.tool("gzip", ["-f", scratch.path])
        let compressed = try Data(contentsOf: scratch.appendingPathExtension("gz"))
        try? FileManager.default.removeItem(at: scratch.appendingPathExtension("gz"))
        server.set("/gz", .init(bytes: Array(compressed), headers: [("Content-Encoding", "gzip"), ("Last-Modified", "Mon, 23 Nov 2026 08:00:00 GMT")]))
        let fetcher = Self.fetcher()
        guard
            case .body(let body, _, let lastModified, _) = try await fetcher.fetch(
                server.url("/gz"), etag: "\"e1\"", lastModified: "Sun, 22 Nov 2026 08:00:00 GMT")
        else {
            Issue.record("expected a body"); return
        }
        #expect(String(decoding: body, as: UTF8.self) == #"{"count": 4321}"#)
        #expect(lastModified == "Mon, 23 Nov 2026 08:00:00 GMT")
        #expect(server.lastHeader("/gz", "User-Agent")?.hasPrefix("petitions-worker/") == true)
        #expect(server.lastHeader("/gz", "Accept-Encoding")?.contains("gzip") == true)
        #expect(server.lastHeader("/gz", "If-None-Match") == "\"e1\"")
        #expect(server.lastHeader("/gz", "If-Modified-Since") == "Sun, 22 Nov 2026 08:00:00 GMT")
        await fetcher.shutdown()
    }

    @Test func limitsAndErrorsSayWhatHappened() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        server.set("/big", .init(body: String(repeating: "x", count: 5000)))
        server.set("/loop/1", .init(status: 302, body: "", headers: [("Location", "/loop/2")]))
        server.set("/loop/2", .init(status: 302, body: "", headers: [("Location", "/loop/3")]))
        server.set("/loop/3", .init(status: 302, body: "", headers: [("Location", "/loop/4")]))
        server.set("/loop/4", .init(body: "{}"))
        server.set("/hop", .init(status: 301, body: "", headers: [("Location", "/loop/4")]))
        server.set("/slow", .init(body: "{}", delay: 5))
        server.set("/broken", .init(status: 500, body: "oops"))
        let fetcher = Self.fetcher {
            $0.maxBytes = 1024; $0.maxRedirects = 2
        }
        await Self.expectFailure(fetcher, server.url("/big"), kind: .tooLarge, retryable: false, saying: "1024-byte limit")
        await Self.expectFailure(fetcher, server.url("/loop/1"), kind: .redirects, retryable: false, saying: "--max-redirects")
        guard case .body = try await fetcher.fetch(server.url("/hop")) else { Issue.record("one redirect should be followed"); return }
        let impatient = Self.fetcher { $0.readTimeout = 1 }
        await Self.expectFailure(impatient, server.url("/slow"), kind: .timeout, retryable: true, saying: "did not answer in time")
        await impatient.shutdown()
        await Self.expectFailure(fetcher, server.url("/broken"), kind: .status, retryable: true, saying: "HTTP 500")
        await Self.expectFailure(fetcher, "ftp://127.0.0.1/file", kind: .url, retryable: false, saying: "only http and https")
        // TLS spoken to a plain-HTTP port.
        await Self.expectFailure(fetcher, "https://127.0.0.1:\(server.port)/big", kind: .tls, retryable: false, saying: "TLS")
        // Nothing listens on a closed port.
        let closed = try await FixtureServer()
        let closedPort = closed.port
        await closed.close()
        await Self.expectFailure(fetcher, "http://127.0.0.1:\(closedPort)/", kind: .connection, retryable: true, saying: "cannot connect")
        // A name that cannot resolve (the .invalid top-level domain never does).
        await Self.expectFailure(fetcher, "http://no-such-host.invalid/", kind: .dns, retryable: true, saying: "DNS")
        await fetcher.shutdown()
    }

    @Test func oneRequestAtATimePerHostWithAGap() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        server.set("/a", .init(body: "{}", delay: 0.2))
        let fetcher = Self.fetcher { $0.hostGap = 0.3 }
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { _ = try await fetcher.fetch(server.url("/a")) } }
            try await group.waitForAll()
        }
        // Three 0.2 s requests one after another, with two 0.3 s gaps: at least 1.2 s.
        #expect(ContinuousClock.now - start >= .milliseconds(1200))
        await fetcher.shutdown()
    }

    @Test func aTricklingBodyIsCutOffByTheMinimumRateAndTheDeadline() async throws {
        // One byte every 0.3 s: never idle long enough for the read timeout.
        let trickle = try TrickleServer(interval: 0.3)
        defer { trickle.close() }
        // Far below the 300 s deadline, even on a loaded machine (the suite keeps the concurrency pool busy).
        let slow = Self.fetcher {
            $0.readTimeout = 20; $0.minRate = 512; $0.slowAfter = 1; $0.deadline = 300
        }
        let start = ContinuousClock.now
        await Self.expectFailure(slow, trickle.url("/n"), kind: .timeout, retryable: true, saying: "too slowly")
        #expect(ContinuousClock.now - start < .seconds(150))
        // With the rate check off, the one deadline still ends it.
        let patient = Self.fetcher {
            $0.readTimeout = 20; $0.minRate = 0; $0.deadline = 1.5
        }
        let second = ContinuousClock.now
        await Self.expectFailure(patient, trickle.url("/n"), kind: .timeout, retryable: true, saying: "within the 2 s deadline")
        #expect(ContinuousClock.now - second < .seconds(60))
        await slow.shutdown()
        await patient.shutdown()
    }

    @Test func metadataLinkLocalAndPrivateAddressesAreRefusedAndRedirectsStayOnTheHost() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        server.set("/n", .init(body: "{}"))
        server.set("/away", .init(status: 302, body: "", headers: [("Location", server.url("/n").replacingOccurrences(of: "127.0.0.1", with: "localhost"))]))
        server.set("/meta", .init(status: 302, body: "", headers: [("Location", "http://169.254.169.254/latest/meta-data/")]))
        server.set("/near", .init(status: 307, body: "", headers: [("Location", "/n")]))
        // Another port of the same host is another origin (another service), refused like another host.
        server.set("/port", .init(status: 302, body: "", headers: [("Location", "http://127.0.0.1:\(server.port == 65535 ? 1 : server.port + 1)/n")]))
        let strict = Self.fetcher { $0.allowPrivateHosts = false }
        for url in [
            "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[::ffff:169.254.169.254]/",
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://0.0.0.0:\(server.port)/n",
        ] {
            await Self.expectFailure(strict, url, kind: .refused, retryable: false, saying: "refused to fetch")
        }
        await Self.expectFailure(strict, server.url("/n"), kind: .refused, retryable: false, saying: "--allow-private-hosts")
        // A name is judged by what it resolves to.
        await Self.expectFailure(strict, "http://localhost:\(server.port)/n", kind: .refused, retryable: false, saying: "at 127.0.0.1")
        #expect(server.requests("/n") == 0)
        // Allowed to reach its own hosts, the worker still follows no redirect off the host, nor into metadata.
        let own = Self.fetcher()
        await Self.expectFailure(own, server.url("/away"), kind: .refused, retryable: false, saying: "another host")
        await Self.expectFailure(own, server.url("/meta"), kind: .refused, retryable: false, saying: "another host")
        await Self.expectFailure(own, server.url("/port"), kind: .refused, retryable: false, saying: "another host or port")
        guard case .body = try await own.fetch(server.url("/near")) else { Issue.record("a redirect on the same host is followed"); return }
        #expect(server.requests("/n") == 1)
        await strict.shutdown()
        await own.shutdown()
    }

    /// A refused connection is said as one ("connection reset (error set): Connection refused)" before).
    @Test func aRefusedConnectionSaysRefused() async throws {
        let fetcher = Self.fetcher()
        do {
            _ = try await fetcher.fetch("http://127.0.0.1:1/count.json")
            Issue.record("port 1 answered")
        } catch let error as FetchError {
            #expect(error.message.contains("connection refused") && !error.message.contains("reset"), "\(error.message)")
            #expect(error.message.filter { $0 == "(" }.count == error.message.filter { $0 == ")" }.count, "\(error.message)")
        }
        await fetcher.shutdown()
    }
}
