import ArgumentParser
import PetitionsApp
import PetitionsOptions

struct OutletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outlet",
        abstract: "Add, list, show and edit outlets (news sites, platforms, organisers, social accounts, wires).",
        subcommands: [OutletAdd.self, OutletList.self, OutletShow.self, OutletEdit.self]
    )
}
