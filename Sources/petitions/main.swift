import Foundation
import PetitionsOptions

exit(await Entry.run(PetitionsCommand.self))
