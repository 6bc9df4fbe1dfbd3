import Crypto
import Foundation
import PetitionsDomain

/// The fingerprint that makes a re-import add nothing: an entry's content, and which occurrence of
/// that content in its file it is.
///
/// `content` is the MD5 of role, visibility, name key, affiliation key, country and signing time
/// (epoch seconds as PostgreSQL prints a `double precision`), joined by U+001F; the row key is the
/// MD5 of the content's hex digits, a colon and the occurrence, read as a UUID. Earlier versions
/// computed both in SQL (`md5(concat_ws(chr(31), ...))`); the results are the same, so lists stored
/// before re-import as nothing new (a store test holds the two side by side).
struct SignatoryFingerprint: Hashable, Sendable {
    /// The content digest as two words (for the seen-filter) and as hex (for SQL and row keys).
    var high: UInt64
    var low: UInt64

    init(role: String, visibility: String, nameKey: String?, affiliationKey: String?, country: String?, epoch: Double?) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(96)
        bytes.append(contentsOf: role.utf8)
        for part in [visibility, nameKey ?? "", affiliationKey ?? "", country ?? "", epoch.map(Self.epochText) ?? ""] {
            bytes.append(0x1F)
            bytes.append(contentsOf: part.utf8)
        }
        (high, low) = Self.words(Insecure.MD5.hash(data: bytes))
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The content's 32 hex digits, as SQL's `md5()` returns them.
    var hex: String { Self.hex(high, low) }

    /// The row key of the `occurrence`-th entry with this content (1 for the first), as 32 hex digits.
    func rowKey(occurrence: Int) -> String {
        Self.hexDigest(of: "\(hex):\(occurrence)")
    }

    /// A stand-in row key for the `index`-th entry with this content that may repeat an earlier one;
    /// replaced by its real key once SQL has counted the earlier ones.
    func provisionalKey(index: Int) -> String {
        Self.hexDigest(of: "p:\(hex):\(index)")
    }

    /// Epoch seconds as PostgreSQL's `float8out` prints them (shortest round trip): `1732630200`,
    /// `1732630200.25`.
    static func epochText(_ epoch: Double) -> String {
        if epoch == epoch.rounded(), abs(epoch) < 1e15 { return String(Int64(epoch)) }
        return String(epoch)
    }

    static func hexDigest(of text: String) -> String {
        let (high, low) = words(Insecure.MD5.hash(data: Array(text.utf8)))
        return hex(high, low)
    }

    private static func words(_ digest: Insecure.MD5Digest) -> (UInt64, UInt64) {
        digest.withUnsafeBytes { raw in
            var high: UInt64 = 0, low: UInt64 = 0
            for index in 0..<8 { high = high << 8 | UInt64(raw[index]) }
            for index in 8..<16 { low = low << 8 | UInt64(raw[index]) }
            return (high, low)
        }
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            for index in 0..<16 {
                buffer[index] = digits[Int((high >> (60 - 4 * UInt64(index))) & 0xF)]
                buffer[16 + index] = digits[Int((low >> (60 - 4 * UInt64(index))) & 0xF)]
            }
            return 32
        }
    }
}

/// Which contents an import has already met, in fixed memory (8 MiB, touched only as used): a
/// Bloom filter over the content digests. "Not seen" is certain; "maybe seen" is a repeat or, rarely
/// (about 1 in 10,000 at a million entries), a false alarm, and SQL settles it exactly.
final class SeenFilter {
    private static let wordCount = 1 << 20
    private static let mask = UInt64(wordCount * 64 - 1)
    private let words: UnsafeMutablePointer<UInt64>

    init() {
        // calloc: zero pages are mapped lazily, so a ten-line list does not pay for 8 MiB.
        words = calloc(Self.wordCount, MemoryLayout<UInt64>.size)!.assumingMemoryBound(to: UInt64.self)
    }

    deinit { free(words) }

    /// Records `fingerprint`; true when it may have been recorded before.
    func insert(_ fingerprint: SignatoryFingerprint) -> Bool {
        var seen = true
        for probe in 0..<3 as Range<UInt64> {
            let bit = (fingerprint.high &+ probe &* (fingerprint.low | 1)) & Self.mask
            let word = Int(bit >> 6), flag = UInt64(1) << (bit & 63)
            if words[word] & flag == 0 {
                seen = false
                words[word] |= flag
            }
        }
        return seen
    }
}

/// A time as PostgreSQL reads a `timestamptz` in COPY text, rounded to microseconds as
/// `to_timestamp()` rounds: `2024-11-26 14:30:05.25+00`.
enum TimestampText {
    static func format(epoch: Double) -> String {
        // to_timestamp() rounds the seconds since 2000-01-01 to microseconds.
        let postgresEpoch = 946_684_800.0
        let micros = Int64((((epoch - postgresEpoch) * 1_000_000).rounded(.toNearestOrEven))) + 946_684_800_000_000
        var seconds = micros / 1_000_000, fraction = micros % 1_000_000
        if fraction < 0 { fraction += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400, secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (year, month, day) = FastTime.civil(days: Int(days))
        func two(_ value: some BinaryInteger) -> String { value < 10 ? "0\(value)" : String(value) }
        let yearText = year > 0 ? String(year) : String(1 - year)
        var text = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
        text += "-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        if fraction > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 6 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        text += "+00"
        if year <= 0 { text += " BC" }
        return text
    }
}
