import Foundation
import Testing

/// Dependencies point one way (see Package.swift): each module imports only the modules of ours
/// listed for it here, and the three front ends (the CLI, the worker and the web service) import
/// none of one another. SwiftPM checks declared dependencies; this checks what the files import.
@Suite struct LayeringTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// The modules of ours each module may import.
    static let allowed: [String: Set<String>] = [
        "CLibPQ": [],
        "Postgres": ["CLibPQ"],
        "LocalPostgres": ["Postgres"],
        "LoopbackHTTP": [],
        "PetitionsDomain": [],
        "PetitionsExtraction": ["PetitionsDomain"],
        "PetitionsReports": ["PetitionsDomain"],
        "PetitionsSources": ["PetitionsDomain"],
        "PetitionsStore": ["Postgres", "PetitionsDomain", "PetitionsSources"],
        "PetitionsApp": ["Postgres", "LocalPostgres", "PetitionsStore", "PetitionsDomain", "PetitionsReports", "PetitionsSources", "PetitionsExtraction"],
        "PetitionsOptions": ["Postgres", "PetitionsStore", "PetitionsDomain", "PetitionsApp"],
        "PetitionsCLI": [
            "Postgres", "LocalPostgres", "PetitionsStore", "PetitionsDomain", "PetitionsReports", "PetitionsSources", "PetitionsExtraction",
            "PetitionsApp", "PetitionsOptions",
        ],
        "PetitionsServe": [
            "Postgres", "LoopbackHTTP", "PetitionsStore", "PetitionsDomain", "PetitionsReports", "PetitionsSources", "PetitionsApp", "PetitionsOptions",
        ],
        "PetitionsWorker": [
            "Postgres", "LoopbackHTTP", "PetitionsStore", "PetitionsDomain", "PetitionsSources", "PetitionsExtraction", "PetitionsApp", "PetitionsOptions",
        ],
        "petitions": ["PetitionsCLI", "PetitionsServe", "PetitionsOptions"],
        "petitions-worker": ["PetitionsWorker", "PetitionsOptions"],
        "TestSupport": ["Postgres", "LocalPostgres", "LoopbackHTTP"],
    ]

    @Test func everyModuleImportsOnlyWhatItsLayerAllows() throws {
        let ours = Set(try FileManager.default.contentsOfDirectory(atPath: Self.sources.path))
        let pattern = try Regex(#"(?m)^(?:@testable |public |internal |@_exported )?import (\w+)"#)
        var violations: [String] = []
        for module in Self.allowed.keys.sorted() {
            let folder = Self.sources.appendingPathComponent(module)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for match in text.matches(of: pattern) {
                    guard let name = match.output[1].substring.map(String.init), ours.contains(name), name != module else { continue }
                    if !(Self.allowed[module] ?? []).contains(name) { violations.append("\(module)/\(file) imports \(name)") }
                }
            }
        }
        #expect(violations.isEmpty, "imports against the layering: \(violations)")
        let frontEnds = ["PetitionsCLI", "PetitionsServe", "PetitionsWorker"]
        for module in frontEnds { #expect(Self.allowed[module]!.isDisjoint(with: frontEnds), "\(module) may import another front end") }
    }
}
