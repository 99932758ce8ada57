import ArgumentParser

/// `lossbook`: builds the course, and exposes the loss engine to the shell.
struct Lossbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lossbook",
        abstract: "Build the lossbook course and compute losses from the shell.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, EvalCommand.self, PDFCommand.self]
    )
}

Lossbook.main()
