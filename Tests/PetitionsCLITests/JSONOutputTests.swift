import Foundation
import PetitionsCLI
import PetitionsDomain
import Testing

@testable import PetitionsApp

@Suite struct JSONOutputTests {
    struct Shape: Encodable {
        var name: String
        var left: String?
        var shown: Nullable<Int>
        var nested: [Inner]
        struct Inner: Encodable { var b: Int, a: Double }
    }

    /// Typed output: a plain optional that is nil is left out, a Nullable one is written as null,
    /// and the writer's format (keys sorted) holds for nested values.
    @Test func typedValuesWriteAsTheirTypesSay() throws {
        let value = Shape(name: "x", left: nil, shown: Nullable(nil), nested: [.init(b: 2, a: 1.5)])
        #expect(try JSONOutput.line(value) == #"{"name":"x","nested":[{"a":1.5,"b":2}],"shown":null}"#)
        let present = Shape(name: "y", left: "l", shown: Nullable(3), nested: [])
        #expect(try JSONOutput.line(present) == #"{"left":"l","name":"y","nested":[],"shown":3}"#)
    }

    /// The less common ways an `encode(to:)` can fill its encoder, each written as the same tree of
    /// dictionaries would be: a key encoded twice keeps its last value, nested and super
    /// encoders fill in place, wider integers and floats are numbers, parsed JSON passes through.
    @Test func everyWayOfEncodingWritesLikeTheTreeItStandsFor() throws {
        struct Odd: Encodable {
            enum Keys: String, CodingKey { case b, a, nested, list, sup, wide, small, tree, empty, none }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode("first", forKey: .b)
                try container.encode(1, forKey: .a)
                try container.encode("second", forKey: .b)
                var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
                try nested.encode(true, forKey: .a)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode(2.5)
                try list.encodeNil()
                var inner = list.nestedContainer(keyedBy: Keys.self)
                try inner.encode(Int64(-9_007_199_254_740_993), forKey: .wide)
                try "super".encode(to: container.superEncoder(forKey: .sup))
                try container.encode(Int32(7), forKey: .wide)
                try container.encode(Float(0.5), forKey: .small)
                try container.encode(JSONTreeValue(text: #"{"z":[1,{"y":null}],"x":"t"}"#), forKey: .tree)
                _ = container.nestedContainer(keyedBy: Keys.self, forKey: .empty)
                try container.encode(Nullable<[Int]>(nil), forKey: .none)
                // A second keyed container on the same encoder adds to the same object.
                var again = encoder.container(keyedBy: Keys.self)
                try again.encode(2, forKey: .a)
            }
        }
        let tree: [String: Any] = [
            "a": 2, "b": "second", "nested": ["a": true], "list": [2.5, NSNull(), ["wide": -9_007_199_254_740_993]] as [Any], "sup": "super",
            "wide": 7, "small": 0.5, "tree": ["z": [1, ["y": NSNull()]] as [Any], "x": "t"] as [String: Any], "empty": [String: Any](), "none": NSNull(),
        ]
        #expect(try JSONOutput.string(Odd()) == JSONOutput.string(tree: tree))
        #expect(try JSONOutput.line(Odd()) == JSONOutput.line(tree: tree))
        #expect(try JSONOutput.line([Odd]()) == "[]")
        #expect(try JSONOutput.line("top") == #""top""#)
        #expect(throws: (any Error).self) { try JSONOutput.line(["x": Double.infinity]) }
    }

    /// Our writer against Foundation's reader: the same values come back, hostile strings included.
    @Test func writesWhatFoundationReadsBack() throws {
        let value: [String: Any] = [
            "text": "quote \" backslash \\ slash / newline \n tab \t bell \u{07} nul-free \u{1F} é 山田 🙂",
            "numbers": [0, -1, 9_007_199_254_740_993, 1.9, 0.001, 1e21, 2.0] as [Any],
            "flags": [true, false], "none": NSNull(), "empty_list": [Any](), "empty_object": [String: Any](),
            "nested": ["b": ["c": [1, [2, [3]]]], "a": "x"] as [String: Any],
        ]
        for text in [try JSONOutput.string(tree: value), try JSONOutput.line(tree: value)] {
            let back = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(back["text"] as? String == value["text"] as? String)
            #expect((back["numbers"] as? [Any])?.count == 7)
            #expect((back["numbers"] as? [Any])?[2] as? Int == 9_007_199_254_740_993)
            #expect((back["numbers"] as? [Any])?[3] as? Double == 1.9)
            #expect(back["none"] is NSNull)
            #expect((back["nested"] as? [String: Any])?["a"] as? String == "x")
            #expect(back["flags"] as? [Bool] == [true, false])
        }
        // Keys sorted, slashes left alone, one line for JSON lines.
        let line = try JSONOutput.line(tree: ["b": 1, "a": "/x", "c": 0, "d": true, "e": [String: String]()] as [String: Any])
        #expect(line == #"{"a":"/x","b":1,"c":0,"d":true,"e":{}}"#)
        #expect(try JSONOutput.string(["a": [1]]) == "{\n  \"a\" : [\n    1\n  ]\n}")
        #expect(throws: (any Error).self) { try JSONOutput.string(["x": Double.nan]) }
    }

    /// A figure's JSON has exactly the fields `export figures` writes, so the API, `--format json`
    /// and the figure files name them alike.
    @Test func figureKeysAreTheExportColumns() {
        #expect(Set(FigureJSON.keys) == Set(FigureRecord.columns))
        #expect(FigureJSON.keys.count == FigureRecord.columns.count)
    }
}
