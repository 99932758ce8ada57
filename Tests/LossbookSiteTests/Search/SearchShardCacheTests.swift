import Foundation
import XCTest
@testable import LossbookSite

/// A shard's passages, kept in the cache between builds, come back as they were stored.
final class SearchShardCacheTests: XCTestCase {
    func testStoredPassagesReadBackUnchanged() throws {
        let cache = try makeTemporaryDirectory(self)
        let sections: [String: [SearchSection]] = [
            "key-b": [SearchSection(anchor: nil, heading: nil, text: "Opening \"quoted\" \\ back\nslash"),
                      SearchSection(anchor: "huber", heading: "Huber loss", text: "δ = 1, σ² … \u{2028} \u{1}")],
            "key-a": [],
            "": [SearchSection(anchor: "", heading: "", text: "")],
        ]
        SearchShard.store(sections, of: "part-1", in: cache)
        XCTAssertEqual(SearchShard.cachedSections(of: "part-1", in: cache), sections)
        XCTAssertEqual(SearchShard.cachedSections(of: "part-2", in: cache), [:], "nothing stored")
        XCTAssertEqual(SearchShard.cachedSections(of: "part-1", in: nil), [:])
    }
}
