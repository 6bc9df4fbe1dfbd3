import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsStore

/// The JSON of one figure with its whole history.
enum FigureShapes {
    static func history(_ history: FigureHistory) -> [String: Any] {
        [
            "figure": JSONShapes.figure(history.figure),
            "chain": history.chain.map { figure -> [String: Any] in
                var object = JSONShapes.figure(figure)
                object["retraction"] =
                    history.retractions[figure.id].map {
                        ["reason": $0.reason, "by": $0.by, "at": TimeFormatting.iso($0.at)] as [String: Any]
                    } ?? NSNull()
                object["review"] =
                    history.reviews[figure.id].map {
                        ["decision": $0.decision, "reason": $0.reason ?? NSNull(), "by": $0.by, "at": TimeFormatting.iso($0.at)] as [String: Any]
                    } ?? NSNull()
                return object
            },
        ]
    }
}
