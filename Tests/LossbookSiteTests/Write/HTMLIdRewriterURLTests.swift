import XCTest
@testable import LossbookSite

/// `url(#…)` references in any attribute (SVG clip paths, fills, markers) follow the ids they
/// name into the print page: every one of them gets the page's prefix, the rest of the value
/// stays byte for byte.
final class HTMLIdRewriterURLTests: XCTestCase {
    private let rewriter = HTMLIdRewriter(prefix: "p3-", pagePrefix: { _ in nil }, resource: { $0 })

    func testEveryURLReferenceIsPrefixed() {
        XCTAssertEqual(rewriter.rewriteValue("url(#clip-1)", attribute: "clip-path"), "url(#p3-clip-1)")
        XCTAssertEqual(rewriter.rewriteValue("fill: url(#a); stroke: url(#b) – é", attribute: "style"),
                       "fill: url(#p3-a); stroke: url(#p3-b) – é")
        XCTAssertEqual(rewriter.rewriteValue("url(#", attribute: "mask"), "url(#p3-")
        XCTAssertEqual(rewriter.rewriteValue("url(x) #a (#b", attribute: "style"), "url(x) #a (#b")
    }

    func testTheWholeTagIsRewrittenAlike() {
        let html = #"<svg><clipPath id="c"/><g clip-path="url(#c)" style="fill:url(#c)">é</g></svg>"#
        XCTAssertEqual(rewriter.rewrite(html), #"<svg><clipPath id="p3-c"/><g clip-path="url(#p3-c)" style="fill:url(#p3-c)">é</g></svg>"#)
    }
}
