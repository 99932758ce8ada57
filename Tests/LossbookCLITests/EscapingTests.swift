import Foundation
import LossbookTestSupport
import XCTest

/// Values from content land in HTML, SVG and attributes as text, never as markup. Raw HTML that
/// an author writes in the Markdown body is the author's choice and passes through.
final class EscapingTests: XCTestCase {
    func testHostileTitlesAndArgumentsShowAsText() throws {
        let hostile = "</title><script>alert(1)</script>"
        let project = try TestProject(files: [
            "content/index.md": "---\ntitle: \"\(hostile)\"\ndescription: \"\\\"><script>alert(2)</script>\"\n---\nHome.\n",
            "content/p/index.md": "---\ntitle: \"Part \(hostile)\"\n---\nPart.\n",
            "content/p/c.md": """
            ---
            title: "Chapter \(hostile)"
            ---
            ## Heading &lt;script&gt;

            ```plot
            title: "\(hostile)"
            caption: "<img src=x onerror=alert(4)>"
            x: {label: "<b>x</b>", min: -1, max: 1}
            curves:
              - {loss: mse, label: "<script>alert(5)</script>"}
            ```

            ```loss
            loss: mse
            args: {input: [1], target: [0]}
            caption: "<script>alert(6)</script>"
            ```

            <span class="author-html">kept</span>
            """,
        ])
        defer { project.remove() }
        let run = try project.run(["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for page in ["site/index.html", "site/p/index.html", "site/p/c.html", "site/404.html"] {
            let html = try XCTUnwrap(project.read(page), page)
            XCTAssertFalse(html.contains("<script>alert"), "\(page) contains an unescaped script")
            XCTAssertFalse(html.contains("<img src=x"), "\(page) contains an unescaped image")
            XCTAssertFalse(html.contains("\"><script"), "\(page) lets an attribute be closed")
        }
        let chapter = try XCTUnwrap(project.read("site/p/c.html"))
        XCTAssertTrue(chapter.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown as text")
        XCTAssertTrue(chapter.contains("<span class=\"author-html\">kept</span>"), "the author's own HTML passes through")
    }
}
