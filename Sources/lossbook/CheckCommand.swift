import ArgumentParser
import Foundation
import LossbookSite

/// `lossbook check`: everything `build` validates, without writing the site.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the course for errors without writing the site.",
        discussion: "Runs every stage of a build (front matter, Markdown, math, directives, references, links and anchors) and reports problems as path:line:col: error: message."
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let options = try project.buildOptions()
        do {
            let warnings = try SiteBuilder(options: options).check()
            DiagnosticPrinter.print(warnings)
            print("No errors" + (warnings.isEmpty ? "." : " (\(warnings.count) warning\(warnings.count == 1 ? "" : "s")).")
            )
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("lossbook: \(errors) error\(errors == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
    }
}
