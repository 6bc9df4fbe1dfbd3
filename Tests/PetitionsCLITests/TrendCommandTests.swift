import Foundation
import PetitionsDomain
import TestSupport
import Testing

@discardableResult
private func cli(_ url: String, _ arguments: [String], expecting status: Int32 = 0, environment: [String: String?] = [:]) throws -> CLIRunner.Outcome {
    let outcome = try CLIRunner.run(arguments + ["--database-url", url], environment: environment)
    #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
    return outcome
}

/// A petition with a platform count polled every six hours and three outlets' reports.
private func prepared(_ url: String) throws {
    try cli(url, ["db", "migrate"])
    try cli(url, ["campaign", "add", "ban-x", "--title", "Ban X", "--kind", "petition", "--launched", "2025-03-01", "--goal", "100000"])
    try cli(url, ["campaign", "add", "ban-y", "--title", "Ban Y", "--kind", "petition", "--launched", "2025-05-10"])
    try cli(url, ["outlet", "add", "parliament", "--name", "Petitions site", "--kind", "platform"])
    try cli(url, ["outlet", "add", "paper", "--name", "The Paper", "--kind", "news"])
    try cli(url, ["outlet", "add", "wire", "--name", "The Wire", "--kind", "wire"])
    var csv = "campaign,outlet,metric,value,qualifier,as_of,published,method\n"
    for step in 0..<20 {  // five days, every six hours, 1,500 a day
        csv +=
            "ban-x,parliament,signatures,\(1_000 + step * 375),exact,\(TimeFormatting.iso(TimeFormatting.parse("2025-03-01T00:00Z")!.addingTimeInterval(Double(step) * 6 * 3600))),,polled\n"
    }
    csv += "ban-x,paper,signatures,2000,over,2025-03-02T00:00Z,2025-03-02T08:00Z,manual\n"
    csv += "ban-x,wire,signatures,2000,about,2025-03-02T06:00Z,2025-03-02T12:00Z,manual\n"
    csv += "ban-x,wire,signatures,6000,about,2025-03-04T12:00Z,2025-03-04T13:00Z,manual\n"
    csv += "ban-y,parliament,signatures,500,exact,2025-05-10T12:00Z,,polled\n"
    csv += "ban-y,parliament,signatures,2500,exact,2025-05-12T12:00Z,,polled\n"
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("trend-\(UUID().uuidString).csv").path
    try csv.write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    try cli(url, ["import", "figures", file])
}

private func scratch() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trend-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@Suite(.ownThread) struct TrendCommandTests {
    @Test func jsonHasTheDocumentedShape() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let outcome = try cli(url, ["trend", "ban-x", "--bucket", "day", "--format", "json"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            #expect(json["campaign"] as? String == "ban-x")
            #expect(json["metric"] as? String == "signatures")
            #expect(json["bucket"] as? String == "day")
            #expect((json["buckets"] as? [String])?.count == 5)
            let series = try #require(json["series"] as? [[String: Any]])
            #expect(series.map { ($0["platform"] ?? $0["outlet"]) as? String } == ["parliament", "paper", "wire"])
            let wire = try #require(series.first { $0["outlet"] as? String == "wire" }?["points"] as? [[String: Any]])
            #expect(wire.map { $0["bucket_start"] as? String } == ["2025-03-02T00:00:00Z", "2025-03-04T00:00:00Z"])  // 3 March is a gap
            #expect(wire[0]["low"] as? Int == 1_800 && wire[0]["high"] as? Int == 2_200 && wire[0]["value"] as? Int == 2_000)
            let paper = try #require(series.first { $0["outlet"] as? String == "paper" }?["points"] as? [[String: Any]])
            #expect(paper[0]["high"] is NSNull)  // "more than" is open above
            let growth = try #require(json["growth"] as? [String: Any])
            #expect((growth["rate_per_day"] as? Double).map { abs($0 - 1_500) < 1 } == true)
            #expect(growth["acceleration"] as? String == "steady")
            let projection = try #require(json["projection"] as? [String: Any])
            let targets = try #require(projection["targets"] as? [[String: Any]])
            #expect(targets.map { $0["target"] as? Int } == [10_000, 100_000])  // the next round threshold, and the goal
            // The platform's counts are from March 2025: a projection from them would be dated in the past.
            #expect(targets[0]["status"] as? String == "unavailable")
            #expect((targets[0]["reason"] as? String)?.hasPrefix("no data since 2025-03-") == true, "\(targets[0])")
            let lags = try #require(json["platform_lags"] as? [[String: Any]])
            #expect(lags.count == 3)
        }
    }

    @Test func tableCsvMarkdownAndSvg() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let table = try cli(url, ["trend", "ban-x", "--bucket", "day", "--outlet", "wire"]).stdout
            #expect(table.contains("about 2,000"))
            #expect(table.contains("(1 day without figures)"))
            let csv = try cli(url, ["trend", "ban-x", "--bucket", "hour", "--format", "csv"]).stdout.split(separator: "\n")
            #expect(csv.first == "source_kind,source,bucket_start,value,low,high,qualifier,as_of,figure_id,gained")
            #expect(csv.count == 1 + 20 + 3)
            #expect(try cli(url, ["trend", "ban-x", "--format", "markdown"]).stdout.contains("| day (UTC) |"))
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let svgPath = folder.appendingPathComponent("x.svg").path
            let written = try cli(url, ["trend", "ban-x", "--format", "svg", "--output", svgPath])
            #expect(written.stdout.isEmpty && written.stderr.contains("wrote \(svgPath)"))
            let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
            #expect(svg.hasPrefix("<?xml") && svg.contains("goal 100,000"))
            let sideBySide = try cli(url, ["trend", "ban-x", "--compare-with", "ban-y", "--format", "svg"]).stdout
            #expect(sideBySide.contains("Days since launch"))
            let json = try cli(url, ["trend", "ban-x", "--compare-with", "ban-y", "--format", "json"]).stdout
            #expect(json.contains("\"side_by_side\""))
        }
    }

    @Test func reportsInHtmlAndMarkdown() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let html = folder.appendingPathComponent("ban-x.html").path
            try cli(url, ["report", "ban-x", "--compare-with", "ban-y", "--output", html])
            let text = try String(contentsOfFile: html, encoding: .utf8)
            #expect(text.hasPrefix("<!DOCTYPE html>"))
            #expect(text.contains("Days since launch"))
            #expect(text.contains("Behind the platform"))
            let markdown = folder.appendingPathComponent("ban-x.md").path
            let outcome = try cli(url, ["report", "ban-x", "--format", "markdown", "--output", markdown])
            #expect(outcome.stderr.contains("and 1 chart beside it"))
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ban-x-ban-x-signatures.svg").path))
            #expect(try String(contentsOfFile: markdown, encoding: .utf8).contains("](ban-x-ban-x-signatures.svg)"))
            // To standard output without --output.
            #expect(try cli(url, ["report", "ban-x", "ban-y"]).stdout.contains("<nav>"))
        }
    }

    @Test func badOptionsFailBeforeReading() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            #expect(try cli(url, ["trend", "ban-x", "--bucket", "month"], expecting: 2).stderr.contains("allowed: 5m, 15m, hour, day, week"))
            #expect(try cli(url, ["trend", "ban-x", "--time-zone", "Mars/Olympus"], expecting: 2).stderr.contains("IANA name"))
            #expect(try cli(url, ["trend", "ban-z"], expecting: 2).stderr.contains("did you mean"))
            #expect(try cli(url, ["trend", "ban-x", "--outlet", "papr"], expecting: 2).stderr.contains("did you mean \"paper\"?"))
            #expect(try cli(url, ["trend", "ban-x", "--since", "2025-03-05", "--until", "2025-03-01"], expecting: 2).stderr.contains("before --since"))
            #expect(try cli(url, ["trend", "ban-x", "--bucket", "hour", "--since", "2020-01-01"], expecting: 2).stderr.contains("narrower --since"))
            let missing = try cli(url, ["report", "ban-x", "--output", "/nonexistent-folder/x.html"], expecting: 1)
            #expect(missing.stderr.contains("does not exist"))
        }
    }

    @Test func demoEndsWithTheReportPath() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("demo-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        try await TestDatabase.with { url in
            let outcome = try cli(url, ["demo"], environment: ["PETITIONS_HOME": home.path])
            let path = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Report: ") }).dropFirst("Report: ".count)
            #expect(path == home.appendingPathComponent("reports/demo-report.html").path[...])
            let html = try String(contentsOfFile: String(path), encoding: .utf8)
            #expect(html.contains("Dear Corporate AI Overlords") && html.contains("Statement on AI training"))
        }
    }
}
