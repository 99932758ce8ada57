import Foundation
import LossbookTestSupport
import XCTest

/// What readers of mdBook, Jupyter Book and Quarto expect, end to end through the built binary:
/// a footer with the licence, an edit link and the date of the last commit (deterministic per
/// commit), citations and glossary links that fail the build when unknown, print.html and
/// `lossbook pdf`.
final class ReaderFeaturesTests: XCTestCase {
    static let files: [String: String] = [
        "lossbook.yml": """
        title: A small course
        licence: CC BY 4.0
        repository: https://github.com/example/small-course/
        """,
        "content/index.md": """
        ---
        title: A small course
        ---
        Start with [the first chapter](1-a/one.md).
        """,
        "content/1-a/index.md": "---\ntitle: Part A\norder: 1\n---\nThe first part.\n",
        "content/1-a/one.md": #"""
        ---
        title: One
        order: 1
        ---
        ## Robust losses

        The Huber loss [@huber1964] is quadratic near zero.[^why] Its
        [negative log-likelihood](glossary:nll) is @eq-huber.

        $$
        \ell(a) = \tfrac12 a^2
        $$ {#eq-huber}

        [^why]: Because a parabola is smooth.
        """#,
        "content/1-a/two.md": """
        ---
        title: Two
        order: 2
        ---
        As in [the first chapter](one.md#robust-losses), equation @eq-huber; see @zhang2018.
        """,
        "content/1-a/glossary.md": """
        ---
        title: Glossary
        order: 3
        ---
        **Negative log-likelihood (NLL).** The loss $-\\log p(y \\mid x)$.
        """,
        "content/references.bib": """
        @article{huber1964, author = {Huber, Peter J.}, title = {Robust Estimation of a Location Parameter},
                 journal = {Annals of Mathematical Statistics}, year = 1964}
        @inproceedings{zhang2018, author = {Zhang, Zhilu and Sabuncu, Mert R.}, title = {Generalized Cross Entropy}, year = 2018}
        """,
    ]

    private func git(_ arguments: [String], in project: TestProject) throws {
        let environment = ["GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
                           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2024-03-05T12:00:00+00:00",
                           "GIT_COMMITTER_DATE": "2024-03-05T12:00:00+00:00"]
        let run = try TestProject.run(URL(fileURLWithPath: "/usr/bin/git"), arguments, in: project.root, environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testFooterShowsLicenceEditLinkAndTheLastCommitDateAndBuildsStayIdentical() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { throw XCTSkip("git is not installed") }
        let project = try TestProject(files: Self.files)
        defer { project.remove() }
        try git(["init", "-q"], in: project)
        try git(["add", "content"], in: project)
        try git(["commit", "-q", "-m", "course"], in: project)
        try project.write("content/1-a/three.md", "---\ntitle: Three\norder: 4\n---\nNot committed yet.\n")
        var run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let one = try XCTUnwrap(project.read("site/1-a/one.html"))
        XCTAssertTrue(one.contains(##"<span class="footer-licence">Licence: CC BY 4.0</span>"##), one)
        XCTAssertTrue(one.contains(##"<a href="https://github.com/example/small-course/edit/main/content/1-a/one.md" class="footer-edit">edit this page</a>"##), one)
        XCTAssertTrue(one.contains(##"Last changed <time datetime="2024-03-05">2024-03-05</time>"##), one)
        let three = try XCTUnwrap(project.read("site/1-a/three.html"))
        XCTAssertTrue(three.contains("footer-source") && !three.contains("Last changed"), "an uncommitted file has no date")

        // The same commit, built again from scratch elsewhere: the same bytes.
        run = try project.run(["build", "--output", "again", "--cache", ".cache-again"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(DirectorySnapshot.take(project.root.appendingPathComponent("site")),
                       DirectorySnapshot.take(project.root.appendingPathComponent("again")))

        // A new commit changes the date, even though no file changed since the last build.
        try git(["add", "content"], in: project)
        let environment = ["GIT_COMMITTER_DATE": "2025-01-02T12:00:00+00:00", "GIT_AUTHOR_DATE": "2025-01-02T12:00:00+00:00",
                           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"]
        XCTAssertEqual(try TestProject.run(URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-q", "-m", "three"], in: project.root,
                                           environment: environment).status, 0)
        run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(try XCTUnwrap(project.read("site/1-a/three.html")).contains(##"<time datetime="2025-01-02">"##))
        XCTAssertTrue(try XCTUnwrap(project.read("site/1-a/one.html")).contains(##"<time datetime="2024-03-05">"##))
    }

    func testCitationsGlossaryAndPrintPage() throws {
        let project = try TestProject(files: Self.files)
        defer { project.remove() }
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let one = try XCTUnwrap(project.read("site/1-a/one.html"))
        XCTAssertTrue(one.contains(##"(<a class="citation" href="#ref-huber1964" id="cite-huber1964-1">Huber 1964</a>)"##), one)
        XCTAssertTrue(one.contains(##"<a href="../1-a/glossary.html#gloss-negative-log-likelihood">negative log-likelihood</a>"##), one)
        XCTAssertTrue(one.contains(##"<li id="ref-huber1964">"##), one)
        let two = try XCTUnwrap(project.read("site/1-a/two.html"))
        XCTAssertTrue(two.contains(##"<template id="preview-eq-huber" class="preview-source">"##), "an equation of another page is copied for its preview")
        XCTAssertTrue(two.contains(##"Zhang and Sabuncu (2018)"##), two)
        XCTAssertFalse(one.contains("<template id=\"preview-eq-huber\""), "an equation on the page itself is not copied")

        let print = try XCTUnwrap(project.read("site/print.html"))
        let chapters = print.components(separatedBy: "<article class=\"print-chapter\"").count - 1
        XCTAssertEqual(chapters, 5, "the home page, the part's page and its three chapters")
        for title in ["A small course", "Part A", "One", "Two", "Glossary"] { XCTAssertTrue(print.contains(title)) }
        XCTAssertLessThan(print.range(of: "id=\"p3-top\"")!.lowerBound, print.range(of: "id=\"p4-top\"")!.lowerBound)
        XCTAssertTrue(print.contains(##"<a href="#p3-robust-losses">the first chapter</a>"##), "links between pages stay in the document")
        XCTAssertTrue(print.contains(##"href="#p3-top""##), "the contents page links to each page")
        // Ids are unique, and every in-page link lands on one.
        let ids = print.matches(of: /\sid="([^"]+)"/).map { String($0.output.1) }
        XCTAssertEqual(ids.count, Set(ids).count, "duplicate ids")
        let targets = print.matches(of: /href="#([^"]+)"/).map { String($0.output.1) }
        XCTAssertEqual(targets.filter { !Set(ids).contains($0) }, [])
    }

    func testUnknownCitationsAndGlossaryTermsFailTheBuildAtTheirPlace() throws {
        var files = Self.files
        files["content/1-a/two.md"] = "---\ntitle: Two\norder: 2\n---\nSee [@huber1965] and the [NLL](glossary:nnl).\n"
        let project = try TestProject(files: files)
        defer { project.remove() }
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/1-a/two.md:5:6: error: citation of unknown key '@huber1965' (did you mean '@huber1964'?)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("content/1-a/two.md:5:26: error: glossary link to unknown term 'nnl' (did you mean 'glossary:nll'?)"), run.stderr)
    }

    func testPDFWithoutChromiumSaysSo() throws {
        let project = try TestProject(files: Self.files)
        defer { project.remove() }
        let run = try project.run(["pdf"], environment: ["PATH": "/nonexistent", "LOSSBOOK_CHROMIUM": "/nonexistent/chromium"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Chromium was not found"), run.stderr)
        XCTAssertTrue(run.stderr.contains("apt-get install chromium"), run.stderr)
    }

    func testPDFHasAContentsPagePageNumbersAndEmbeddedFonts() throws {
        guard BrowserSession.chromium != nil else { throw XCTSkip("Chromium is not installed") }
        for tool in ["pdfinfo", "pdffonts", "pdftotext"] where !FileManager.default.isExecutableFile(atPath: "/usr/bin/\(tool)") {
            throw XCTSkip("\(tool) is not installed (apt-get install poppler-utils)")
        }
        let project = try TestProject(files: Self.files)
        defer { project.remove() }
        let run = try project.run(["pdf", "--pdf", "out/course.pdf"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Wrote out/course.pdf"), run.stdout)
        let pdf = project.root.appendingPathComponent("out/course.pdf").path
        let info = try TestProject.run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [pdf], in: project.root).stdout
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        XCTAssertTrue((6...30).contains(pages), "a sheet per page of the course: \(pages)\n\(info)")
        let fonts = try TestProject.run(URL(fileURLWithPath: "/usr/bin/pdffonts"), [pdf], in: project.root).stdout
        let rows = fonts.split(separator: "\n").dropFirst(2)
        XCTAssertFalse(rows.isEmpty, fonts)
        XCTAssertTrue(rows.allSatisfy { $0.contains(" yes ") }, "every font embedded:\n\(fonts)")
        XCTAssertTrue(fonts.contains("KaTeX"), "math fonts embedded:\n\(fonts)")
        let first = try TestProject.run(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-f", "1", "-l", "1", pdf, "-"], in: project.root).stdout
        XCTAssertTrue(first.contains("Contents") && first.contains("Glossary"), first)
        // The contents give each chapter the page its anchor fell on (read back from the PDF).
        let destinations = try TestProject.run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), ["-dests", pdf], in: project.root).stdout
        let chapterPages = destinations.split(separator: "\n").filter { $0.hasSuffix("-top\"") }
            .compactMap { Int($0.drop { $0 == " " }.prefix { $0.isNumber }) }
        XCTAssertGreaterThanOrEqual(chapterPages.count, 3, destinations)
        let contentsLines = Set(first.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for page in chapterPages {
            XCTAssertTrue(contentsLines.contains(String(page)), "page \(page) is listed in the contents:\n\(first)")
        }
        let third = try TestProject.run(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-f", "3", "-l", "3", pdf, "-"], in: project.root).stdout
        XCTAssertTrue(third.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "3" }, "page numbers at the foot:\n\(third)")
    }
}
