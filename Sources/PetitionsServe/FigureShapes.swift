import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsStore

/// The JSON of one figure with its whole history: each figure of the chain with its retraction
/// and its review, null when it has none.
enum FigureShapes {
    static func history(_ history: FigureHistory) -> [String: Any] { JSONTree.object(HistoryJSON(history)) }

    struct HistoryJSON: Encodable {
        var figure: JSONTreeValue
        var chain: [Link]

        init(_ history: FigureHistory) {
            figure = JSONTreeValue(JSONShapes.figure(history.figure))
            chain = history.chain.map { figure in
                Link(
                    figure: JSONShapes.figure(figure),
                    retraction: Nullable(history.retractions[figure.id].map { Retraction(reason: $0.reason, by: $0.by, at: TimeFormatting.iso($0.at)) }),
                    review: Nullable(
                        history.reviews[figure.id].map { Review(decision: $0.decision, reason: Nullable($0.reason), by: $0.by, at: TimeFormatting.iso($0.at)) })
                )
            }
        }
    }

    /// One figure of the chain: the figure's own keys, then its retraction and review.
    struct Link: Encodable {
        var figure: [String: Any]
        var retraction: Nullable<Retraction>
        var review: Nullable<Review>

        enum CodingKeys: String, CodingKey { case retraction, review }

        func encode(to encoder: any Encoder) throws {
            var object = figure
            object["retraction"] = try JSONTree.tree(retraction)
            object["review"] = try JSONTree.tree(review)
            try JSONTreeValue(object).encode(to: encoder)
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
