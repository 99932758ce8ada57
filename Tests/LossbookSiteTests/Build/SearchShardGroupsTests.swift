import XCTest
@testable import LossbookSite

/// The search index is cut into shards by folder, and a large folder into shards of at most
/// `PageKeyStage.maximumShardPages` pages, all in reading order.
final class SearchShardGroupsTests: XCTestCase {
    private func note(_ path: String) -> SourceNote {
        SourceNote(relativePath: path, displayPath: "content/\(path)", frontMatter: FrontMatter(title: path), body: "", bodyFirstLine: 1)
    }

    func testOneShardPerFolderAndTheTop() {
        let notes = ["index.md", "1-a/index.md", "1-a/x.md", "2-b/y.md", "about.md"].map(note)
        let groups = PageKeyStage.searchShards(notes).map { $0.map(\.relativePath) }
        XCTAssertEqual(groups, [["index.md", "about.md"], ["1-a/index.md", "1-a/x.md"], ["2-b/y.md"]])
    }

    func testALargeFolderIsCutIntoShardsInReadingOrder() {
        let size = PageKeyStage.maximumShardPages
        let flat = (1...(2 * size + 7)).map { note("page-\($0).md") }
        let groups = PageKeyStage.searchShards(flat)
        XCTAssertEqual(groups.map(\.count), [size, size, 7])
        XCTAssertEqual(groups.flatMap { $0 }.map(\.relativePath), flat.map(\.relativePath), "every page once, in order")
        let exact = (1...size).map { note("1-part/page-\($0).md") }
        XCTAssertEqual(PageKeyStage.searchShards(exact).count, 1, "a folder of exactly the limit is one shard")
    }
}
