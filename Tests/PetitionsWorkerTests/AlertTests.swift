import Foundation
import PetitionsDomain
import PetitionsSources
import PetitionsStore
import PetitionsWorker
import Postgres
import TestSupport
import Testing

/// Alerts raised as counts are recorded, and delivered by real `petitions-worker` processes to a
/// loopback webhook: once per event, across two workers, with a retry after a 500.
@Suite(.ownThread) struct AlertTests {
    static func worker(_ url: String) throws -> BackgroundProcess {
        try BackgroundProcess(
            "petitions-worker",
            [
                "--once", "--database-url", url, "--host-gap", "0s", "--allow-private-hosts", "--log-level", "notice",
                "--retry-base", "1s",
            ])
    }

    @Test func eachEventIsSentOnceAcrossTwoWorkers() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set("/hook", .init(body: "{}"))
            let repository = bench.repository
            let hook = server.url("/hook")
            let passed = try repository.alerts.add(
                campaign: WorkerBench.campaign.slug, event: .threshold, threshold: 100, webhookURL: hook, command: nil, actor: "test")
            let fell = try repository.alerts.add(
                campaign: WorkerBench.campaign.slug, event: .countFell, threshold: nil, webhookURL: hook, command: nil, actor: "test")
            let jumped = try repository.alerts.add(
                campaign: WorkerBench.campaign.slug, event: .anomaly, threshold: 50, webhookURL: hook, command: nil, actor: "test")
            // Counts 90, 120 (passes 100), 125, 60 (falls, and moves by 65), 130 (passes 100 again: the same event).
            server.set("/count", .init(body: "{\"count\": 90}"))
            _ = try bench.addSource(.json, url: server.url("/count"), every: 300, pointer: "/count")
            for count in [90, 120, 125, 60, 130] {
                server.set("/count", .init(body: "{\"count\": \(count)}"))
                try await bench.runDue()
                bench.clock.advance(by: 300)
            }
            let keys = try repository.db.query("SELECT a.event, d.event_key FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id ORDER BY d.id")
                .map { "\(try $0.decode("event", as: String.self)) \(try $0.decode("event_key", as: String.self))" }
            #expect(keys.count == 4, "\(keys)")
            #expect(keys.filter { $0.hasPrefix("threshold threshold:100") }.count == 1, "\(keys)")
            #expect(keys.filter { $0.hasPrefix("count-fell") }.count == 1 && keys.filter { $0.hasPrefix("anomaly") }.count == 2, "\(keys)")

            // Two workers at once: every delivery arrives once.
            let first = try Self.worker(bench.url), second = try Self.worker(bench.url)
            #expect(await first.wait(timeout: 60) == 0, "\(first.output().stderr.suffix(2000))")
            #expect(await second.wait(timeout: 60) == 0, "\(second.output().stderr.suffix(2000))")
            let bodies = server.bodies("/hook")
            #expect(bodies.count == 4, "\(bodies)")
            let payloads = bodies.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(Set(payloads.compactMap { $0["alert_id"] as? Int }) == [passed.id, fell.id, jumped.id])
            let threshold = try #require(payloads.first { $0["event"] as? String == "threshold" })
            #expect(threshold["count"] as? Int == 120 && threshold["previous"] as? Int == 90 && threshold["threshold"] as? Int == 100)
            #expect(threshold["campaign"] as? String == WorkerBench.campaign.slug && (threshold["message"] as? String)?.contains("passed 100") == true)
            #expect(try bench.count("SELECT count(*) FROM alert_deliveries WHERE state = 'sent'") == 4)
            #expect(server.lastHeader("/hook", "Idempotency-Key")?.hasPrefix("petitions-alert-delivery-") == true)
            // Nothing is sent twice on a later pass.
            let third = try Self.worker(bench.url)
            #expect(await third.wait(timeout: 60) == 0)
            #expect(server.bodies("/hook").count == 4)
        }
    }

    @Test func aWebhookThatAnswers500IsTriedAgain() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set("/flaky", .init(status: 500, body: "{\"error\": \"down\"}"))
            let alert = try bench.repository.alerts.add(
                campaign: WorkerBench.campaign.slug, event: .goal, threshold: nil, webhookURL: server.url("/flaky"),
                command: nil, actor: "test")
            let delivery = try bench.repository.alerts.queueTest(alert.id)
            let first = try Self.worker(bench.url)
            #expect(await first.wait(timeout: 60) == 0)
            #expect(server.requests("/flaky") == 1)
            let waiting = try bench.repository.db.query("SELECT state, attempts, last_error FROM alert_deliveries WHERE id = \(delivery)")[0]
            #expect(try waiting.decode("state", as: String.self) == "queued")
            #expect(try waiting.decode("last_error", as: String?.self)?.contains("500") == true)
            // The host recovers; the retry is due.
            server.set("/flaky", .init(body: "{}"))
            try bench.repository.db.execute("UPDATE alert_deliveries SET next_attempt_at = now() WHERE id = \(delivery)")
            let second = try Self.worker(bench.url)
            #expect(await second.wait(timeout: 60) == 0)
            #expect(server.requests("/flaky") == 2)
            let sent = try bench.repository.db.query("SELECT state, attempts FROM alert_deliveries WHERE id = \(delivery)")[0]
            #expect(try sent.decode("state", as: String.self) == "sent" && sent.decode("attempts", as: Int.self) == 2)
            let payload = try #require(server.bodies("/flaky").last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
            #expect(payload["test"] as? Bool == true)
            #expect(try bench.repository.alerts.list(campaign: WorkerBench.campaign.slug).first?.sent == 1)
        }
    }

    @Test func anOutletFigureBelowThePlatformRaisesOutdatedReport() async throws {
        try await WorkerBench.with { bench in
            let repository = bench.repository
            try repository.outlets.add(Outlet(slug: "the-site", name: "The Invented Site", kind: .platform), actor: "test")
            _ = try repository.alerts.add(
                campaign: WorkerBench.campaign.slug, event: .outdatedReport, threshold: nil, webhookURL: "https://hooks.example.org/x",
                command: nil, actor: "test")
            let start = WorkerBench.start
            func draft(_ outlet: String, _ value: Int, asOf: Date, published: Date?, method: EntryMethod = .manual) -> FigureDraft {
                FigureDraft(
                    campaign: WorkerBench.campaign.slug, outlet: outlet, metric: .signatures, value: value, qualifier: .exact,
                    asOf: asOf, published: published, method: method)
            }
            _ = try repository.figures.add(
                [
                    draft("the-site", 1000, asOf: start, published: nil, method: .polled),
                    draft("the-site", 5000, asOf: start.addingTimeInterval(3600), published: nil, method: .polled),
                ], actor: "test")
            // Published two hours in, when the platform showed 5,000: outdated.
            let late = try repository.figures.add([draft("the-paper", 1000, asOf: start, published: start.addingTimeInterval(7200))], actor: "test").inserted
            #expect(try bench.count("SELECT count(*) FROM alert_deliveries WHERE event_key = \("outdated-report:\(late[0])")") == 1)
            // Published at once: not outdated.
            try repository.outlets.add(Outlet(slug: "the-wire", name: "The Invented Wire", kind: .news), actor: "test")
            let prompt = try repository.figures.add(
                [draft("the-wire", 5000, asOf: start.addingTimeInterval(3600), published: start.addingTimeInterval(3700))],
                actor: "test"
            ).inserted
            #expect(try bench.count("SELECT count(*) FROM alert_deliveries WHERE event_key = \("outdated-report:\(prompt[0])")") == 0)
        }
    }

    @Test func badAlertsAreRefusedWithReasons() async throws {
        try await WorkerBench.with { (bench: WorkerBench) async throws in
            let repository = bench.repository
            #expect(throws: ValidationFailure.self) {
                try repository.alerts.add(
                    campaign: WorkerBench.campaign.slug, event: .threshold, threshold: nil, webhookURL: "https://x.example", command: nil, actor: "t")
            }
            #expect(throws: ValidationFailure.self) {
                try repository.alerts.add(
                    campaign: WorkerBench.campaign.slug, event: .goal, threshold: nil, webhookURL: "ftp://x.example", command: nil, actor: "t")
            }
            #expect(throws: ValidationFailure.self) {
                try repository.alerts.add(campaign: WorkerBench.campaign.slug, event: .goal, threshold: nil, webhookURL: nil, command: nil, actor: "t")
            }
            #expect(throws: (any Error).self) {
                try repository.alerts.add(campaign: "no-such-campaign", event: .goal, threshold: nil, webhookURL: "https://x.example", command: nil, actor: "t")
            }
            #expect(try bench.count("SELECT count(*) FROM alerts") == 0)
        }
    }
}
