import ArgumentParser
import Foundation
import LossbookSite

/// `lossbook pdf`: builds the site, then prints its print.html (the whole course on one page) to
/// a PDF through headless Chromium: a contents page, a sheet per page of the course, page numbers
/// (CSS `@page` margin boxes), the fonts embedded, a PDF outline from the headings.
struct PDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Build the course and print it to a PDF with headless Chromium.",
        discussion: """
        Needs Chromium (Debian: apt-get install chromium); LOSSBOOK_CHROMIUM names another \
        executable. The PDF is made from print.html in the output folder.
        """
    )

    @OptionGroup var project: ProjectOptions

    @Option(name: .customLong("pdf"), help: "Where the PDF is written.")
    var pdf = "course.pdf"

    @Option(help: "Seconds to wait for Chromium before giving up.")
    var timeout: Int = 900

    func validate() throws {
        if timeout < 1 { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        guard let chromium = Self.chromium() else {
            FileHandle.standardError.write(Data("""
                lossbook: cannot print the course: Chromium was not found (looked for chromium, chromium-browser and \
                google-chrome on PATH, and LOSSBOOK_CHROMIUM). Install it (Debian: apt-get install chromium) and try again.

                """.utf8))
            throw ExitCode(1)
        }
        // The site first: print.html is made by the build.
        // print.html is made on demand: `print: false` in the settings does not apply here.
        var buildOptions = try project.buildOptions()
        buildOptions.course.print = true
        let builder = SiteBuilder(options: buildOptions)
        do {
            let summary = try builder.build()
            Terminal.clearProgress()
            DiagnosticPrinter.print(summary.warnings)
        } catch {
            Terminal.clearProgress()
            DiagnosticPrinter.print(error.diagnostics)
            FileHandle.standardError.write(Data("lossbook: the course did not build, so no PDF was made\n".utf8))
            throw ExitCode(1)
        }
        let options = try project.buildOptions()
        let page = options.outputDirectory.appendingPathComponent("print.html")
        guard FileManager.default.fileExists(atPath: page.path) else {
            FileHandle.standardError.write(Data("lossbook: \(project.output)/print.html is missing (the templates folder has no print.mustache)\n".utf8))
            throw ExitCode(1)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let output = pdf.hasPrefix("/") ? URL(fileURLWithPath: pdf) : cwd.appendingPathComponent(pdf)
        let printer = ChromiumPrinter(executable: chromium, timeout: TimeInterval(timeout))
        do {
            try printWithPageNumbers(page, to: output, printer: printer)
        } catch {
            FileHandle.standardError.write(Data("lossbook: cannot print the course: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        print("Wrote \(pdf) (\(size / 1024) KiB) from \(project.output)/print.html")
    }

    /// Chromium has no `target-counter()`, so the contents get their page numbers from a first
    /// printing: its named destinations (`pdfinfo -dests`) say on which page each chapter's
    /// anchor fell. The first printing reserves blank numbers of the final width, so the second
    /// lays out the same. Without pdfinfo (poppler-utils) the contents go without numbers.
    private func printWithPageNumbers(_ page: URL, to output: URL, printer: ChromiumPrinter) throws {
        guard let pdfinfo = ["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            FileHandle.standardError.write(Data("lossbook: warning: pdfinfo not found (apt-get install poppler-utils): the contents have no page numbers\n".utf8))
            try printer.print(page, to: output)
            return
        }
        let first = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).layout.pdf")
        defer { try? FileManager.default.removeItem(at: first) }
        try printer.print(Self.address(page, pageNumbers: "reserve"), to: first)
        let listed = Self.contentsAnchors(in: (try? String(contentsOf: page, encoding: .utf8)) ?? "")
        let pages = try Self.destinationPages(of: first, pdfinfo: pdfinfo).filter { listed.contains($0.key) }
        let numbers = pages.keys.sorted().map { "\($0):\(pages[$0]!)" }.joined(separator: ",")
        try printer.print(Self.address(page, pageNumbers: numbers), to: output)
    }

    /// The anchors the contents of print.html link to (`href="#…"` inside its contents nav).
    static func contentsAnchors(in html: String) -> Set<String> {
        guard let start = html.range(of: "class=\"print-contents\""),
              let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else { return [] }
        var anchors: Set<String> = []
        var rest = html[start.upperBound..<end.lowerBound]
        while let link = rest.range(of: "href=\"#") {
            let tail = rest[link.upperBound...]
            guard let close = tail.firstIndex(of: "\"") else { break }
            anchors.insert(String(tail[..<close]))
            rest = tail[close...]
        }
        return anchors
    }

    /// `page` with the query print.html's script reads to number its contents.
    static func address(_ page: URL, pageNumbers: String) -> URL {
        var components = URLComponents(url: page, resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "page-numbers", value: pageNumbers)]
        return components.url!
    }

    /// Named destination → page number, from `pdfinfo -dests` lines such as
    /// `   3 [ XYZ    0  836 null      ] "p1-top"`.
    static func destinationPages(of pdf: URL, pdfinfo: String) throws -> [String: Int] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdfinfo)
        process.arguments = ["-dests", pdf.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return parseDestinations(String(decoding: data, as: UTF8.self))
    }

    static func parseDestinations(_ listing: String) -> [String: Int] {
        var pages: [String: Int] = [:]
        for line in listing.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard let number = Int(trimmed.prefix { $0.isNumber }), trimmed.hasSuffix("\""),
                  let open = trimmed.dropLast().lastIndex(of: "\"") else { continue }
            let name = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            // Only chapters' anchors are in the contents; keep the first page a name is on.
            if pages[name] == nil { pages[name] = number }
        }
        return pages
    }

    /// LOSSBOOK_CHROMIUM, else the first of Chromium's usual names on PATH.
    static func chromium() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["LOSSBOOK_CHROMIUM"] {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return URL(fileURLWithPath: "\(directory)/\(name)")
            }
        }
        return nil
    }
}

/// Runs one headless Chromium that prints one page to PDF, with its own profile folder, and
/// stops it by its pid if it takes longer than the timeout.
struct ChromiumPrinter {
    let executable: URL
    let timeout: TimeInterval

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func print(_ page: URL, to output: URL) throws {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).partial.pdf")
        try? FileManager.default.removeItem(at: partial)
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=\(profile.path)", "--no-pdf-header-footer", "--generate-pdf-document-outline",
            "--print-to-pdf=\(partial.path)", page.absoluteString,
        ]
        // Chromium's messages go to a file in its profile folder: a pipe nobody reads could fill and block it.
        let logFile = profile.appendingPathComponent("chromium.log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Failure(description: "Chromium did not finish within \(Int(timeout)) s (raise --timeout)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? 0
        guard process.terminationStatus == 0, size > 0 else {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            let last = text.split(separator: "\n").suffix(3).joined(separator: "\n")
            throw Failure(description: "Chromium exited with status \(process.terminationStatus) and wrote no PDF\(last.isEmpty ? "" : ":\n\(last)")")
        }
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.moveItem(at: partial, to: output)
    }
}
