import ArgumentParser
import Foundation
import LossbookSite

/// `lossbook build`: content/ through templates/ into site/, atomically.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the course into a static site.",
        discussion: """
        Reads every note under the content folder, runs its directives through the loss engine, \
        renders its math with KaTeX and writes the site. The previous site is replaced only when \
        the whole build succeeded. Problems are printed as path:line:col: error: message.
        """
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        var options = try project.buildOptions()
        // The process ends right after this build: its memory goes with it, not object by object.
        options.leavesStateToExit = true
        let builder = SiteBuilder(options: options)
        do {
            let summary = try builder.build()
            Terminal.clearProgress()
            DiagnosticPrinter.print(summary.warnings)
            if project.verbose {
                for stage in summary.stages {
                    let name = stage.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                    print("  \(name)" + String(format: "%8.1f ms", stage.seconds * 1000))
                }
            }
            let milliseconds = Int((summary.seconds * 1000).rounded())
            if summary.upToDate {
                print("Up to date: \(summary.pages) pages, nothing changed since the last build of \(project.output)/ (checked in \(milliseconds) ms)")
                return
            }
            print("Built \(summary.pages) pages (\(summary.pagesUnchanged) unchanged), \(summary.formulas) formulas (\(summary.formulasRendered) rendered), "
                  + "\(summary.figures) figures, \(summary.computed + summary.computedCached) computed results "
                  + "(\(summary.computedCached) cached) into \(project.output)/ in \(milliseconds) ms")
        } catch {
            Terminal.clearProgress()
            DiagnosticPrinter.print(error.diagnostics)
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("lossbook: build failed with \(errors) error\(errors == 1 ? "" : "s"); \(project.output)/ was left unchanged\n".utf8))
            throw ExitCode(1)
        }
    }
}
