import Foundation
import PetitionsCLI
import PetitionsWorker

exit(await Entry.run(WorkerCommand.self))
