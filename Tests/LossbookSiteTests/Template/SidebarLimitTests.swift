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

    /// Closed parts are made once per folder and shared: every page's sidebar must still be the
    /// one an assembler that has made nothing before gives it, whatever the order of the pages.
    func testSharedSidebarEntriesEqualThoseMadeForThePageAlone() {
        var notes = [note("index.md", "Home"), note("intro.md", "Intro", order: 1)]
        for (order, part) in ["a", "b", "c/d"].enumerated() {
            notes.append(note("\(part)/index.md", "Part \(part)", order: order + 2))
            notes += (0..<4).map { (chapter: Int) in note("\(part)/p\(chapter).md", "\(part) \(chapter)", order: chapter) }
        }
        let course = CourseOutline(notes: notes)
        XCTAssertGreaterThanOrEqual(course.parts.count, 3)
        let shared = PageAssembler(outline: course, siteTitle: "S")
        var generator = SystemRandomNumberGenerator()
        for path in course.readingOrder.shuffled(using: &generator) + course.readingOrder.reversed() {
            let alone = PageAssembler(outline: course, siteTitle: "S").context(for: path, html: "", toc: [])
            let context = shared.context(for: path, html: "", toc: [])
            XCTAssertEqual(context["sidebarParts"]?.items?.count, course.parts.count, path)
            XCTAssertEqual(context["sidebarParts"], alone["sidebarParts"], path)
            XCTAssertEqual(context["parts"], alone["parts"], path)
        }
        // A page's own part is open, and no other part is.
        let page = shared.context(for: "b/p2.md", html: "", toc: [])["sidebarParts"]?.items ?? []
        XCTAssertEqual(page.map { $0["open"] }, course.parts.map { .flag($0.folder == "b") })
    }
}
