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

/// Turns an `Encodable` value into the tree `JSONTextWriter` writes (dictionaries, arrays,
/// strings, numbers, booleans and `NSNull`), so typed output keeps the writer's speed and its
/// format: keys sorted, pretty or on one line.
public enum JSONTree {
    public static func tree(_ value: some Encodable) throws -> Any {
        let root = Slot()
        try value.encode(to: TreeEncoder(slot: root, codingPath: []))
        return root.finished()
    }

    /// Where one encoded value goes; containers fill it in place and are finished at the end.
    final class Slot {
        enum Content {
            case empty
            case value(Any)
            case object(ObjectBox)
            case array(ArrayBox)
        }
        var content = Content.empty

        func finished() -> Any {
            switch content {
            case .empty: return NSNull()
            case .value(let value): return value
            case .object(let box): return box.entries.mapValues { $0.finished() }
            case .array(let box): return box.items.map { $0.finished() }
            }
        }
    }

    final class ObjectBox {
        var entries: [String: Slot] = [:]
    }

    final class ArrayBox {
        var items: [Slot] = []
    }

    struct TreeEncoder: Encoder {
        let slot: Slot
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let box: ObjectBox
            if case .object(let existing) = slot.content {
                box = existing
            } else {
                box = ObjectBox()
                slot.content = .object(box)
            }
            return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let box: ArrayBox
            if case .array(let existing) = slot.content {
                box = existing
            } else {
                box = ArrayBox()
                slot.content = .array(box)
            }
            return UnkeyedContainer(box: box, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(slot: slot, codingPath: codingPath) }
    }

    /// Strings, whole numbers, booleans and doubles are stored as they are; anything else encodes itself.
    static func store(_ value: some Encodable, in slot: Slot, codingPath: [any CodingKey]) throws {
        switch value {
        case let string as String: slot.content = .value(string)
        case let int as Int: slot.content = .value(int)
        case let bool as Bool: slot.content = .value(bool)
        case let double as Double: slot.content = .value(double)
        default: try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath))
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: ObjectBox
        var codingPath: [any CodingKey]

        private func slot(_ key: Key) -> Slot {
            let slot = Slot()
            box.entries[key.stringValue] = slot
            return slot
        }

        mutating func encodeNil(forKey key: Key) throws { slot(key).content = .value(NSNull()) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try JSONTree.store(value, in: slot(key), codingPath: codingPath + [key]) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(slot: slot(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            TreeEncoder(slot: slot(key), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(slot: Slot(), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(slot: slot(key), codingPath: codingPath + [key]) }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: ArrayBox
        var codingPath: [any CodingKey]
        var count: Int { box.items.count }

        private func next() -> Slot {
            let slot = Slot()
            box.items.append(slot)
            return slot
        }

        mutating func encodeNil() throws { next().content = .value(NSNull()) }
        mutating func encode<T: Encodable>(_ value: T) throws { try JSONTree.store(value, in: next(), codingPath: codingPath) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(slot: next(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { TreeEncoder(slot: next(), codingPath: codingPath).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { TreeEncoder(slot: next(), codingPath: codingPath) }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey]
        mutating func encodeNil() throws { slot.content = .value(NSNull()) }
        mutating func encode<T: Encodable>(_ value: T) throws { try JSONTree.store(value, in: slot, codingPath: codingPath) }
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
        tree.slot.content = .value(self.tree)
    }
}
