import ArgumentParser
import Foundation
import LossbookSite

/// `lossbook init [DIR]`: a new course that builds at once, with one chapter showing every
/// construct. Existing files are never overwritten: if any of the files it would write is
/// there already, nothing is written.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new course in a folder (the current one by default).",
        discussion: """
        Writes lossbook.yml, a home page, a part with one chapter that shows each construct (math \
        with a labelled equation, a plot, a loss table, a checked claim, an inline value, runnable \
        Swift, a callout, an exercise with its solution), a macros file, a .gitignore and a short \
        README, then builds the course into DIR/site. Refuses to overwrite any existing file.
        """
    )

    @Argument(help: "The folder of the new course; created when missing.")
    var directory = "."

    @Option(help: "The course's title.")
    var title = "My course"

    @Flag(name: .customLong("no-build"), help: "Write the files without building the course.")
    var noBuild = false

    func validate() throws {
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--title must not be empty") }
    }

    func run() throws {
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: fileManager.currentDirectoryPath)).standardizedFileURL
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: root.path, isDirectory: &isFolder), !isFolder.boolValue {
            try fail("'\(directory)' is a file, not a folder")
        }
        let files = StarterCourse.files(title: title)
        // lstat, not fileExists: a dangling symbolic link is a file of the author's too.
        let existing = files.map(\.path).filter { path in
            var info = stat()
            return lstat(root.appendingPathComponent(path).path, &info) == 0
        }
        if !existing.isEmpty {
            for path in existing {
                FileHandle.standardError.write(Data("\(display(path)): error: already exists; lossbook init never overwrites a file\n".utf8))
            }
            try fail("nothing was written; start the course in an empty folder, or move these files away")
        }
        for file in files {
            let url = root.appendingPathComponent(file.path)
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                try fail("cannot create the folder '\(display((file.path as NSString).deletingLastPathComponent))': \(error.localizedDescription)")
            }
            // O_EXCL: a file that appeared since the check above is not replaced either.
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else {
                try fail("cannot create '\(display(file.path))': \(String(cString: strerror(errno)))")
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do { try handle.write(contentsOf: Data(file.text.utf8)) } catch {
                try fail("cannot write '\(display(file.path))': \(error.localizedDescription)")
            }
        }
        print("Started a course in \(display(""))/: " + files.map(\.path).joined(separator: ", "))
        if noBuild { return }

        let config: CourseConfig
        switch CourseConfig.load(from: root.appendingPathComponent(CourseConfig.fileName), displayPath: display(CourseConfig.fileName)) {
        case .success(let loaded): config = loaded
        case .failure(let failure):
            DiagnosticPrinter.print(failure.diagnostics)
            throw ExitCode(1)
        }
        var options = BuildOptions(contentDirectory: root.appendingPathComponent("content"),
                                   templatesDirectory: root.appendingPathComponent("templates"),
                                   outputDirectory: root.appendingPathComponent("site"),
                                   cacheDirectory: root.appendingPathComponent(".lossbook-cache"),
                                   contentDisplayPath: display("content"), templatesDisplayPath: display("templates"))
        options.course = config
        options.themeDirectory = TemplateSet.defaultTheme()
        do {
            let summary = try SiteBuilder(options: options).build()
            DiagnosticPrinter.print(summary.warnings)
            print("Built \(summary.pages) pages into \(display("site"))/: open \(display("site/index.html")), or run `lossbook serve` in \(display(""))/")
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            FileHandle.standardError.write(Data("lossbook: the new course did not build; its files are in \(display(""))/\n".utf8))
            throw ExitCode(1)
        }
    }

    /// A path inside the new course as the author typed the folder.
    private func display(_ path: String) -> String {
        var base = directory
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        if path.isEmpty { return base }
        return base == "." ? path : base + "/" + path
    }

    private func fail(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("lossbook: error: \(message)\n".utf8))
        throw ExitCode(1)
    }
}
