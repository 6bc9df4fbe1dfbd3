/// Checks on bytes that should be text, so that bad input is refused with its place instead of
/// being stored as U+FFFD or cut at a NUL.
public enum TextBytes {
    /// Why `bytes` (one line or field) is not acceptable text, or nil: invalid UTF-8 (with the
    /// offending byte and its column, counted in bytes from 1) or a NUL byte.
    public static func problem(_ bytes: some Collection<UInt8>) -> String? {
        if let nul = bytes.firstIndex(of: 0) {
            return "a NUL byte at column \(bytes.distance(from: bytes.startIndex, to: nul) + 1); remove it"
        }
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        // Find the first byte that does not start or continue a valid sequence.
        var index = bytes.startIndex
        var column = 1
        while index != bytes.endIndex {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : lead >= 0xF0 && lead < 0xF5 ? 4 : 0
            let end = bytes.index(index, offsetBy: max(length, 1), limitedBy: bytes.endIndex) ?? bytes.endIndex
            if length == 0 || bytes.distance(from: index, to: end) < length || String(validating: bytes[index..<end], as: UTF8.self) == nil {
                let hex = String(lead, radix: 16, uppercase: true)
                return "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex) at column \(column)); save the file as UTF-8"
            }
            column += length
            index = end
        }
        return "invalid UTF-8; save the file as UTF-8"
    }

    /// The first line of `bytes` that `problem` refuses, with its number (from 1) and reason.
    public static func firstBadLine(_ bytes: [UInt8]) -> (line: Int, reason: String)? {
        var line = 1
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if let reason = problem(bytes[start..<end]) { return (line, reason) }
            line += 1
            start = end + 1
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without Unicode white space at either end. Unlike Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, invisible format characters such as a
    /// zero-width space are kept: what is stored stays byte-exact, and only keys are normalised.
    public var trimmedOfWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
