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
                    figure: FigureJSON(figure),
                    retraction: Nullable(history.retractions[figure.id].map { Retraction(reason: $0.reason, by: $0.by, at: TimeFormatting.iso($0.at)) }),
                    review: Nullable(
                        history.reviews[figure.id].map { Review(decision: $0.decision, reason: Nullable($0.reason), by: $0.by, at: TimeFormatting.iso($0.at)) })
                )
            }
        }
    }

    /// One figure of the chain: the figure's own keys, then its retraction and review.
    struct Link: Encodable {
        var figure: FigureJSON
        var retraction: Nullable<Retraction>
        var review: Nullable<Review>

        enum CodingKeys: String, CodingKey { case retraction, review }

        func encode(to encoder: any Encoder) throws {
            try figure.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(retraction, forKey: .retraction)
            try container.encode(review, forKey: .review)
        }
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

struct CampaignDetail: Encodable {
    var campaign: CampaignJSON
    var links: Links

    struct Links: Encodable {
        var page: String
        var figures: String
        var compare: String
        var trend: String
        var sources: String
    }

    enum CodingKeys: String, CodingKey { case links }

    /// The campaign's keys, then `links`, in one object.
    func encode(to encoder: any Encoder) throws {
        try campaign.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(links, forKey: .links)
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
