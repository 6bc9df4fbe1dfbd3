import FoundationEssentials

/// Which network addresses the worker may fetch from: a source URL must not be a way into the
/// machine's own network (server-side request forgery). Link-local and cloud-metadata addresses are
/// always refused; loopback and private ranges only with `--allow-private-hosts`.
public enum AddressPolicy {
    public enum Kind: String, Sendable, Equatable {
        case `public`
        case loopback
        case `private`
        /// 169.254.0.0/16 and fe80::/10, where cloud metadata services answer; never fetched.
        case linkLocal = "link-local"
        /// Unspecified, multicast, broadcast, documentation and other ranges no source lives in.
        case reserved
    }

    /// Host names that reach a metadata service whatever they resolve to.
    public static let metadataHosts: Set<String> = ["metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"]

    /// The kind of a numeric address (IPv4 dotted quad, or IPv6 with or without brackets), nil
    /// when `text` is not one.
    public static func kind(ofAddress text: String) -> Kind? {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let v4 = ipv4(text) { return kind(v4) }
        if let v6 = ipv6(text) { return kind(v6) }
        return nil
    }

    /// Why fetching from an address of `kind` is refused, or nil when it is allowed.
    public static func refusal(_ kind: Kind, allowPrivate: Bool) -> String? {
        switch kind {
        case .public: nil
        case .linkLocal: "a link-local address (where cloud metadata services answer); it is never fetched"
        case .reserved: "a reserved address (unspecified, multicast or documentation range); it is never fetched"
        case .loopback where !allowPrivate: "a loopback address (this machine); run the worker with --allow-private-hosts to poll hosts of your own"
        case .private where !allowPrivate: "a private-network address; run the worker with --allow-private-hosts to poll hosts of your own network"
        case .loopback, .private: nil
        }
    }

    static func kind(_ a: [UInt8]) -> Kind {
        if a == [100, 100, 100, 200] { return .linkLocal }  // a metadata service's address, inside 100.64.0.0/10
        switch (a[0], a[1]) {
        case (127, _): return .loopback
        case (10, _), (172, 16...31), (192, 168), (100, 64...127): return .private
        case (169, 254): return .linkLocal
        case (0, _), (224...255, _): return .reserved
        case (192, 0) where a[2] == 2, (198, 51) where a[2] == 100, (203, 0) where a[2] == 113: return .reserved
        default: return .public
        }
    }

    static func kind(_ a: [UInt16]) -> Kind {
        if a.allSatisfy({ $0 == 0 }) { return .reserved }
        if a[0..<7].allSatisfy({ $0 == 0 }) && a[7] == 1 { return .loopback }
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms are judged as the IPv4 address.
        if a[0..<5].allSatisfy({ $0 == 0 }) && (a[5] == 0xFFFF || a[5] == 0) {
            return kind([UInt8(a[6] >> 8), UInt8(a[6] & 0xFF), UInt8(a[7] >> 8), UInt8(a[7] & 0xFF)])
        }
        if a[0] & 0xFFC0 == 0xFE80 { return .linkLocal }
        if a[0] == 0xFD00 && a[1] == 0x0EC2 { return .linkLocal }  // fd00:ec2::254, a metadata service
        if a[0] & 0xFE00 == 0xFC00 { return .private }
        if a[0] & 0xFF00 == 0xFF00 || a[0] == 0x2001 && a[1] == 0x0DB8 { return .reserved }
        return .public
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let bytes = parts.compactMap { part -> UInt8? in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber) else { return nil }
            return UInt8(part)
        }
        return bytes.count == 4 ? bytes : nil
    }

    static func ipv6(_ text: String) -> [UInt16]? {
        guard text.contains(":") else { return nil }
        var text = Substring(text)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }  // a zone index
        var tail: [UInt16] = []
        // A trailing dotted quad.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains("."),
            let v4 = ipv4(String(text[text.index(after: lastColon)...]))
        {
            tail = [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
        }
        func groups(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !group.isEmpty, group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        let halves = text.components(separatedBy: "::")
        var words: [UInt16]
        switch halves.count {
        case 1:
            guard let all = groups(Substring(halves[0])) else { return nil }
            words = all + tail
            guard words.count == 8 else { return nil }
        case 2:
            guard let head = groups(Substring(halves[0])), let rest = groups(Substring(halves[1])) else { return nil }
            let known = head.count + rest.count + tail.count
            guard known <= 7 else { return nil }
            words = head + [UInt16](repeating: 0, count: 8 - known) + rest + tail
        default:
            return nil
        }
        return words
    }
}
