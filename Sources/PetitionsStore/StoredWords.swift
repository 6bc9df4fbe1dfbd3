import PetitionsDomain
import PetitionsSources

/// A job's state in the queue.
public enum JobState: String, VocabularyWord {
    case queued, running, succeeded, failed, cancelled
    public static let vocabularyName = "job state"
    /// Still to run or running: what a source may have one of at a time.
    public var isOpen: Bool { self == .queued || self == .running }
}

/// How one attempt at a job ended.
public enum AttemptOutcome: String, VocabularyWord {
    case succeeded, failed, released
    case leaseExpired = "lease expired"
    case cancelled
    public static let vocabularyName = "attempt outcome"
}

/// Where one alert delivery stands.
public enum DeliveryState: String, VocabularyWord {
    case queued, sending, sent, failed
    public static let vocabularyName = "delivery state"
}

/// An admin's decision on an extracted figure.
public enum ReviewDecision: String, VocabularyWord {
    case accepted, rejected
    public static let vocabularyName = "review decision"
}

/// Every closed word list the schema stores, with the Swift enum that owns it. The schema's CHECK
/// constraints repeat these lists (PostgreSQL needs them there); a test reads every CHECK from the
/// catalog and fails when one differs from its enum, or when a CHECK lists words no enum owns.
public enum StoredWords {
    public struct Column: Sendable {
        public var table: String
        public var column: String
        public var words: [String]
        public var owner: String
    }

    static func column<W: RawRepresentable<String> & CaseIterable>(_ table: String, _ column: String, _ type: W.Type) -> Column {
        Column(table: table, column: column, words: type.allCases.map(\.rawValue), owner: String(describing: type))
    }

    public static let columns: [Column] = [
        column("campaigns", "kind", CampaignKind.self),
        column("outlets", "kind", OutletKind.self),
        column("figures", "metric", Metric.self),
        column("figures", "qualifier", Qualifier.self),
        column("figures", "method", EntryMethod.self),
        column("figure_reviews", "decision", ReviewDecision.self),
        column("signatories", "role", SignatoryRole.self),
        column("signatories", "visibility", Visibility.self),
        column("signatories", "status", VerificationStatus.self),
        column("sources", "kind", SourceKind.self),
        column("sources", "metric", Metric.self),
        column("jobs", "state", JobState.self),
        column("job_attempts", "outcome", AttemptOutcome.self),
        column("alerts", "event", AlertEvent.self),
        column("alert_deliveries", "state", DeliveryState.self),
    ]
}
