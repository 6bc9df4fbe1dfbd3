import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsStore

/// The JSON of one figure with its whole history: each figure of the chain with its retraction
/// and its review, null when it has none.
enum FigureShapes {
    struct HistoryJSON: Encodable {
        var figure: FigureJSON
        var chain: [Link]

        init(_ history: FigureHistory) {
            figure = FigureJSON(history.figure)
            chain = history.chain.map { figure in
                Link(
                    FigureJSON(figure),
                    Decisions(
                        retraction: Nullable(
                            history.retractions[figure.id].map { Retraction(reason: $0.reason, by: $0.by, at: TimeFormatting.iso($0.at)) }),
                        review: Nullable(
                            history.reviews[figure.id].map {
                                Review(decision: $0.decision, reason: Nullable($0.reason), by: $0.by, at: TimeFormatting.iso($0.at))
                            })))
            }
        }
    }

    /// One figure of the chain: the figure's own keys, then its retraction and review.
    typealias Link = Merged<FigureJSON, Decisions>

    struct Decisions: Encodable {
        var retraction: Nullable<Retraction>
        var review: Nullable<Review>
    }

    struct Retraction: Encodable {
        var reason: String
        var by: String
        var at: String
    }

    struct Review: Encodable {
        var decision: String
        var reason: Nullable<String>
        var by: String
        var at: String
    }
}

/// The API's other bodies: the campaign list, one campaign with its links, a page of figures,
/// a campaign's sources and the health check.
struct CampaignList: Encodable {
    var campaigns: [CampaignSummaryJSON]
}

/// One campaign (`/api/v1/campaigns/SLUG`): the campaign's keys, then `links`.
struct CampaignLinks: Encodable {
    var links: Links

    struct Links: Encodable {
        var page: String
        var figures: String
        var compare: String
        var trend: String
        var sources: String
    }
}

struct FigurePage: Encodable {
    var campaign: String
    var limit: Int
    var figures: [FigureJSON]
    var next_cursor: Nullable<String>
}

struct SourceList: Encodable {
    var campaign: String
    var sources: [SourceJSON]
}

struct Health: Encodable {
    var status: String
    var database_reachable: Bool
}
