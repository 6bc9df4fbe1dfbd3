import Foundation
import PetitionsDomain

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One item of an RSS or Atom feed.
public struct FeedItem: Sendable, Hashable {
    /// What makes the item the same across reads: its guid or id, else its link, else its title.
    public var key: String
    public var url: String?
    public var title: String?
    public var published: Date?
    /// The summary or content given in the feed (HTML), used when the item has no link.
    public var summary: String?

    /// Why the item cannot be read as it stands, or nil: a link that is not a fetchable http(s)
    /// address (a `javascript:` link, one over 2,000 characters), or a publication time in the
    /// future or before 1800. One such item is skipped and reported; the items beside it are not.
    public func problem(now: Date) -> String? {
        if let url, let problem = SourceURL.problem(url) { return "its link cannot be read: \(problem.prefix(200))" }
        if let published, published > now.addingTimeInterval(Validate.clockSkew) || published < Validate.earliestTime {
            return
                "its publication date \(TimeFormatting.iso(published)) cannot be right (\(published < Validate.earliestTime ? "before 1800" : "in the future"))"
        }
        return nil
    }

    /// The item as it may be recorded when `problem(now:)` refused it: its key, title and link
    /// cut to their columns' lengths, and no date.
    public var skipped: FeedItem {
        FeedItem(key: key, url: url.map { String($0.prefix(Validate.Limit.url)) }, title: title, published: nil, summary: nil)
    }
}

/// RSS 2.0, RSS 1.0 (RDF) and Atom feeds.
public enum Feed {
    /// The items of a feed, in document order.
    public static func parse(_ body: [UInt8]) throws(SourceReadError) -> [FeedItem] {
        let reader = FeedReader()
        let parser = XMLParser(data: Data(body))
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        guard parser.parse(), reader.error == nil else {
            let reason = (reader.error ?? parser.parserError).map { " (\(($0 as NSError).localizedDescription))" } ?? ""
            throw SourceReadError("the feed is not well-formed XML at line \(parser.lineNumber)\(reason); body starts \(SourceReadError.preview(body))")
        }
        guard reader.sawFeed else {
            throw SourceReadError("not an RSS or Atom feed: the document's root is <\(reader.root ?? "?")>")
        }
        return reader.items
    }

    /// RFC 822 dates (RSS) and ISO 8601 (Atom, Dublin Core).
    public static func date(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let iso = TimeFormatting.parse(trimmed) { return iso }
        for format in [
            "EEE, d MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss zzz",
            "EEE, d MMM yyyy HH:mm Z", "EEE, d MMM yyyy HH:mm zzz",
        ] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}

private final class FeedReader: NSObject, XMLParserDelegate {
    var items: [FeedItem] = []
    var root: String?
    var sawFeed = false
    var error: (any Error)?
    private var inItem = false
    private var text = ""
    private var fields: [String: String] = [:]
    private var link: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil {
            root = name
            sawFeed = ["rss", "feed", "rdf:RDF", "RDF"].contains(name)
        }
        if name == "item" || name == "entry" {
            inItem = true
            fields = [:]
            link = nil
        }
        if inItem && name == "link", let href = attributes["href"] {
            // Atom: the alternate link is the article; others (edit, enclosure) are not.
            let rel = attributes["rel"] ?? "alternate"
            if rel == "alternate" && link == nil { link = href }
        }
        text = ""
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil { error = parseError }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text += String(decoding: CDATABlock, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        text = ""
        guard inItem else { return }
        if name == "item" || name == "entry" {
            inItem = false
            let url = link ?? fields["link"]
            let title = fields["title"]
            let key = fields["guid"] ?? fields["id"] ?? url ?? title.map { "title:" + $0 }
            guard let key, !key.isEmpty else { return }
            let published = (fields["pubDate"] ?? fields["published"] ?? fields["dc:date"] ?? fields["updated"]).flatMap(Feed.date)
            let summary = fields["content:encoded"] ?? fields["content"] ?? fields["description"] ?? fields["summary"]
            items.append(FeedItem(key: String(key.prefix(2000)), url: url, title: title, published: published, summary: summary))
            return
        }
        if !value.isEmpty && fields[name] == nil { fields[name] = value }
    }
}
