import Foundation
import PetitionsDomain
import Postgres

/// The bundled real case: the November 2024 open letter against OpenAI's Sora early-access
/// programme, and the October 2024 "Statement on AI training". Facts and figures come from news
/// coverage; every sentence here is our own. As-of and published times are approximations (to
/// the hour at best), and outlets our sources do not name carry descriptive labels.
public enum DemoSample {
    static let approximations =
        "As-of and published times in the bundled sample are approximations; outlets other than The Washington Post carry descriptive labels because our sources do not name them."

    public static let campaigns: [Campaign] = [
        Campaign(
            slug: "dear-corporate-ai-overlords", title: "Dear Corporate AI Overlords", kind: .openLetter,
            aliases: [
                "Sora PR Puppets", "Sora PR Puppets open letter", "lettera aperta dei Sora PR Puppets", "surat terbuka Sora PR Puppets",
                "lettre ouverte « Dear Corporate AI Overlords »", "Sora PR Puppets の公開書簡",
            ],
            target: "OpenAI", organiser: "Sora PR Puppets", launched: Day(year: 2024, month: 11, day: 26),
            notes: "Posted on Hugging Face by artists from the Sora early-access programme, who briefly opened the tool to the public in protest. "
                + approximations),
        Campaign(
            slug: "statement-on-ai-training", title: "Statement on AI training", kind: .statement,
            aliases: [
                "AI training statement", "dichiarazione sull'addestramento dell'IA", "pernyataan tentang pelatihan AI",
                "déclaration sur l'entraînement de l'IA", "AI学習に関する声明",
            ],
            target: "AI companies", organiser: "Ed Newton-Rex", platformURL: "https://www.aitrainingstatement.org",
            launched: Day(year: 2024, month: 10, day: 22),
            notes:
                "A one-sentence statement against training AI on creative work without permission; writer Kazuo Ishiguro and actor Julianne Moore were among those reported to have signed. "
                + approximations),
    ]

    public static let outlets: [Outlet] = [
        Outlet(slug: "washington-post", name: "The Washington Post", kind: .news, homeURL: "https://www.washingtonpost.com", language: "en", country: "US"),
        Outlet(slug: "italian-tech-news", name: "Italian-language tech news site (sample label)", kind: .news, language: "it"),
        Outlet(slug: "indonesian-tech-news", name: "Indonesian-language tech news site (sample label)", kind: .news, language: "id"),
        Outlet(slug: "french-tech-news", name: "French-language tech news site (sample label)", kind: .news, language: "fr"),
        Outlet(slug: "japanese-news", name: "Japanese-language news outlet (sample label)", kind: .news, language: "ja"),
        Outlet(slug: "news-outlet-a", name: "News outlet A (sample label)", kind: .news),
        Outlet(slug: "news-outlet-b", name: "News outlet B (sample label)", kind: .news),
        Outlet(slug: "news-outlet-c", name: "News outlet C (sample label)", kind: .news),
        Outlet(slug: "news-outlet-d", name: "News outlet D (sample label)", kind: .news),
        Outlet(slug: "news-outlet-e", name: "News outlet E (sample label)", kind: .news),
        Outlet(slug: "news-outlet-f", name: "News outlet F (sample label)", kind: .news),
    ]

    private static func at(_ text: String) -> Date { TimeFormatting.parse(text)! }

    public static let figures: [FigureDraft] = [
        // The open letter.
        FigureDraft(
            campaign: "dear-corporate-ai-overlords", outlet: "french-tech-news", metric: .authors, value: 16, qualifier: .exact,
            asOf: at("2024-11-26T18:00Z"), published: at("2024-11-26T22:00Z"), language: "fr",
            note: "Counts the artists who wrote the letter, not those who signed it."),
        FigureDraft(
            campaign: "dear-corporate-ai-overlords", outlet: "washington-post", metric: .signatures, value: 600, qualifier: .about,
            asOf: at("2024-11-26T20:00Z"), published: at("2024-11-26T21:00Z"), language: "en"),
        FigureDraft(
            campaign: "dear-corporate-ai-overlords", outlet: "italian-tech-news", metric: .signatures, value: 600, qualifier: .about,
            asOf: at("2024-11-26T20:00Z"), published: at("2024-11-27T09:00Z"), language: "it",
            note: "Repeats The Washington Post's figure."),
        FigureDraft(
            campaign: "dear-corporate-ai-overlords", outlet: "indonesian-tech-news", metric: .signatures, value: 600, qualifier: .about,
            asOf: at("2024-11-26T20:00Z"), published: at("2024-11-27T10:00Z"), language: "id",
            note: "Repeats The Washington Post's figure."),
        FigureDraft(
            campaign: "dear-corporate-ai-overlords", outlet: "japanese-news", metric: .verifiedSignatures, value: 380, qualifier: .about,
            asOf: at("2024-11-27T03:00Z"), published: at("2024-11-27T04:00Z"), language: "ja",
            note: "Verified artists and creators only."),
        // The Statement on AI training, within about two days of launch.
        FigureDraft(
            campaign: "statement-on-ai-training", outlet: "news-outlet-a", value: 10_000, asOf: at("2024-10-22T12:00Z"), published: at("2024-10-22T13:00Z")),
        FigureDraft(
            campaign: "statement-on-ai-training", outlet: "news-outlet-b", value: 10_500, asOf: at("2024-10-22T18:00Z"), published: at("2024-10-22T19:00Z")),
        FigureDraft(
            campaign: "statement-on-ai-training", outlet: "news-outlet-c", value: 11_500, qualifier: .over, asOf: at("2024-10-23T06:00Z"),
            published: at("2024-10-23T07:00Z")),
        FigureDraft(
            campaign: "statement-on-ai-training", outlet: "news-outlet-d", value: 13_000, qualifier: .over, asOf: at("2024-10-23T12:00Z"),
            published: at("2024-10-23T13:00Z")),
        FigureDraft(
            campaign: "statement-on-ai-training", outlet: "news-outlet-e", value: 13_500, qualifier: .atLeast, asOf: at("2024-10-23T18:00Z"),
            published: at("2024-10-23T19:00Z")),
        FigureDraft(
            campaign: "statement-on-ai-training", outlet: "news-outlet-f", value: 19_000, qualifier: .over, asOf: at("2024-10-24T12:00Z"),
            published: at("2024-10-24T13:00Z")),
        FigureDraft(
            campaign: "statement-on-ai-training", outlet: "italian-tech-news", value: 13_500, qualifier: .over,
            asOf: at("2024-10-23T18:00Z"), published: at("2024-11-27T09:00Z"), language: "it",
            note: "Given as last month's count in a November article; the as-of time is an estimate."),
        FigureDraft(
            campaign: "statement-on-ai-training", outlet: "indonesian-tech-news", value: 13_500, qualifier: .over,
            asOf: at("2024-10-23T18:00Z"), published: at("2024-11-27T10:00Z"), language: "id",
            note: "Given as last month's count in a November article; the as-of time is an estimate."),
    ]

    /// What loading the sample did.
    public struct LoadResult: Sendable {
        public var campaignsAdded: Int
        public var outletsAdded: Int
        public var figuresAdded: Int
        public var figuresAlreadyThere: Int
    }

    /// Loads the sample; running it again adds nothing.
    public static func load(into repository: Repository, actor: String = "petitions-demo") throws -> LoadResult {
        try repository.db.withTransaction { db in
            let repository = Repository(db)
            var result = LoadResult(campaignsAdded: 0, outletsAdded: 0, figuresAdded: 0, figuresAlreadyThere: 0)
            for campaign in campaigns where try repository.campaigns.find(campaign.slug) == nil {
                try repository.campaigns.add(campaign, actor: actor)
                result.campaignsAdded += 1
            }
            for outlet in outlets where try repository.outlets.find(outlet.slug) == nil {
                try repository.outlets.add(outlet, actor: actor)
                result.outletsAdded += 1
            }
            let added = try repository.figures.add(figures, actor: actor, skipDuplicates: true, action: "demo.load", subject: "sample")
            result.figuresAdded = added.inserted.count
            result.figuresAlreadyThere = added.duplicates
            return result
        }
    }
}
