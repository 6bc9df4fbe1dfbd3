import Foundation
import PetitionsDomain
import PetitionsExtraction

/// Figures found in text turned into figures to record: what `petitions extract --record` and the
/// worker's feed reading both store, awaiting review.
public enum ExtractedFigures {
    /// Where the figures come from, and what a figure with no campaign of its own is attributed to.
    public struct Provenance: Sendable {
        public var outlet: String
        public var asOf: Date
        public var published: Date?
        public var url: String?
        /// The campaign for figures the extractor did not attribute; `nil` skips them.
        public var fallbackCampaign: String?
        /// A note on every figure (`nil`: none).
        public var note: String?
        /// Added to the note of a figure attributed through `fallbackCampaign`.
        public var fallbackNote: String

        public init(outlet: String, asOf: Date, published: Date?, url: String?, fallbackCampaign: String?, note: String? = nil, fallbackNote: String) {
            self.outlet = outlet
            self.asOf = asOf
            self.published = published
            self.url = url
            self.fallbackCampaign = fallbackCampaign
            self.note = note
            self.fallbackNote = fallbackNote
        }
    }

    /// The drafts to record, and how many figures had no campaign and were skipped.
    public static func drafts(_ figures: [ExtractedFigure], _ provenance: Provenance) -> (drafts: [FigureDraft], unattributed: Int) {
        var unattributed = 0
        let drafts = figures.compactMap { figure -> FigureDraft? in
            guard let slug = figure.campaign ?? provenance.fallbackCampaign else {
                unattributed += 1
                return nil
            }
            let notes = [provenance.note, figure.campaign == nil ? provenance.fallbackNote : nil].compactMap { $0 }
            return FigureDraft(
                campaign: slug, outlet: provenance.outlet, metric: figure.metric, value: figure.value, high: figure.high, qualifier: figure.qualifier,
                asOf: provenance.asOf, published: provenance.published, sourceURL: provenance.url, quote: String(figure.quote.prefix(1000)),
                language: figure.language.rawValue, method: .extracted, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        }
        return (drafts, unattributed)
    }

    /// The one tracked campaign a text names (by any of its names, ignoring case and accents), if
    /// exactly one.
    public static func soleCampaignNamed(in text: String, names: [(slug: String, names: [String])]) -> String? {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let mentioned = names.filter { campaign in
            campaign.names.contains { name in
                let key = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                return key.count >= 3 && folded.contains(key)
            }
        }
        return mentioned.count == 1 ? mentioned[0].slug : nil
    }
}
