import Foundation

/// The readable text of an HTML page: tags dropped (block elements end lines), entities decoded,
/// and the content of script, style, nav, header, footer, aside, noscript, template and form left out.
public enum HTMLText {
    static let skipped: Set<String> = ["script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form", "svg", "head"]
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "figcaption", "ul", "ol", "table",
    ]
    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "ndash": "–", "mdash": "—",
        "hellip": "…", "laquo": "«", "raquo": "»", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "thinsp": "\u{2009}",
        "eacute": "é", "egrave": "è", "agrave": "à", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß",
    ]

    public static func text(_ html: String) -> String {
        var output = ""
        var skipDepth: [String] = []
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close]
                if tag.hasPrefix("!--") {
                    if let end = html[index...].range(of: "-->") { index = end.upperBound; continue }
                    break
                }
                let closing = tag.hasPrefix("/")
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if skipped.contains(name) && !tag.hasSuffix("/") {
                    if closing { if let last = skipDepth.lastIndex(of: name) { skipDepth.remove(at: last) } } else { skipDepth.append(name) }
                } else if skipDepth.isEmpty && blocks.contains(name) {
                    output += "\n"
                }
                index = html.index(after: close)
                continue
            }
            if skipDepth.isEmpty {
                if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";") {
                    let entity = String(html[html.index(after: index)..<semicolon])
                    if let decoded = decode(entity) {
                        output += decoded
                        index = html.index(after: semicolon)
                        continue
                    }
                }
                output.append(character)
            }
            index = html.index(after: index)
        }
        return output
    }

    static func decode(_ entity: String) -> String? {
        if let named = entities[entity] { return named }
        if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let value = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
            return String(scalar)
        }
        if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) { return String(scalar) }
        return nil
    }
}
