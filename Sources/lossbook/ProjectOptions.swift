import ArgumentParser
import Foundation
import LossbookSite

/// The folders every command that reads the course shares.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The folder of Markdown notes.")
    var content = "content"

    @Option(help: "The folder of page templates and assets.")
    var templates = "templates"

    @Option(help: "Where the site is written.")
    var output = "site"

    @Option(help: "Where rendered formulas and computed results are kept between builds.")
    var cache = ".lossbook-cache"

    @Flag(help: "Include pages whose front matter says 'draft: true'.")
    var drafts = false

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Print how long each stage of the build took.")
    var verbose = false

    @Option(name: .customLong("math-delimiters"),
            help: "What marks math: 'dollars' ($…$, $$…$$) or 'dollars-and-brackets' (also \\(…\\) and \\[…\\], which CommonMark otherwise reads as escaped brackets).")
    var mathDelimiters = "dollars"

    @Option(name: .customLong("base-url"), help: "The site's public URL (https://…/): writes sitemap.xml and canonical links.")
    var baseURL: String?

    func validate() throws {
        if MathDelimiters(rawValue: mathDelimiters) == nil {
            throw ValidationError("--math-delimiters must be 'dollars' or 'dollars-and-brackets', got '\(mathDelimiters)'")
        }
        if let baseURL, SiteAddress(baseURL) == nil { throw ValidationError("--base-url must be an absolute http(s) URL, got '\(baseURL)'") }
    }

    func buildOptions() -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func url(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)
        }
        var options = BuildOptions(contentDirectory: url(content), templatesDirectory: url(templates),
                            outputDirectory: url(output), cacheDirectory: url(cache),
                            contentDisplayPath: Self.trimmed(content), templatesDisplayPath: Self.trimmed(templates),
                            includeDrafts: drafts, strict: strict)
        options.address = baseURL.flatMap(SiteAddress.init)
        options.projectDirectory = cwd
        options.mathDelimiters = MathDelimiters(rawValue: mathDelimiters) ?? .dollars
        if Terminal.isInteractive { options.progress = Terminal.showProgress }
        return options
    }

    private static func trimmed(_ path: String) -> String {
        var result = path
        while result.count > 1, result.hasSuffix("/") { result.removeLast() }
        if result.hasPrefix("./") { result.removeFirst(2) }
        return result
    }
}

/// Diagnostics go to standard error, one per line, in the compiler format editors understand.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }
}

/// What lossbook prints while it works: a progress line when standard error is a terminal (and
/// NO_COLOR is not set), nothing extra otherwise, so logs and pipes stay plain.
enum Terminal {
    static let isInteractive: Bool = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    @Sendable static func showProgress(_ stage: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[2K\u{1B}[2mbuilding: \(stage)…\u{1B}[0m".utf8))
    }

    /// Clears the progress line before the summary is printed.
    static func clearProgress() {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
