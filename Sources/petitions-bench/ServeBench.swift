import Foundation
import Logging
import PetitionsApp
import PetitionsDomain
import PetitionsServe
import PetitionsStore
import Postgres
import ServiceLifecycle

/// `petitions-bench serve`: requests per second and latency of `petitions serve` on loopback, for
/// the demo data and for a campaign with a million polled figures, against a reference in the
/// same run: pgbench replaying the very statements the request runs (captured as it runs them,
/// sent with the same bound values, prepared), with as many clients.
enum ServeBench {
    struct Settings {
        var rows = 1_000_000
        var connections = 8
        /// Seconds of load per case; the million-figure compare runs `soak` seconds (memory flat).
        var seconds = 10.0
        var soak = 60.0
    }

    struct Load {
        var requests: Int
        var errors: Int
        var seconds: Double
        var latencies: [Double]
        var rps: Double { Double(requests) / seconds }
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            return latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
    }

    static func run(settings: Settings, serverURL: String, pgbench: String, scratch: URL) async throws {
        say(
            "petitions-bench serve: petitions serve on loopback (\(settings.connections) keep-alive clients) against pgbench replaying each request's statements (\(settings.connections) clients), same server, same run"
        )
        say("server: \(ConnectionString.redacted(serverURL))\n")
        let database = try ScratchDatabase(serverURL: serverURL, prefix: "petitions_bench_serve")
        defer { database.drop() }
        let started = Date()
        let repository = Repository(database.db)
        _ = try DemoSample.load(into: repository)
        _ = try DemoSignatories.load(into: repository)
        _ = try DemoPetition.load(into: repository)
        try TrendBench.load(database.db, rows: settings.rows)
        say(
            String(
                format: "loaded the demo and %@ polled figures in %.1fs", NumberFormatting.grouped(settings.rows) as NSString, Date().timeIntervalSince(started)
            ))

        var logger = Logger(label: "petitions.bench.serve")
        logger.logLevel = .warning
        let pool = PGPool(connectionString: database.url, maximumConnections: 4, logger: logger, statementTimeout: 30)
        // As deployed (replies reused for --cache 5s), and with the cache off: what each request costs.
        var serveSettings = ServeSettings()
        serveSettings.port = 0
        var uncachedSettings = serveSettings
        uncachedSettings.cacheLifetime = 0
        let uncachedPool = PGPool(connectionString: database.url, maximumConnections: 4, logger: logger, statementTimeout: 30)
        let port = PortBox(), uncachedPort = PortBox()
        let service = WebService(settings: serveSettings, pool: pool, logger: logger) { port.set($0) }
        let uncachedService = WebService(settings: uncachedSettings, pool: uncachedPool, logger: logger) { uncachedPort.set($0) }
        let group = ServiceGroup(services: [service, uncachedService], logger: logger)
        let serving = Task { try await group.run() }
        defer { serving.cancel() }
        while port.value == nil || uncachedPort.value == nil { try await Task.sleep(for: .milliseconds(20)) }
        let listening = port.value!, uncached = uncachedPort.value!
        say(
            "petitions serve listening on 127.0.0.1:\(listening) (replies reused for \(Int(serveSettings.cacheLifetime)) s) and on 127.0.0.1:\(uncached) (--cache 0s), each with a pool of 4 database connections\n"
        )

        let big = TrendBench.campaign
        let compareBig: (Repository) throws -> Void = { _ = try $0.figures.comparisonInput(campaign: big) }
        let pageBig: (Repository) throws -> Void = { _ = try TrendQuery().campaignReport($0, campaign: big, now: Date()) }
        let cases: [(name: String, port: Int, path: String, seconds: Double, statements: (Repository) throws -> Void)] = [
            (
                "compare demo", uncached, "/api/v1/campaigns/\(DemoSignatories.campaign)/compare", settings.seconds,
                { _ = try $0.figures.comparisonInput(campaign: DemoSignatories.campaign) }
            ),
            (
                "page demo", uncached, "/c/\(DemoPetition.slug)", settings.seconds,
                { _ = try TrendQuery().campaignReport($0, campaign: DemoPetition.slug, now: Date()) }
            ),
            ("compare 1M", uncached, "/api/v1/campaigns/\(big)/compare", settings.seconds, compareBig),
            ("page 1M", uncached, "/c/\(big)", settings.seconds, pageBig),
            ("compare 1M cached", listening, "/api/v1/campaigns/\(big)/compare", settings.soak, compareBig),
            ("page 1M cached", listening, "/c/\(big)", settings.seconds, pageBig),
        ]
        var results: [String: (ours: Load, reference: Load, rssStart: Double, rssEnd: Double)] = [:]
        var references: [String: Load] = [:]
        for item in cases {
            _ = try HTTPLoad.run(port: item.port, path: item.path, connections: settings.connections, seconds: 1)  // warm-up
            let samples = Captured()
            let sampler = Task {
                while !Task.isCancelled {
                    samples.sample(residentMiB())
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
            let (path, seconds, connections, target) = (item.path, item.seconds, settings.connections, item.port)
            let ours = try await Task.detached { try HTTPLoad.run(port: target, path: path, connections: connections, seconds: seconds) }.value
            sampler.cancel()
            _ = await sampler.result
            let rss = samples.samples
            // A cached case runs the same statements as its uncached twin: one replay serves both.
            let statementsKey = item.name.replacingOccurrences(of: " cached", with: "")
            let reference =
                try references[statementsKey]
                ?? replay(
                    item.statements, url: database.url, pgbench: pgbench, clients: settings.connections,
                    seconds: min(item.seconds, 15), scratch: scratch, name: item.name)
            references[statementsKey] = reference
            let quarter = max(1, rss.count / 4)
            let start = rss.prefix(quarter).reduce(0, +) / Double(quarter), end = rss.suffix(quarter).reduce(0, +) / Double(quarter)
            results[item.name] = (ours, reference, start, end)
            say(
                String(
                    format:
                        "  %-17@ serve %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d   pgbench %7.0f tx/s  p50 %6.2f ms  p99 %6.2f ms   rps ratio %.2f   p99 ratio %.2f   RSS %.0f -> %.0f MiB",
                    item.name as NSString, ours.rps, ours.percentile(0.5), ours.percentile(0.99), ours.errors,
                    reference.rps, reference.percentile(0.5), reference.percentile(0.99),
                    ours.rps / reference.rps, ours.percentile(0.99) / reference.percentile(0.99), start, end))
        }
        await group.triggerGracefulShutdown()
        _ = try? await serving.value
        await pool.close()
        await uncachedPool.close()
        let compare = results["compare 1M cached"]!, page = results["page 1M cached"]!
        let rawCompare = results["compare 1M"]!, rawPage = results["page 1M"]!
        say("")
        say("targets: compare_rps >= 2000, compare_p99_ms <= 20, page_p99_ms <= 100 (the million-figure campaign, as deployed: --cache 5s)")
        say(
            String(
                format:
                    "serve: compare_rps=%.0f compare_p99_ms=%.2f page_p99_ms=%.2f compare_rps_ratio=%.2f page_rps_ratio=%.2f uncached_compare_rps=%.0f uncached_compare_p99_ms=%.2f uncached_page_p99_ms=%.2f uncached_compare_rps_ratio=%.2f rss_start_mib=%.0f rss_end_mib=%.0f",
                compare.ours.rps, compare.ours.percentile(0.99), page.ours.percentile(0.99), compare.ours.rps / compare.reference.rps,
                page.ours.rps / page.reference.rps, rawCompare.ours.rps, rawCompare.ours.percentile(0.99), rawPage.ours.percentile(0.99),
                rawCompare.ours.rps / rawCompare.reference.rps, compare.rssStart, compare.rssEnd))
    }

    /// The reference: the statements `operation` runs, captured with their bound values, replayed by
    /// pgbench as prepared statements (the values travel as parameters, as ours do).
    static func replay(
        _ operation: (Repository) throws -> Void, url: String, pgbench: String, clients: Int, seconds: Double,
        scratch: URL, name: String
    ) throws -> Load {
        let connection = try PGConnection(url)
        defer { connection.close() }
        let captured = Captured()
        connection.statementObserver = { sql, values in captured.append(sql, values) }
        try operation(Repository(connection))
        connection.statementObserver = nil
        var script = "", definitions: [String] = []
        for (index, statement) in captured.statements.enumerated() {
            var sql = statement.sql
            // $10 before $1, so that one placeholder is not read as the start of another.
            for (position, value) in statement.values.enumerated().reversed() {
                let variable = "s\(index)p\(position + 1)"
                sql = sql.replacingOccurrences(of: "$\(position + 1)", with: ":\(variable)::\(value.type.description)")
                definitions += ["-D", "\(variable)=\(value.bytes.map { String(decoding: $0, as: UTF8.self) } ?? "")"]
            }
            // pgbench reads one statement a line: comments go, lines join.
            let lines = sql.split(separator: "\n").map { line in line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            script += lines.joined(separator: " ") + ";\n"
        }
        // One transaction, as the request's reads may be (SET LOCAL needs one).
        script = "BEGIN;\n" + script + "COMMIT;\n"
        let file = scratch.appendingPathComponent("replay-\(name.replacingOccurrences(of: " ", with: "-")).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let prefix = scratch.appendingPathComponent("log-\(name.replacingOccurrences(of: " ", with: "-"))").path
        let child = try Child.spawn(
            pgbench,
            [
                "-n", "-M", "prepared", "-c", String(clients), "-j", String(min(clients, 2)), "-T", String(Int(seconds.rounded(.up))),
                "-f", file.path, "--log", "--log-prefix=\(prefix)",
            ] + definitions,
            environment: try ConnectionString.environment(url))
        let result = try child.wait()
        guard result.status == 0 else { throw BenchError("pgbench failed replaying \(name):\n\(result.output.suffix(3000))") }
        // Per-transaction logs: "client transaction latency_us script epoch_s epoch_us".
        var latencies: [Double] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
        where scratch.appendingPathComponent(entry).path.hasPrefix(prefix) {
            let text = (try? String(contentsOfFile: scratch.appendingPathComponent(entry).path, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count > 2, let micro = Double(fields[2]) { latencies.append(micro / 1000) }
            }
            try? FileManager.default.removeItem(at: scratch.appendingPathComponent(entry))
        }
        latencies.sort()
        return Load(requests: latencies.count, errors: 0, seconds: Double(Int(seconds.rounded(.up))), latencies: latencies)
    }

    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [(sql: String, values: [PGValue])] = []
        private var rss: [Double] = []
        func append(_ sql: String, _ values: [PGValue]) { lock.withLock { list.append((sql, values)) } }
        func sample(_ value: Double) { lock.withLock { rss.append(value) } }
        var samples: [Double] { lock.withLock { rss } }
        var statements: [(sql: String, values: [PGValue])] { lock.withLock { list } }
    }

    final class PortBox: @unchecked Sendable {
        private let lock = NSLock()
        private var port: Int?
        var value: Int? { lock.withLock { port } }
        func set(_ value: Int) { lock.withLock { port = value } }
    }

    static func residentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return .nan }
        return kib / 1024
    }
}

/// A lean HTTP/1.1 load generator: one blocking keep-alive socket per thread, one request at a
/// time each, latency measured per request.
enum HTTPLoad {
    static func run(port: Int, path: String, connections: Int, seconds: Double) throws -> ServeBench.Load {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        let results = Results()
        let group = DispatchGroup()
        for _ in 0..<connections {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var latencies: [Double] = []
                var errors = 0
                do {
                    let socket = try Socket(port: port)
                    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: petitions-bench\r\n\r\n".utf8)
                    while DispatchTime.now().uptimeNanoseconds < deadline {
                        let start = DispatchTime.now().uptimeNanoseconds
                        let status = try socket.exchange(request)
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                        if status != 200 { errors += 1 }
                    }
                } catch {
                    errors += 1
                }
                results.add(latencies, errors: errors)
            }
        }
        group.wait()
        let (latencies, errors) = results.all
        return ServeBench.Load(requests: latencies.count, errors: errors, seconds: seconds, latencies: latencies.sorted())
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var latencies: [Double] = []
        private var errors = 0
        func add(_ more: [Double], errors more2: Int) {
            lock.withLock {
                latencies += more; errors += more2
            }
        }
        var all: ([Double], Int) { lock.withLock { (latencies, errors) } }
    }

    final class Socket {
        let fd: Int32
        private let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)

        deinit {
            close(fd)
            buffer.deallocate()
        }

        init(port: Int) throws {
            #if canImport(Glibc)
                fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
                fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard fd >= 0 else { throw BenchError("socket: \(String(cString: strerror(errno)))") }
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw BenchError("connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
        }

        /// Sends one request and reads its whole response; returns the status code.
        func exchange(_ request: [UInt8]) throws -> Int {
            let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard sent == request.count else { throw BenchError("send failed") }
            var head: [UInt8] = []
            var body = 0, expected = -1, status = 0
            while expected < 0 || body < expected {
                let count = recv(fd, buffer, 1 << 16, 0)
                guard count > 0 else { throw BenchError("the server closed the connection") }
                if expected >= 0 { body += count; continue }
                head.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
                guard let end = head.firstRange(of: [13, 10, 13, 10]) else { continue }
                let text = String(decoding: head[..<end.lowerBound], as: UTF8.self)
                status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
                expected =
                    text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                body = head.count - end.upperBound
            }
            return status
        }
    }
}

/// One line on standard output at once (not held in a buffer while the load runs).
func say(_ text: String = "") {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
