import XCTest
@testable import LossbookSite

/// A `check` compares finite numbers: infinity agreed with anything within a relative tolerance
/// (`exp(1000)` "equalled" 42), so a non-finite value fails unless the claim says `infinite: true`.
final class CheckInfinityTests: XCTestCase {
    private func check(_ equal: String, extra: String = "") -> [String] {
        expand("Text.\n\n```check\nclaim: c\nequal: \(equal)\n\(extra)```\n").diagnostics
    }

    func testInfinityOnEitherSideFails() {
        for equal in ["[42, {expr: \"exp(1000)\"}]", "[{expr: \"exp(1000)\"}, 42]", "[{expr: \"-exp(1000)\"}, -1e300]",
                      "[{expr: \"exp(1000)\"}, {expr: \"exp(2000)\"}]", "[{expr: \"log(0)\"}, {expr: \"log(0)\"}]"] {
            let problems = check(equal)
            XCTAssertEqual(problems.count, 1, "\(equal): \(problems)")
            XCTAssertTrue(problems.first?.contains("error: check failed: c: value") == true
                          && problems.first?.contains("not a finite number") == true, "\(equal): \(problems)")
        }
        // At the value that is not finite.
        XCTAssertTrue(check("[42, {expr: \"exp(1000)\"}]").first?.hasPrefix("d.md:5:13: error:") == true, "\(check("[42, {expr: \"exp(1000)\"}]"))")
    }

    func testNaNFailsAsNotFinite() {
        let problems = check("[{expr: \"sqrt(-1)\"}, {expr: \"sqrt(-1)\"}]")
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first?.contains("is nan, not a finite number") == true, "\(problems)")
    }

    func testClaimAboutInfinityPassesOnlyWhenAllAreTheSameInfinity() {
        XCTAssertEqual(check("[{expr: \"exp(1000)\"}, {expr: \"exp(2000)\"}]", extra: "infinite: true\n"), [])
        XCTAssertEqual(check("[{expr: \"log(0)\"}, {expr: \"-exp(1000)\"}]", extra: "infinite: true\n"), [])
        for equal in ["[42, {expr: \"exp(1000)\"}]", "[{expr: \"exp(1000)\"}, {expr: \"log(0)\"}]", "[1, 1]"] {
            let problems = check(equal, extra: "infinite: true\n")
            XCTAssertEqual(problems.count, 1, "\(equal): \(problems)")
            XCTAssertTrue(problems.first?.contains("not all the same infinity") == true, "\(equal): \(problems)")
        }
    }

    func testFiniteChecksAreUnchanged() {
        XCTAssertEqual(check("[9, {expr: \"3*3\"}]"), [])
        XCTAssertEqual(check("[1e300, {expr: \"1e300 * (1 + 1e-12)\"}]"), [])
        XCTAssertTrue(check("[9, 10]").first?.contains("the values differ") == true)
    }
}
