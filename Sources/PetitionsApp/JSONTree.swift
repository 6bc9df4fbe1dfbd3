import Foundation

/// A value the JSON output writes as `null` whatever it holds when absent: `Nullable(x)` is
/// always present in its object, `null` when `x` is nil. A plain optional property is left out
/// when nil. The two are the only ways output has of saying "nothing", and the type says which.
public struct Nullable<Wrapped: Encodable>: Encodable {
    public var value: Wrapped?
    public init(_ value: Wrapped?) { self.value = value }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// One JSON object with the keys of `base`, then those of `more` (a key in both keeps `more`'s
/// value): a campaign with its counts or its links, a job with its attempts, a figure with its
/// retraction and review.
public struct Merged<Base: Encodable, More: Encodable>: Encodable {
    public var base: Base
    public var more: More
    public init(_ base: Base, _ more: More) {
        self.base = base
        self.more = more
    }
    public func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        try more.encode(to: encoder)
    }
}

/// Encodes an `Encodable` value into the nodes `JSONTextWriter` writes (keys sorted, pretty or on
/// one line). Scalars are stored in their containers as they come; only objects and arrays are
/// allocated, so a trend's tens of thousands of numbers and strings cost no allocation each and
/// no cast through `Any` (a tree of `Any` made the typed trend JSON 10 ms slower than the
/// dictionaries it replaced).
public enum JSONTree {
    /// One encoded value.
    enum Node {
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case null
        case object(ObjectBox)
        case array(ArrayBox)
        /// A value an encoder fills in later (`superEncoder`).
        case slot(Slot)
        /// Parsed JSON passed through (`JSONTreeValue`), written as `JSONTextWriter` writes trees.
        case tree(Any)
    }

    /// An object's entries in the order encoded; the writer sorts them, and a key encoded twice
    /// keeps its last value.
    final class ObjectBox {
        var entries: [(key: String, node: Node)] = []
    }

    final class ArrayBox {
        var items: [Node] = []
    }

    /// Where a composite value being encoded goes.
    final class Slot {
        var node = Node.null
    }

    static func node(_ value: some Encodable) throws -> Node {
        if let scalar = scalar(value) { return scalar }
        let slot = Slot()
        try value.encode(to: TreeEncoder(slot: slot, codingPath: []))
        return slot.node
    }

    /// The value as a scalar node when its type is one, decided by comparing types (cheap) rather
    /// than casting the value (a run-time conformance look-up for every struct that is not one).
    @inline(__always)
    static func scalar<Value>(_ value: Value) -> Node? {
        if Value.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if Value.self == Int.self { return .int(unsafeBitCast(value, to: Int.self)) }
        if Value.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if Value.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
        if Value.self == Int64.self { return .int(Int(unsafeBitCast(value, to: Int64.self))) }
        if Value.self == Int32.self { return .int(Int(unsafeBitCast(value, to: Int32.self))) }
        if Value.self == Float.self { return .double(Double(unsafeBitCast(value, to: Float.self))) }
        return nil
    }

    struct TreeEncoder: Encoder {
        let slot: Slot
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let box: ObjectBox
            if case .object(let existing) = slot.node {
                box = existing
            } else {
                box = ObjectBox()
                slot.node = .object(box)
            }
            return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let box: ArrayBox
            if case .array(let existing) = slot.node {
                box = existing
            } else {
                box = ArrayBox()
                slot.node = .array(box)
            }
            return UnkeyedContainer(box: box, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(slot: slot, codingPath: codingPath) }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: ObjectBox
        var codingPath: [any CodingKey]

        private func put(_ node: Node, _ key: Key) { box.entries.append((key.stringValue, node)) }

        mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(value), key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let scalar = scalar(value) { return put(scalar, key) }
            let slot = Slot()
            try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath + [key]))
            put(slot.node, key)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            put(.object(nested), key)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            put(.array(nested), key)
            return UnkeyedContainer(box: nested, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(slot: Slot(), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let slot = Slot()
            put(.slot(slot), key)
            return TreeEncoder(slot: slot, codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: ArrayBox
        var codingPath: [any CodingKey]
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.null) }
        mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
        mutating func encode(_ value: Int) throws { box.items.append(.int(value)) }
        mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
        mutating func encode(_ value: Double) throws { box.items.append(.double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try JSONTree.node(value)) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            box.items.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            box.items.append(.array(nested))
            return UnkeyedContainer(box: nested, codingPath: codingPath)
        }
        mutating func superEncoder() -> any Encoder {
            let slot = Slot()
            box.items.append(.slot(slot))
            return TreeEncoder(slot: slot, codingPath: codingPath)
        }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey]
        mutating func encodeNil() throws { slot.node = .null }
        mutating func encode(_ value: String) throws { slot.node = .string(value) }
        mutating func encode(_ value: Int) throws { slot.node = .int(value) }
        mutating func encode(_ value: Bool) throws { slot.node = .bool(value) }
        mutating func encode(_ value: Double) throws { slot.node = .double(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let scalar = scalar(value) {
                slot.node = scalar
            } else {
                try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath))
            }
        }
    }
}

extension JSONTextWriter {
    /// Writes an encoded value: the same text `write(_:depth:)` gives the equivalent tree of
    /// dictionaries and arrays.
    mutating func write(node: JSONTree.Node, depth: Int) throws {
        switch node {
        case .string(let string): writeString(string)
        case .int(let int): text += String(int)
        case .bool(let bool): text += bool ? "true" : "false"
        case .double(let double): try write(double)
        case .null: text += "null"
        case .slot(let slot): try write(node: slot.node, depth: depth)
        case .tree(let tree): try write(tree, depth: depth)
        case .array(let box):
            guard !box.items.isEmpty else { text += "[]"; return }
            text += "["
            for (index, item) in box.items.enumerated() {
                if index > 0 { text += "," }
                newline(depth + 1)
                try write(node: item, depth: depth + 1)
            }
            newline(depth)
            text += "]"
        case .object(let box):
            guard !box.entries.isEmpty else { text += "{}"; return }
            // Sorted by key; of a key encoded twice the last value stands, as in a dictionary.
            let sorted = box.entries.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            text += "{"
            var first = true
            for (position, entry) in sorted.enumerated() {
                if position + 1 < sorted.count && sorted[position + 1].element.key == entry.element.key { continue }
                if !first { text += "," }
                first = false
                newline(depth + 1)
                writeString(entry.element.key)
                text += pretty ? " : " : ":"
                try write(node: entry.element.node, depth: depth + 1)
            }
            newline(depth)
            text += "}"
        }
    }
}

/// JSON that is already a tree (a document stored as JSON text, parsed), passed through as it is.
public struct JSONTreeValue: Encodable, @unchecked Sendable {
    public var tree: Any
    public init(_ tree: Any) { self.tree = tree }
    /// Parsed from JSON text; nil when the text is not JSON.
    public init?(text: String) {
        guard let tree = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
        self.tree = tree
    }
    public func encode(to encoder: any Encoder) throws {
        guard let tree = encoder as? JSONTree.TreeEncoder else {
            throw EncodingError.invalidValue(self.tree, .init(codingPath: encoder.codingPath, debugDescription: "only JSONTree writes a parsed tree"))
        }
        tree.slot.node = .tree(self.tree)
    }
}
