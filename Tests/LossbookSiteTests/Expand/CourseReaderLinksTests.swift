import Foundation
import LossbookTestSupport
import XCTest

/// The course's own use of citations and glossary links (issue 16): chapters cite with `[@key]`
/// and leave the reference list to the build, and link a glossary term where it is first met,
/// not at every use.
final class CourseReaderLinksTests: XCTestCase {
    private func chapters() throws -> [(name: String, text: String)] {
        let content = TestProject.repositoryRoot.appendingPathComponent("content")
        var result: [(String, String)] = []
        for part in ["1-foundations", "2-derivations", "3-catalogue", "4-labs"] {
            let folder = content.appendingPathComponent(part)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".md") {
                result.append(("\(part)/\(file)", try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)))
            }
        }
        XCTAssertGreaterThan(result.count, 30)
        return result
    }

    func testChaptersCiteAndLeaveTheReferenceListToTheBuild() throws {
        for (name, text) in try chapters() {
            XCTAssertFalse(text.contains("\n## References\n"), "\(name) writes its own reference list; cite with [@key] instead")
            if !name.hasSuffix("index.md") {
                XCTAssertTrue(text.contains("[@") || text.range(of: #"(^|[\s(])@[a-z]+[0-9]{4}"#, options: .regularExpression) != nil,
                              "\(name) cites nothing")
            }
        }
    }

    func testGlossaryTermsAreLinkedOncePerChapter() throws {
        for (name, text) in try chapters() {
            let keys = text.matches(of: /\]\(glossary:([^)]*)\)/).map { String($0.output.1) }
            XCTAssertFalse(keys.isEmpty, "\(name) links no glossary term")
            let repeated = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            XCTAssertEqual(repeated, [], "\(name) links these terms more than once; link only where a term is first met")
            for line in text.split(separator: "\n") where line.hasPrefix("#") {
                XCTAssertFalse(line.contains("](glossary:"), "\(name): no glossary links in headings: \(line)")
            }
        }
    }
}
