import Foundation
import PetitionsDomain
import Testing

@testable import PetitionsServe

/// Every closed list the API document spells out is the list of a Swift enum, so a word added to
/// an enum cannot be left out of the document (or the other way round).
@Suite struct OpenAPIWordsTests {
    static func enums(_ value: Any, path: String, into found: inout [(path: String, words: [String])]) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                if key == "enum", let words = child as? [String] { found.append((path, words)) } else { enums(child, path: path + "/" + key, into: &found) }
            }
        } else if let array = value as? [Any] {
            for (index, child) in array.enumerated() { enums(child, path: path + "/\(index)", into: &found) }
        }
    }

    @Test func everyEnumInTheDocumentIsAnEnumsCases() throws {
        let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8))
        var found: [(path: String, words: [String])] = []
        Self.enums(document, path: "", into: &found)
        let known: [String: [String]] = [
            "Metric": Metric.allCases.map(\.rawValue), "BucketSize": BucketSize.allCases.map(\.rawValue),
            "CampaignKind": CampaignKind.allCases.map(\.rawValue), "OutletKind": OutletKind.allCases.map(\.rawValue),
            "Qualifier": Qualifier.allCases.map(\.rawValue), "ReportedFigure.Status": ReportedFigure.Status.allCases.map(\.rawValue),
            "PlatformVerdict.Kind": PlatformVerdict.Kind.allCases.map(\.rawValue),
        ]
        #expect(found.count >= 5)
        for (path, words) in found {
            #expect(known.values.contains(words), "\(path): \(words) is not the list of any of \(known.keys.sorted()), in order")
        }
    }
}
