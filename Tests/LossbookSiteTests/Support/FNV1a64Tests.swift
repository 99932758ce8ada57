import XCTest
@testable import LossbookSite

/// The hash decides which cache bucket a key is stored in, on disk: it must stay FNV-1a exactly,
/// whichever way the bytes come.
final class FNV1a64Tests: XCTestCase {
    func testPublishedValues() {
        XCTAssertEqual(FNV1a64.hash("".utf8), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a64.hash("a".utf8), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a64.hash("foobar".utf8), 0x8594_4171_f739_67e8)
    }

    func testTheSameForEveryKindOfSequence() {
        let text = "math 1|fingerprint|display|\\ell_{\\min} é ℓ" + String(repeating: "x", count: 300)
        let bytes = Array(text.utf8)
        let expected = FNV1a64.hash(bytes)
        XCTAssertEqual(FNV1a64.hash(text.utf8), expected)
        XCTAssertEqual(FNV1a64.hash(Substring(text).utf8), expected)
        XCTAssertEqual(FNV1a64.hash(bytes.lazy.map { $0 }), expected, "a sequence without contiguous storage")
        XCTAssertEqual(FNV1a64.hash(AnySequence(bytes)), expected)
    }
}
