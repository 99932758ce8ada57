import XCTest
@testable import LossbookSite

/// A page's sidebar lists its own part's chapters only while the part is of a course's size:
/// with every page in one folder, listing the part on each page made the site grow with the
/// square of the course.
final class SidebarLimitTests: XCTestCase {
    private func note(_ path: String, _ title: String, order: Int? = nil) -> SourceNote {
        SourceNote(relativePath: path, displayPath: "content/\(path)", frontMatter: FrontMatter(title: title, order: order),
                   body: "", bodyFirstLine: 4)
    }

    private func outline(chapters: Int, folder: String) -> CourseOutline {
        let prefix = folder.isEmpty ? "" : folder + "/"
        return CourseOutline(notes: [note("index.md", "Home")]
            + (0..<chapters).map { note("\(prefix)c\($0).md", "C\($0)", order: $0) })
    }

    func testAPartUpToTheLimitIsListedWithTheCurrentPageMarked() {
        for folder in ["", "p"] {
            let course = outline(chapters: PageAssembler.sidebarChapterLimit, folder: folder)
            let path = course.parts[0].chapters[7]
            let part = PageAssembler(outline: course, siteTitle: "S").context(for: path, html: "", toc: [])["sidebarParts"]?.items?.first
            XCTAssertEqual(part?["listed"], true)
            XCTAssertEqual(part?["open"], true)
            XCTAssertEqual(part?["chapters"]?.items?.count, PageAssembler.sidebarChapterLimit)
            XCTAssertEqual(part?["chapters"]?.items?[7]["current"], true)
        }
    }

    func testALongerPartIsLeftToTheContentsScript() {
        for folder in ["", "p"] {
            let course = outline(chapters: PageAssembler.sidebarChapterLimit + 1, folder: folder)
            let assembler = PageAssembler(outline: course, siteTitle: "S")
            let part = assembler.context(for: course.parts[0].chapters[7], html: "", toc: [])["sidebarParts"]?.items?.first
            XCTAssertEqual(part?["listed"], false)
            XCTAssertEqual(part?["open"], true)
            XCTAssertEqual(part?["chapters"]?.items?.count, 0)
            // The home page still lists the whole course.
            let home = assembler.context(for: "index.md", html: "", toc: [])["parts"]?.items?.first
            XCTAssertEqual(home?["chapters"]?.items?.count, PageAssembler.sidebarChapterLimit + 1)
        }
    }

    func testPreviousAndNextFollowTheReadingOrder() {
        let course = CourseOutline(notes: [note("index.md", "Home"), note("b/index.md", "B", order: 1), note("b/x.md", "X"),
                                           note("a/index.md", "A", order: 2), note("a/y.md", "Y"), note("a/z.md", "Z")])
        let assembler = PageAssembler(outline: course, siteTitle: "S")
        for path in course.readingOrder {
            let context = assembler.context(for: path, html: "", toc: [])
            XCTAssertEqual(context["previous"]?["title"], course.previous(of: path).flatMap { course.notesByPath[$0]?.frontMatter.title }.map { .text($0) }, path)
            XCTAssertEqual(context["next"]?["title"], course.next(of: path).flatMap { course.notesByPath[$0]?.frontMatter.title }.map { .text($0) }, path)
        }
    }
}
