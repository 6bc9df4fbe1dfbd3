import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct ExportArchive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Export everything (or one campaign) losslessly, for `import archive` into another database.",
        discussion: """
            An archive holds every row of the campaign's history as the database stores it: campaigns, \
            outlets, every figure with its status (corrections, retractions with their reasons, review \
            decisions), the three times and provenance, sources with their observations, jobs and flags, \
            alerts with their deliveries, and the audit trail. It is read from one consistent snapshot, \
            so the worker can keep running. Signatories and the watch list are personal data: they \
            travel only with --signatories.

            The format is JSON lines, version 1 (see README.md, "Moving data"): a header, one line per \
            row, and a last line with the row counts, without which an archive is refused as cut short.

            Examples:
              petitions export archive --output everything.petitions.jsonl
              petitions export archive --campaign statement-on-ai-training \\
                  --output statement.petitions.jsonl
              petitions export archive --campaign keep-the-island-ferry --signatories \\
                  --output ferry.petitions.jsonl
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this campaign (with the outlets its figures and sources name). Default: the whole database.") var campaign: String?
    @Flag(help: "Include signatories (and, for the whole database, the watch list): personal data.") var signatories = false
    @Option(help: "Write to this file (replaced only when the export succeeds) instead of standard output.") var output: String?

    func run() async throws {
        let sink = try ArchiveSink(path: output)
        let summary: ArchiveStore.Summary
        do {
            summary = try global.withRepository { repository in
                try ArchiveStore(repository.db).export(campaign: campaign, signatories: signatories, write: sink.write) { table, count in
                    if output != nil, count > 0 { FileHandle.standardError.write(Data("  \(table): \(count) rows\n".utf8)) }
                }
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
        let scope = campaign.map { "campaign \($0)" } ?? "the whole database"
        let personal = signatories ? ", with signatories" : ", without signatories (add --signatories to include them)"
        FileHandle.standardError.write(Data("exported \(summary.total) rows of \(scope)\(personal)\(output.map { " to \($0)" } ?? "")\n".utf8))
    }
}

/// Standard output, or a temporary file beside `path` renamed over it when the export succeeds.
final class ArchiveSink {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?
    private var buffer = Data()

    init(path: String?) throws {
        self.path = path
        guard let path else {
            handle = FileHandle.standardOutput
            temporary = nil
            return
        }
        let temporary = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw CommandFailure("cannot write \(path): check that its folder exists and is writable")
        }
        self.handle = handle
        self.temporary = temporary
    }

    func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch {
            throw CommandFailure("cannot write \(path ?? "standard output"): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        guard let path, let temporary else { return }
        try handle.close()
        if rename(temporary, path) != 0 {
            throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    func abandon() {
        guard let temporary else { return }
        try? handle.close()
        unlink(temporary)
    }
}

struct ImportArchive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Restore an archive from `export archive`, exactly (every row with its own id) or not at all.",
        discussion: """
            Every row comes back as it was exported, with its id, so figure links, corrections, the audit \
            trail and every page read the same on both sides: retracted figures stay retracted, \
            superseded ones superseded, rejected and unreviewed ones out of the public view. Restore into \
            an empty database (`petitions db migrate` creates one), or into one that already holds the \
            same rows: a row stored exactly as archived is skipped, so importing twice adds nothing, and \
            several campaign archives from one database can be restored side by side.

            The whole archive is refused, and nothing is written, when a row's id is stored here with \
            other content, a slug clashes, a reference points at a row that is neither here nor in the \
            archive, the file was cut short (no last line) or was written by a newer schema (migrate \
            first).

            Examples:
              petitions import archive statement.petitions.jsonl --dry-run
              petitions import archive everything.petitions.jsonl
              petitions export archive --campaign statement-on-ai-training | \\
                  petitions import archive - --database-url postgresql:///other
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Archive to read, or - for standard input.") var file: String
    @Flag(name: .customLong("dry-run"), help: "Check everything, write nothing.") var dryRun = false
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let reader = try LineReader(path: file)
        let name = file == "-" ? "standard input" : file
        let restored = try global.withRepository { repository in
            try ArchiveStore(repository.db).restore(nextLine: reader.next, actor: global.actorName, file: name, dryRun: dryRun) { table, count in
                if format == .table, count % 100_000 == 0 { FileHandle.standardError.write(Data("  \(table): \(count) rows…\n".utf8)) }
            }
        }
        switch format {
        case .json:
            try JSONOutput.print(
                ArchiveImportJSON(
                    dry_run: dryRun, campaign: restored.campaign, added: restored.totalAdded, already_stored: restored.totalAlreadyStored,
                    tables: restored.tables.map { .init(table: $0.name, added: $0.added, already_stored: $0.alreadyStored) }))
        case .table:
            for table in restored.tables {
                print("  \(table.name): \(table.added) added\(table.alreadyStored > 0 ? ", \(table.alreadyStored) already stored" : "")")
            }
            let verb = dryRun ? "would restore" : "restored"
            print(
                "\(verb) \(restored.totalAdded) rows from \(name)\(restored.campaign.map { " (campaign \($0))" } ?? ""); \(restored.totalAlreadyStored) already stored and skipped"
            )
        }
    }
}

struct ArchiveImportJSON: Encodable {
    struct Table: Encodable {
        var table: String
        var added: Int
        var already_stored: Int
    }
    var dry_run: Bool
    var campaign: String?
    var added: Int
    var already_stored: Int
    var tables: [Table]
}

/// Reads a file (or standard input) one line at a time, in constant memory; refuses bytes that
/// are not UTF-8, naming the line.
final class LineReader {
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var line = 0

    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure("cannot read \(path): no such file, or not readable", usage: true)
            }
            self.handle = handle
        }
    }

    func next() throws -> String? {
        while true {
            if let newline = pending[start...].firstIndex(of: 0x0A) {
                let bytes = pending[start..<newline]
                start = newline + 1
                return try text(bytes)
            }
            if atEnd {
                guard start < pending.count else { return nil }
                let bytes = pending[start...]
                start = pending.count
                return try text(bytes)
            }
            pending.removeFirst(start)
            start = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { pending.append(contentsOf: chunk) }
        }
    }

    private func text(_ bytes: ArraySlice<UInt8>) throws -> String {
        line += 1
        var bytes = bytes
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ArchiveStore.Refusal(problems: ["line \(line): not UTF-8 text"])
        }
        return text
    }
}
