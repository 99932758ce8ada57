import XCTest
@testable import LossbookSite

final class CourseOutlineTests: XCTestCase {
    private func note(_ path: String, _ title: String, order: Int? = nil) -> SourceNote {
        SourceNote(relativePath: path, displayPath: "content/\(path)", frontMatter: FrontMatter(title: title, order: order),
                   body: "", bodyFirstLine: 4)
    }

    func testPartsAndChaptersFollowOrderThenFileName() {
        let outline = CourseOutline(notes: [
            note("index.md", "Home"),
            note("b-part/index.md", "Part B", order: 1),
            note("a-part/index.md", "Part A", order: 2),
            note("a-part/zeta.md", "Zeta", order: 1),
            note("a-part/alpha.md", "Alpha"),
            note("a-part/beta.md", "Beta"),
            note("b-part/only.md", "Only"),
        ])
        XCTAssertEqual(outline.parts.map(\.title), ["Part B", "Part A"])
        XCTAssertEqual(outline.parts[1].chapters, ["a-part/zeta.md", "a-part/alpha.md", "a-part/beta.md"])
        XCTAssertEqual(outline.readingOrder, ["index.md", "b-part/index.md", "b-part/only.md", "a-part/index.md",
                                              "a-part/zeta.md", "a-part/alpha.md", "a-part/beta.md"])
        XCTAssertEqual(outline.chapterNumbers["b-part/only.md"], 1)
        XCTAssertEqual(outline.chapterNumbers["a-part/beta.md"], 4)
        XCTAssertEqual(outline.previous(of: "a-part/zeta.md"), "a-part/index.md")
        XCTAssertEqual(outline.next(of: "a-part/beta.md"), nil)
        XCTAssertEqual(outline.previous(of: "index.md"), nil)
    }

    func testRelativePathsFromNestedPages() {
        XCTAssertEqual(RelativePath.from("a/b.html", to: "c/d.html"), "../c/d.html")
        XCTAssertEqual(RelativePath.from("index.html", to: "c/d.html"), "c/d.html")
        XCTAssertEqual(RelativePath.from("a/b/c.html", to: "index.html"), "../../index.html")
        XCTAssertEqual(RelativePath.root(from: "a/b.html"), "../")
        XCTAssertEqual(RelativePath.resolve("../x/y.md", from: "a/b.md"), "x/y.md")
        XCTAssertNil(RelativePath.resolve("../../etc/passwd", from: "a/b.md"))
        for path in ["", "/", "a", "a/", "/a", "a//b", "//a///b/c.html/", "é/ü/x.html"] {
            XCTAssertEqual(RelativePath.segments(of: path), path.split(separator: "/").count, path)
        }
    }

    func testSidebarMarksTheCurrentPageWithRelativeLinks() {
        let outline = CourseOutline(notes: [note("index.md", "Home"), note("p/index.md", "P"), note("p/c.md", "C")])
        let context = PageAssembler(outline: outline, siteTitle: "S").context(for: "p/c.md", html: "", toc: [])
        XCTAssertEqual(context["root"], "../")
        XCTAssertEqual(context["homeHref"], "../index.html")
        let chapters = context["sidebarParts"]?.items?.first?["chapters"]?.items
        XCTAssertEqual(chapters?.first?["href"], "../p/c.html")
        XCTAssertEqual(chapters?.first?["current"], true)
        XCTAssertEqual(context["previous"]?["href"], "../p/index.html")
    }
}
