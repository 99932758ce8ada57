import Foundation
import XCTest
@testable import LossEngine

/// The vector exponential's table: 2^(j/128) rounded to nearest (generated with mpmath by
/// Benchmarks/engine/exp_table.py; glibc's exp2 agrees on all 128), and the scale bits derived from it.
final class ExpTableTests: XCTestCase {
    func testEntriesAreGlibcExp2() {
        XCTAssertEqual(ExpTable.twoPowers.count, 128)
        for j in 0..<128 {
            XCTAssertEqual(ExpTable.twoPowers[j], Foundation.exp2(Double(j) / 128).bitPattern, "2^(\(j)/128)")
        }
        XCTAssertEqual(Double(bitPattern: ExpTable.twoPowers[64]), 2.0.squareRoot())
    }

    /// Adding k·2⁴⁵ (k = 128e + j) to the scale bits gives 2ᵉ·2^(j/128), for negative e too.
    func testScaleBitsGiveTwoToTheKOver128() {
        for k in [-128 * 1000 - 5, -129, -1, 0, 1, 63, 64, 127, 128, 128 * 1000 + 77] {
            let j = ((k % 128) + 128) % 128
            let e = (k - j) / 128
            let bits = ExpTable.scaleBits[j] &+ (Int64(k) << 45)
            XCTAssertEqual(Double(bitPattern: UInt64(bitPattern: bits)), Foundation.exp2(Double(e)) * Double(bitPattern: ExpTable.twoPowers[j]), "k = \(k)")
        }
    }

    /// The scale bits are literal (a computed global cost a `swift_once` call per access in the
    /// kernels' loops): every one must be its entry's bits less j·2⁴⁵.
    func testLiteralScaleBitsMatchTheEntries() {
        XCTAssertEqual(ExpTable.scaleBits.count, 128)
        for j in 0..<128 {
            XCTAssertEqual(ExpTable.scaleBits[j], Int64(bitPattern: ExpTable.twoPowers[j]) &- (Int64(j) << 45), "j = \(j)")
        }
    }
}
