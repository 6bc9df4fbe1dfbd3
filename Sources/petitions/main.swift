import Foundation
import PetitionsCLI

exit(await Entry.run(PetitionsCommand.self))
