import Foundation
import PetitionsOptions
import PetitionsWorker

exit(await Entry.run(WorkerCommand.self))
