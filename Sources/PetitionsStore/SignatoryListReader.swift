import Foundation
import PetitionsDomain
import Postgres

/// Reads a list being imported, checks every entry, computes its name keys and fingerprint, and
/// encodes it for `COPY`, on its own thread while the connection sends what is ready: the server
/// stores one chunk while the next is read (on two cores, the two halves of the work overlap).
///
/// Used by one import at a time; its state is read after `run` has returned.
final class SignatoryListReader: @unchecked Sendable {
    /// Entries whose name keys and fingerprints are computed together, on every core.
    static let batchSize = 4096
    /// Encoded rows handed to the connection at a time.
    static let chunkSize = 256 * 1024

    enum Target {
        /// A campaign's first list, straight into `signatories`.
        case signatories(campaignID: Int)
        /// A temporary staging table (line first, content digest last).
        case staging
    }

    let columns: SignatoryColumns
    let source: String
    let target: Target
    /// Watched names by their accent-free key.
    let watched: [String: [String]]
    private let records: () throws -> SignatoryRecord?
    private let progress: (Int) -> Void

    // What the reading found.
    private(set) var rows = 0
    private(set) var problems: [(line: Int, problem: String)] = []
    private(set) var invalid = 0
    private(set) var watchMatches: [(line: Int, name: String, watched: String)] = []
    /// First list: contents that may repeat an earlier entry, and how many such entries each has.
    private(set) var maybeRepeats: [SignatoryFingerprint: (count: Int, named: Bool)] = [:]

    private let seen: SeenFilter?
    /// First list: the campaign id, the first field of every row (a staged row starts with its line).
    private let campaignField: String?
    private let workers = KeyWorkers()
    private var affiliationKeys: [String: String] = [:]
    private let roles = Set(SignatoryRole.allCases.map(\.rawValue)), visibilities = Set(Visibility.allCases.map(\.rawValue))
    private let statuses = Set(VerificationStatus.allCases.map(\.rawValue))

    init(
        columns: SignatoryColumns, source: String, target: Target, watched: [String: [String]],
        records: @escaping () throws -> SignatoryRecord?, progress: @escaping (Int) -> Void
    ) {
        self.columns = columns
        self.source = source
        self.target = target
        self.watched = watched
        self.records = records
        self.progress = progress
        if case .signatories(let campaignID) = target {
            seen = SeenFilter()
            campaignField = String(campaignID)
        } else {
            seen = nil
            campaignField = nil
        }
    }

    /// Reads everything into `chunks`, then closes it: with an error if the list has a problem
    /// (every problem is counted; nothing more is encoded after the first) or could not be read.
    func run(into chunks: ChunkQueue) {
        do {
            var batch: [SignatoryListReader.Entry] = []
            batch.reserveCapacity(Self.batchSize)
            var rows = PGCopyRows(capacity: Self.chunkSize + 64 * 1024)
            while let record = try records() {
                self.rows += 1
                if self.rows % 100_000 == 0 { progress(self.rows) }
                guard let entry = checked(record) else { continue }
                if invalid == 0 { batch.append(entry) }
                if batch.count == Self.batchSize {
                    encode(batch, into: &rows, connectionBehind: chunks.isBacklogged)
                    batch.removeAll(keepingCapacity: true)
                    if rows.count >= Self.chunkSize {
                        guard chunks.put(rows) else { return }
                        rows = PGCopyRows(capacity: Self.chunkSize + 64 * 1024)
                    }
                }
            }
            if invalid > 0 { throw SignatoryImportFailure(problems: problems, total: invalid) }
            encode(batch, into: &rows, connectionBehind: false)
            if !rows.isEmpty { guard chunks.put(rows) else { return } }
            chunks.finish(throwing: nil)
        } catch {
            chunks.finish(throwing: error)
        }
    }

    /// An entry read and checked, waiting for its name keys and fingerprint.
    struct Entry: Sendable {
        var line: Int
        var name: String?
        var role: String
        var affiliation: String?
        var affiliationKey: String?
        var country: String?
        var epoch: Double?
        var source: String
        var visibility: String
        var status: String
    }

    private func invalidRow(_ line: Int, _ problem: @autoclosure () -> String) {
        invalid += 1
        if problems.count < 50 { problems.append((line, problem())) }
    }

    private func value(_ field: SignatoryColumns.Field, _ fields: [String]) -> String? {
        guard let position = columns.index[field], position < fields.count else { return nil }
        let text = fields[position]
        if text.isEmpty { return nil }
        let first = text.utf8.first!, last = text.utf8.last!
        if first > 0x20 && last > 0x20 && first < 0x80 && last < 0x80 { return text }  // nothing to trim
        let trimmed = text.trimmedOfWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Vocabulary words as stored: lower case, `_` for `-` (most lists already write them so).
    private func word(_ text: String?) -> String? {
        guard let text else { return nil }
        if text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }) { return text }
        return text.lowercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The entry, or nil (and its problems recorded) if it cannot be stored.
    private func checked(_ record: SignatoryRecord) -> Entry? {
        let fields = record.fields
        var visibility = word(value(.visibility, fields)) ?? columns.defaultVisibility.rawValue
        switch visibility {
        case "yes", "true", "1", "y": visibility = Visibility.public.rawValue
        case "no", "false", "0", "n": visibility = Visibility.anonymous.rawValue
        default: break
        }
        let anonymous = visibility == Visibility.anonymous.rawValue
        let name = anonymous ? nil : value(.name, fields)
        // Every problem of a line is said at once, so one fix round is enough.
        var early: [String] = []
        if name == nil && visibility == Visibility.public.rawValue {
            early.append("name: a public signatory needs a name (an unnamed one is visibility anonymous)")
        }
        var epoch: Double?
        if let text = value(.signedAt, fields) {
            if let date = FastTime.parse(text) {
                epoch = date.timeIntervalSince1970
            } else {
                early.append("signed_at: \"\(text)\" is not an ISO 8601 date or date-time such as 2024-11-26 or 2024-11-26T14:30Z")
            }
        }
        let affiliation = anonymous ? nil : value(.affiliation, fields)
        var affiliationKey: String?
        if let affiliation {
            // Lists repeat a few affiliations many times: a bounded cache of their keys.
            if let cached = affiliationKeys[affiliation] {
                affiliationKey = cached
            } else {
                affiliationKey = NameKeys(affiliation).looseKey
                if affiliationKeys.count >= 10_000 { affiliationKeys.removeAll(keepingCapacity: true) }
                affiliationKeys[affiliation] = affiliationKey
            }
        }
        let country = value(.country, fields)
        let entry = Entry(
            line: record.line, name: name, role: word(value(.role, fields)) ?? columns.defaultRole.rawValue, affiliation: affiliation,
            affiliationKey: affiliationKey, country: country.map { $0.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A } ? $0 : $0.uppercased() },
            epoch: epoch, source: value(.source, fields) ?? source, visibility: visibility,
            status: word(value(.status, fields)) ?? columns.defaultStatus.rawValue)
        let found = early + problems(of: entry)
        if !found.isEmpty {
            invalidRow(record.line, found.joined(separator: "; "))
            return nil
        }
        return entry
    }

    /// The problems of an entry's values, as the table's checks would find them.
    private func problems(of entry: Entry) -> [String] {
        var found: [String] = []
        if !roles.contains(entry.role) { found.append("role: unknown role \"\(entry.role)\" (allowed: \(SignatoryRole.allowedList))") }
        if !visibilities.contains(entry.visibility) {
            found.append("visibility: unknown visibility \"\(entry.visibility)\" (allowed: public, anonymous, yes, no)")
        }
        if !statuses.contains(entry.status) {
            found.append("status: unknown verification status \"\(entry.status)\" (allowed: \(VerificationStatus.allowedList))")
        }
        if let country = entry.country, !(country.utf8.count == 2 && country.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }) {
            found.append("country: \"\(country)\" is not a two-letter ISO 3166 code such as FR, JP")
        }
        // Characters as PostgreSQL counts them (code points), as the table's checks do.
        let (nameLimit, affiliationLimit) = (SignatoryDraft.maximumNameLength, SignatoryDraft.maximumAffiliationLength)
        if let name = entry.name, name.utf8.count > nameLimit, name.unicodeScalars.count > nameLimit {
            found.append("name: \(name.unicodeScalars.count) characters; at most \(nameLimit)")
        }
        if let affiliation = entry.affiliation, affiliation.utf8.count > affiliationLimit, affiliation.unicodeScalars.count > affiliationLimit {
            found.append("affiliation: \(affiliation.unicodeScalars.count) characters; at most \(affiliationLimit)")
        }
        return found
    }

    /// Encodes a batch in file order, its keys computed on every core, or on all but one when the
    /// connection is behind: then the server's part (three indexes, the foreign key) is the slower
    /// half, and on a small machine the server runs beside the import.
    private func encode(_ batch: [Entry], into rows: inout PGCopyRows, connectionBehind: Bool) {
        guard !batch.isEmpty else { return }
        for (entry, keyed) in zip(batch, workers.keyed(batch, cores: connectionBehind ? workers.count - 1 : workers.count)) {
            if let loose = keyed.keys?.looseKey, let names = watched[loose], watchMatches.count < 50 {
                for watchedName in names where watchMatches.count < 50 {
                    watchMatches.append((entry.line, entry.name ?? "", watchedName))
                }
            }
            rows.field(campaignField ?? String(entry.line))
            rows.field(entry.name)
            rows.field(keyed.keys?.key)
            rows.field(keyed.keys?.looseKey)
            rows.field(keyed.keys?.skeleton)
            rows.field(entry.role)
            rows.field(entry.affiliation)
            rows.field(entry.affiliationKey)
            rows.field(entry.country)
            rows.field(keyed.signedAt)
            rows.field(entry.source)
            rows.field(entry.visibility)
            rows.field(entry.status)
            if let seen {
                if seen.insert(keyed.fingerprint) {
                    var repeats = maybeRepeats[keyed.fingerprint] ?? (0, keyed.keys != nil)
                    repeats.count += 1
                    maybeRepeats[keyed.fingerprint] = repeats
                    rows.field(keyed.fingerprint.provisionalKey(index: repeats.count), last: true)
                } else {
                    rows.field(keyed.fingerprint.rowKey(occurrence: 1), last: true)
                }
            } else {
                rows.field(keyed.fingerprint.hex, last: true)
            }
        }
    }
}

/// Word caches for the name keys, one per worker thread (see `NameKeyCache`).
final class KeyWorkers: @unchecked Sendable {
    let count = max(1, ProcessInfo.processInfo.activeProcessorCount)
    private let caches: UnsafeMutableBufferPointer<NameKeyCache>

    init() {
        caches = .allocate(capacity: count)
        caches.initialize(repeating: NameKeyCache())
    }

    deinit {
        _ = caches.deinitialize()
        caches.deallocate()
    }

    /// What the parallel step computes for an entry.
    struct Keyed: Sendable {
        var keys: NameKeys?
        var fingerprint: SignatoryFingerprint
        var signedAt: String?
    }

    static func key(_ entry: SignatoryListReader.Entry, _ cache: inout NameKeyCache) -> Keyed {
        let keys = entry.name.map { cache.keys($0) }
        return Keyed(
            keys: keys,
            fingerprint: SignatoryFingerprint(
                role: entry.role, visibility: entry.visibility, nameKey: keys?.key, affiliationKey: entry.affiliationKey,
                country: entry.country, epoch: entry.epoch),
            signedAt: entry.epoch.map(TimestampText.format))
    }

    /// Name keys, fingerprints and times of a batch, on up to `cores` cores; in the batch's order.
    func keyed(_ batch: [SignatoryListReader.Entry], cores: Int) -> [Keyed] {
        let workers = min(cores, count, max(1, batch.count / 256))
        guard workers > 1 else { return batch.map { Self.key($0, &caches[0]) } }
        var keyed = [Keyed?](repeating: nil, count: batch.count)
        keyed.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            nonisolated(unsafe) let caches = caches
            let chunk = (batch.count + workers - 1) / workers
            // Each iteration is one worker and owns one cache.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in (worker * chunk)..<min(batch.count, (worker + 1) * chunk) {
                    output[index] = Self.key(batch[index], &caches[worker])
                }
            }
        }
        return keyed.map { $0! }
    }
}

/// Encoded rows on their way from the reading thread to the connection: a few chunks at most
/// (memory stays flat), the reader waiting when the connection is behind.
final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [PGCopyRows] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    static let depth = 4

    /// Queues a chunk, waiting while the queue is full; false if the connection gave up.
    func put(_ chunk: PGCopyRows) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= Self.depth && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// Whether the connection has chunks waiting (the server is the slower side).
    var isBacklogged: Bool {
        condition.lock()
        defer { condition.unlock() }
        return chunks.count >= 2
    }

    /// Closes the queue, with the reader's error if any.
    func finish(throwing error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Tells the reader to stop (the connection failed).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for one; nil at the end; throws the reader's error.
    func take() throws -> PGCopyRows? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            condition.broadcast()
            return chunk
        }
        if let failure { throw failure }
        return nil
    }
}
