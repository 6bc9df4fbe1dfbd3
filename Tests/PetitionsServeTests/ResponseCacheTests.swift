import Foundation
import Testing

@testable import PetitionsServe

/// The reply cache is bounded by bytes: 3,000 distinct large requests took the service from 145 to
/// 675 MB, and it stayed there.
@Suite struct ResponseCacheTests {
    static func reply(_ size: Int) -> Reply {
        Reply(contentType: "text/html; charset=utf-8", body: [UInt8](repeating: 0x61, count: size), maxAge: 30)
    }

    @Test func distinctLargeRequestsStayWithinTheBudget() async throws {
        let cache = ResponseCache(lifetime: 60, capacity: 100_000, byteBudget: 4 << 20)
        for index in 0..<3_000 {
            _ = try await cache.reply(for: "/c/x?utm_source=\(index)") { Self.reply(200_000) }
            #expect(await cache.bytes <= 4 << 20)
        }
        #expect(await cache.count == 20)
        // The newest are kept: asked again, the last one is a hit.
        let before = await cache.hits
        _ = try await cache.reply(for: "/c/x?utm_source=2999") { Self.reply(200_000) }
        #expect(await cache.hits == before + 1)
        // A reply over an eighth of the budget is answered, never kept.
        let big = try await cache.reply(for: "/big") { Self.reply(1 << 20) }
        #expect(big.body.count == 1 << 20)
        _ = try await cache.reply(for: "/big") { Self.reply(1 << 20) }
        #expect(await cache.hits == before + 1)
    }

    @Test func expiredEntriesAreDropped() async throws {
        // A clock moved by hand: how long the stores take (under a sanitizer, on a busy host) does not matter.
        let clock = HandClock()
        let cache = ResponseCache(lifetime: 0.05, byteBudget: 64 << 20, now: { clock.now })
        for index in 0..<50 { _ = try await cache.reply(for: "/old/\(index)") { Self.reply(10_000) } }
        #expect(await cache.count == 50)
        clock.advance(by: .milliseconds(80))
        _ = try await cache.reply(for: "/new") { Self.reply(10_000) }
        #expect(await cache.count == 1)
        #expect(await cache.bytes < 11_000)
    }
}

/// A continuous-clock instant that moves only when told to.
final class HandClock: @unchecked Sendable {
    private let lock = NSLock()
    private var instant = ContinuousClock.now
    var now: ContinuousClock.Instant { lock.withLock { instant } }
    func advance(by duration: Duration) { lock.withLock { instant += duration } }
}
