import ArgumentParser
import Foundation
import LossbookSite

/// The folders every command that reads the course shares. Each folder and the base URL comes
/// from its flag, else from the course settings (`lossbook.yml`), else from its default.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The course settings file (default: lossbook.yml in the current folder, when there is one).")
    var config: String?

    @Option(name: .customLong("content"), help: "The folder of Markdown notes (default: content).")
    var contentFlag: String?

    @Option(name: .customLong("templates"), help: "The folder of page templates and assets; each file replaces the default theme's of the same name (default: templates).")
    var templatesFlag: String?

    @Option(name: .customLong("output"), help: "Where the site is written (default: site).")
    var outputFlag: String?

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

    /// The course settings file: `--config`, or `lossbook.yml` here when there is one.
    var configPath: String? {
        if let config { return config }
        return FileManager.default.fileExists(atPath: CourseConfig.fileName) ? CourseConfig.fileName : nil
    }

    /// The settings read from the file; problems are printed as `lossbook.yml:line:col: error: …`
    /// and end the command.
    func courseConfig() throws -> CourseConfig {
        guard let path = configPath else { return CourseConfig() }
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("lossbook: error: the course settings file '\(path)' does not exist\n".utf8))
            throw ExitCode(1)
        }
        switch CourseConfig.load(from: URL(fileURLWithPath: path), displayPath: Self.trimmed(path)) {
        case .success(let config): return config
        case .failure(let failure):
            DiagnosticPrinter.print(failure.diagnostics)
            let count = failure.diagnostics.count
            FileHandle.standardError.write(Data("lossbook: \(count) error\(count == 1 ? "" : "s") in the course settings; nothing was built\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The settings file `lossbook serve` follows: the one in use, else `lossbook.yml` here,
    /// which may be created later.
    var watchedConfigPath: String { configPath ?? CourseConfig.fileName }

    /// Reads the settings file again, for `lossbook serve`: the build options it gives, or
    /// its problems (located) without printing them. A missing default `lossbook.yml` means
    /// the defaults, as for `lossbook build`.
    func reloadedBuildOptions() -> Result<BuildOptions, BuildFailure> {
        let path = watchedConfigPath
        if config == nil, !FileManager.default.fileExists(atPath: path) { return .success(buildOptions(with: CourseConfig())) }
        return CourseConfig.load(from: URL(fileURLWithPath: path), displayPath: Self.trimmed(path)).map { buildOptions(with: $0) }
    }

    /// The output folder as shown in messages.
    var output: String { (try? resolved().output) ?? outputFlag ?? "site" }

    /// Each folder as typed: the flag (relative to the current folder), else the setting
    /// (relative to the settings file's folder), else the default.
    private func resolved() throws -> (config: CourseConfig, content: String, templates: String, output: String, macros: String?) {
        resolved(try courseConfig())
    }

    private func resolved(_ config: CourseConfig) -> (config: CourseConfig, content: String, templates: String, output: String, macros: String?) {
        // The settings file's folder, split by hand: NSString's deletingLastPathComponent traps
        // on a one-character path (`--config c`).
        let base = configPath.map { path in
            path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? ""
        } ?? ""
        func setting(_ value: String?) -> String? {
            guard let value else { return nil }
            return value.hasPrefix("/") || base.isEmpty ? value : (base as NSString).appendingPathComponent(value)
        }
        return (config, contentFlag ?? setting(config.content) ?? "content", templatesFlag ?? setting(config.templates) ?? "templates",
                outputFlag ?? setting(config.output) ?? "site", setting(config.macros))
    }

    func buildOptions() throws -> BuildOptions {
        buildOptions(with: try courseConfig())
    }

    /// The build options for `config`, the flags overriding it.
    func buildOptions(with config: CourseConfig) -> BuildOptions {
        let (config, content, templates, output, macros) = resolved(config)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func url(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)
        }
        var options = BuildOptions(contentDirectory: url(content), templatesDirectory: url(templates),
                            outputDirectory: url(output), cacheDirectory: url(cache),
                            contentDisplayPath: Self.trimmed(content), templatesDisplayPath: Self.trimmed(templates),
                            includeDrafts: drafts, strict: strict)
        options.address = (baseURL ?? config.baseURL).flatMap(SiteAddress.init)
        options.course = config
        options.themeDirectory = TemplateSet.defaultTheme()
        options.macrosFile = macros.map { (url($0), Self.trimmed($0)) }
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
