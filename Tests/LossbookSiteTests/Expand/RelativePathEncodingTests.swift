import XCTest
@testable import LossbookSite

/// `RelativePath.encoded`: a site path as the URL path the browser asks for, every byte outside
/// the unreserved characters, `/` and the sub-delimiters percent-encoded in upper-case hex.
final class RelativePathEncodingTests: XCTestCase {
    func testPlainPathsStayAsTheyAre() {
        XCTAssertEqual(RelativePath.encoded("1-part/page-25.html"), "1-part/page-25.html")
        XCTAssertEqual(RelativePath.encoded("a/b_c~d.e!$&'()*+,;=:@.html"), "a/b_c~d.e!$&'()*+,;=:@.html")
        XCTAssertEqual(RelativePath.encoded(""), "")
    }

    func testOtherBytesArePercentEncoded() {
        XCTAssertEqual(RelativePath.encoded("my notes/50% off?#x.html"), "my%20notes/50%25%20off%3F%23x.html")
        // UTF-8, byte by byte, two upper-case digits each (a byte below 0x10 keeps its zero).
        XCTAssertEqual(RelativePath.encoded("café/Σ.html"), "caf%C3%A9/%CE%A3.html")
        XCTAssertEqual(RelativePath.encoded("tab\there\u{7F}"), "tab%09here%7F")
    }
}
