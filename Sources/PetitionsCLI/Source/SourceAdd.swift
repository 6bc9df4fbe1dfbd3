import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsSources
import PetitionsStore

struct SourceAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a source for petitions-worker to poll.",
        discussion: """
            Without --outlet, counts are recorded under the platform's outlet (uk-parliament-petitions, or one \
            named after the site's host), and feed figures under an outlet named after the feed's host; a missing \
            one is created (edit it with `petitions outlet edit`). The first poll is due at once.

            Examples:
              petitions source add my-petition --kind uk-parliament \\
                  --url https://petition.parliament.uk/petitions/700000.json --every 5m
              petitions source add my-petition --kind json \\
                  --url https://api.example.org/p/42 --pointer /data/count --every 10m
              petitions source add my-petition --kind html \\
                  --url https://example.org/p/42 --pattern '([0-9,]+) signatures'
              petitions source add my-petition --kind feed \\
                  --url https://news.example/rss.xml --outlet the-paper --every 30m
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Slug of the campaign the source is about.") var campaign: String
    @Option(help: ArgumentHelp(SourceKind.allowedList + " (see `petitions source --help`).", valueName: "kind")) var kind: String
    @Option(help: "The address to poll (http or https).") var url: String
    @Option(help: ArgumentHelp("How often it is due, such as 30s, 5m, 1h, 1d.", valueName: "duration")) var every = "5m"
    @Option(help: "With --kind json: JSON Pointer to the count, such as /data/attributes/signature_count.") var pointer: String?
    @Option(help: "With --kind html: regular expression whose first capture group is the count.") var pattern: String?
    @Option(help: "What the count counts: \(Metric.helpList). Default: signatures.") var metric: String?
    @Option(help: "Slug of the outlet to record figures under (see the discussion for the default).") var outlet: String?
    @Option(name: .customLong("max-attempts"), help: "Attempts per due time before its job fails.") var maxAttempts = 5
    @Flag(
        name: .customLong("allow-second-petition"),
        help:
            "Add a second count source to a campaign that already has one for this outlet and metric (the same petition at another address); its counts join the same series."
    )
    var allowSecond = false
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        guard let kind = SourceKind(rawValue: kind.lowercased()) else {
            throw ValidationError("--kind: unknown kind \"\(kind)\" (allowed: \(SourceKind.allowedList))")
        }
        let every = try Parse.duration(self.every, option: "--every")
        let metric = try Parse.word(metric, Metric.self, option: "--metric") ?? .signatures
        let spec = SourceSpec(
            campaign: campaign, kind: kind, url: url, every: every, metric: metric, pointer: pointer, pattern: pattern, maxAttempts: maxAttempts)
        let problems = spec.problems()
        guard problems.isEmpty else { throw CommandFailure("the source was not added:\n" + problems.map { "  " + $0 }.joined(separator: "\n"), usage: true) }
        let actor = global.actorName
        let outlet = self.outlet
        // An address names no outlet: figures recorded under "127-0-0-1" would say nothing to a reader.
        if outlet == nil, PlatformReaders.reader(for: kind)?.outlet == nil, let host = SourceURL.host(url),
            host.hasPrefix("[") || host.contains(":") || host.split(separator: ".").allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) })
        {
            throw CommandFailure(
                "the URL's host \(host) is an address, which names no outlet: pass --outlet SLUG (create one first with `petitions outlet add SLUG --name N --kind platform|news`)",
                usage: true)
        }
        let (source, created) = try global.withRepository { try $0.sources.add(spec, outlet: outlet, actor: actor, allowSecond: allowSecond) }
        // The worker refuses private and loopback addresses unless told otherwise: say so now, not
        // at the first failed poll. (A name is judged by what it resolves to when polled.)
        if let host = SourceURL.host(source.url) {
            let kind = host == "localhost" || host.hasSuffix(".localhost") ? .loopback : AddressPolicy.kind(ofAddress: host)
            if let kind, let reason = AddressPolicy.refusal(kind, allowPrivate: false) {
                FileHandle.standardError.write(Data("warning: by default petitions-worker refuses this source: \(host) is \(reason)\n".utf8))
            }
        }
        switch format {
        case .json:
            try JSONOutput.print(SourceJSON(source))
        case .table:
            if let created { print("created outlet \(created) (edit it with `petitions outlet edit \(created)`)") }
            print(
                "added source \(source.id): \(source.kind.rawValue) \(SourceURL.redacted(source.url)) for \(source.campaign), every \(SourceShapes.every(source.every)), recorded under \(source.outlet)"
            )
            print("the first poll is due now; run `petitions-worker --once`, or keep `petitions-worker` running")
        }
    }
}
