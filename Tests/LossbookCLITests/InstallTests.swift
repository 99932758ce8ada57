import Foundation
import LossbookTestSupport
import XCTest

/// lossbook as a new author meets it: installed into a prefix (with DESTDIR, as a package would
/// be), run from a folder outside the checkout with a PATH that has no `.build`, `lossbook init`,
/// a build, the settings file, a theme override, and `make uninstall`'s script.
///
/// It installs the debug `lossbook` this test run already built (scripts/install.sh with
/// BUILD=.build/debug), so it costs no extra compilation: copying the program, archiving the
/// engine's objects, two builds of a one-chapter course (one runnable block linked against the
/// installed engine) and a few quick runs: 17 s on the shared, loaded 2-core machine.
final class InstallTests: XCTestCase {
    private var temporary: URL!

    override func setUpWithError() throws {
        temporary = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: temporary)
    }

    /// Runs scripts/install.sh or uninstall.sh as `make install` does. The manual page stands in
    /// for the one generate-manual makes (`make manual`), which needs a release build of everything.
    private func script(_ name: String, destination: URL) throws -> TestProject.Run {
        let manual = temporary.appendingPathComponent("lossbook.1")
        try Data(".Dt LOSSBOOK 1\n".utf8).write(to: manual)
        return try TestProject.run(URL(fileURLWithPath: "/bin/bash"), ["scripts/\(name).sh"], in: TestProject.repositoryRoot,
                                   environment: ["PREFIX": "/opt/lossbook", "DESTDIR": destination.path,
                                                 "BUILD": TestProject.binary.deletingLastPathComponent().path, "MANUAL": manual.path])
    }

    private func files(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey])
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if values?.isRegularFile == true || values?.isSymbolicLink == true { found.append(url.path) }
        }
        return found.sorted()
    }

    func testANewAuthorInstallsStartsBuildsOverridesAndUninstalls() throws {
        let destination = temporary.appendingPathComponent("dest")
        let install = try script("install", destination: destination)
        XCTAssertEqual(install.status, 0, install.stderr)
        let prefix = destination.appendingPathComponent("opt/lossbook")
        let lossbook = prefix.appendingPathComponent("bin/lossbook")
        for path in ["bin/lossbook", "lib/lossbook/LossEngine.swiftmodule", "lib/lossbook/libLossEngine.a", "lib/lossbook/engine-identity",
                     "share/lossbook/renderer.js", "share/lossbook/theme/page.mustache", "share/lossbook/theme/assets/lossbook.css",
                     "share/man/man1/lossbook.1", "share/bash-completion/completions/lossbook", "share/zsh/site-functions/_lossbook",
                     "share/fish/vendor_completions.d/lossbook.fish"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path) is installed")
        }
        XCTAssertTrue(try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/lossbook"), encoding: .utf8)
            .contains("init"), "the completions know the init command")

        // The author's shell: the installed lossbook, swiftc and node; nothing of the checkout.
        let swiftc = try XCTUnwrap((ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/swiftc") }.map(String.init))
        let path = [prefix.appendingPathComponent("bin").path, swiftc, "/usr/local/bin", "/usr/bin", "/bin"].joined(separator: ":")
        XCTAssertFalse(path.contains(".build"), path)
        XCTAssertFalse(temporary.path.hasPrefix(TestProject.repositoryRoot.path))
        let environment = ["PATH": path, "LOSSBOOK_ENGINE_SOURCES": "", "HOME": temporary.path]
        let author = temporary.appendingPathComponent("author")
        try FileManager.default.createDirectory(at: author, withIntermediateDirectories: true)
        func lossbookRun(_ arguments: [String], in folder: URL) throws -> TestProject.Run {
            // By name, through PATH, as the author would type it.
            try TestProject.run(URL(fileURLWithPath: "/usr/bin/env"), ["lossbook"] + arguments, in: folder, environment: environment)
        }

        let version = try lossbookRun(["--version"], in: author)
        XCTAssertTrue(version.stdout.hasPrefix("lossbook "), version.stdout + version.stderr)

        // lossbook init: writes the course and builds it at once.
        let started = try lossbookRun(["init", "course", "--title", "Noisy labels: a short course"], in: author)
        XCTAssertEqual(started.status, 0, started.stdout + started.stderr)
        XCTAssertFalse(started.stderr.contains("compiled LossEngine from"), "the installed engine is used: \(started.stderr)")
        let course = author.appendingPathComponent("course")
        func read(_ file: String) throws -> String { try String(contentsOf: course.appendingPathComponent(file), encoding: .utf8) }
        let chapter = try read("site/1-basics/squared-error.html")
        XCTAssertTrue(chapter.contains("sum of squares: 5.25"), "the runnable block's output is on the page")
        XCTAssertTrue(chapter.contains("LossEngine 0.2.0"), "the block reports the engine it linked (EngineVersion.string)")
        XCTAssertTrue(try read("site/index.html").contains("Noisy labels: a short course"), "the title from lossbook.yml")
        for file in ["lossbook.yml", "content/index.md", "content/1-basics/squared-error.md", ".gitignore", "README.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: course.appendingPathComponent(file).path), file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: course.appendingPathComponent("templates").path),
                       "a new course carries no theme: the installed one is used")

        // init never overwrites: a second run writes nothing and says which files are in the way.
        try Data("my own notes\n".utf8).write(to: course.appendingPathComponent("README.md"))
        let again = try lossbookRun(["init", "course"], in: author)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("course/README.md: error: already exists"), again.stderr)
        XCTAssertEqual(try read("README.md"), "my own notes\n")

        // One file of the theme replaced; the settings' licence and repository reach the pages.
        let header = try String(contentsOf: prefix.appendingPathComponent("share/lossbook/theme/header.mustache"), encoding: .utf8)
        try FileManager.default.createDirectory(at: course.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data((header + "<p class=\"author-footer\">{{licence}} · <a href=\"{{repository}}\">source</a></p>\n").utf8)
            .write(to: course.appendingPathComponent("templates/header.mustache"))
        let settings = try read("lossbook.yml").replacingOccurrences(of: "# repository: https://github.com/you/your-course",
                                                                     with: "repository: https://example.org/noisy-labels")
        try Data(settings.utf8).write(to: course.appendingPathComponent("lossbook.yml"))
        let rebuilt = try lossbookRun(["build"], in: course)
        XCTAssertEqual(rebuilt.status, 0, rebuilt.stderr)
        let page = try read("site/1-basics/squared-error.html")
        XCTAssertTrue(page.contains("<p class=\"author-footer\">CC BY-SA 4.0 · <a href=\"https://example.org/noisy-labels\">source</a></p>"), page)
        XCTAssertTrue(page.contains("assets/lossbook.css"), "the rest of the theme (head.mustache) is still the installed one")
        XCTAssertEqual(FileManager.default.contents(atPath: course.appendingPathComponent("site/assets/lossbook.css").path),
                       FileManager.default.contents(atPath: prefix.appendingPathComponent("share/lossbook/theme/assets/lossbook.css").path))

        // A misspelt key is located, with a suggestion, and nothing is built.
        try Data(settings.replacingOccurrences(of: "description:", with: "descripton:").utf8)
            .write(to: course.appendingPathComponent("lossbook.yml"))
        let bad = try lossbookRun(["build"], in: course)
        XCTAssertEqual(bad.status, 1)
        let line = settings.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("description:") }.map { $0 + 1 }
        XCTAssertTrue(bad.stderr.contains("lossbook.yml:\(line ?? 0):1: error: unknown field 'descripton' in the course settings (did you mean 'description'?)"),
                      bad.stderr)

        // make uninstall's script: nothing of lossbook is left under the prefix.
        let uninstall = try script("uninstall", destination: destination)
        XCTAssertEqual(uninstall.status, 0, uninstall.stderr)
        XCTAssertEqual(files(under: destination), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("lib/lossbook").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/lossbook").path))
    }

    /// A lossbook with no engine installed or built beside it, and no checkout of its own: a
    /// runnable block fails and says why, rather than compiling something else.
    func testALossbookWithoutItsEngineSaysSo() throws {
        let folder = temporary.appendingPathComponent("bare/bin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("lossbook")
        try FileManager.default.copyItem(at: TestProject.binary, to: copy)
        let course = try TestProject(files: ["content/index.md": "---\ntitle: T\n---\n```swift run\nprint(1)\n```\n"])
        defer { course.remove() }
        let run = try TestProject.run(copy, ["build"], in: course.root, environment: ["LOSSBOOK_ENGINE_SOURCES": ""])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/index.md:4:1: error: cannot run Swift blocks: no prebuilt LossEngine module matches this lossbook: no LossEngine module was installed with lossbook"),
                      run.stderr)
        XCTAssertTrue(run.stderr.contains("and LossEngine's sources are not at hand"), run.stderr)
    }
}
