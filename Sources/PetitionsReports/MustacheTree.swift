/// The view as the dictionaries and arrays Mustache reads fastest: each struct is reflected once
/// here, rather than by Mustache's `Mirror` at every tag it looks up (which made a page with
/// thousands of rows several times slower). Nil optionals are left out, so sections on them vanish.
enum MustacheTree {
    static func make(_ value: Any) -> Any {
        switch value {
        case let string as String: return string
        case let bool as Bool: return bool
        case let int as Int: return int
        case let strings as [String]: return strings
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct:
            var object: [String: Any] = [:]
            object.reserveCapacity(mirror.children.count)
            for child in mirror.children {
                guard let label = child.label, let converted = optionalValue(child.value) else { continue }
                object[label] = make(converted)
            }
            return object
        case .collection:
            return mirror.children.map { make($0.value) }
        default:
            return value
        }
    }

    /// The value an optional holds (nil when it holds none); any other value as it is.
    private static func optionalValue(_ value: Any) -> Any? {
        guard let optional = value as? any OptionalValue else { return value }
        return optional.wrapped
    }
}

/// An optional seen as `Any`, without a `Mirror` to look inside it.
private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrapped: Any? { self.map { $0 as Any } }
}
