import Foundation

/// A page read with a regular expression whose first capture group is the count.
public enum PagePattern {
    /// Why `pattern` cannot be used, or nil.
    public static func problem(_ pattern: String) -> String? {
        let expression: NSRegularExpression
        do { expression = try NSRegularExpression(pattern: pattern, options: []) } catch {
            return "\"\(pattern)\" is not a valid regular expression"
        }
        if expression.numberOfCaptureGroups < 1 {
            return "the expression needs a capture group around the count, such as 'signatures: ([0-9,]+)'"
        }
        return nil
    }

    /// The count in the first match's first group.
    public static func count(_ pattern: String, in data: [UInt8]) throws(SourceReadError) -> Int {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: []) else {
            throw SourceReadError(
                "the source's pattern \"\(pattern)\" is not a valid regular expression; remove the source and add it again with a fixed --pattern")
        }
        let text = String(decoding: data, as: UTF8.self)
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, options: [], range: range) else {
            throw SourceReadError("the pattern \(pattern) does not match the page (\(data.count) bytes); the page may have changed")
        }
        guard let groupRange = Range(match.range(at: 1), in: text) else {
            throw SourceReadError("the pattern matched but its first group captured nothing")
        }
        let captured = String(text[groupRange])
        guard let count = Counts.parse(captured) else {
            throw SourceReadError("the pattern captured \"\(captured.prefix(40))\", which is not a count")
        }
        return count
    }
}
