import ArgumentParser
import LossbookSite

/// `lossbook`: builds the course, and exposes the loss engine to the shell.
struct Lossbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lossbook",
        abstract: "Build a lossbook course and compute losses from the shell.",
        version: LossbookVersion.description,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, EvalCommand.self, InitCommand.self,
                      PDFCommand.self, EngineIdentityCommand.self]
    )
}

// Foundation cannot start node, git or Chromium under a small soft limit; see OpenFileLimit.
OpenFileLimit.raise()
Lossbook.main()
