import ArgumentParser
import PetitionsApp
import PetitionsOptions

struct SignatoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signatory",
        abstract: "Lists of people who signed: import, search, verify, find likely duplicates, erase on request.",
        subcommands: [
            SignatoryImport.self, SignatoryList.self, SignatoryShow.self, SignatoryVerify.self, SignatoryDuplicates.self,
            SignatoryErase.self, SignatoryWatch.self,
        ]
    )
}
