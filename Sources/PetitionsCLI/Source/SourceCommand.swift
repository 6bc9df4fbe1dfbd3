import ArgumentParser
import PetitionsApp
import PetitionsOptions

struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Add, list, show, pause, resume, poll and remove the sources that petitions-worker polls.",
        discussion: """
            Kinds:
              uk-parliament  a UK Parliament petition's JSON (https://petition.parliament.uk/petitions/ID.json):
                             the signature count, state, thresholds and country/constituency breakdowns
              json           any JSON document, with --pointer (RFC 6901) to the count
              html           a page, with --pattern: a regular expression whose first group is the count
              feed           an outlet's RSS or Atom feed: new items are read for figures about the tracked
                             campaigns and stored as extracted figures awaiting review
            """,
        subcommands: [SourceAdd.self, SourceList.self, SourceShow.self, SourcePause.self, SourceResume.self, SourcePoll.self, SourceRemove.self]
    )
}
