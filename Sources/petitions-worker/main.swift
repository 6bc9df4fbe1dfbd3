import Foundation
import PetitionsCLI

exit(await Entry.run(WorkerCommand.self))
