import JSONWriting
import XCTest

/// `JSONText.appendInteger` writes digits itself; it must write what `String(value)` spells.
final class JSONIntegerTests: XCTestCase {
    func testIntegersAreSpelledAsSwiftSpellsThem() {
        var values: [Int] = [0, 1, 9, 10, 11, 99, 100, 101, -1, -9, -10, -11, 1_000_000, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...18, using: &generator)
            let bound = (0..<digits).reduce(1) { product, _ in product * 10 }
            values.append(Int.random(in: -bound...bound, using: &generator))
        }
        for value in values {
            var out: [UInt8] = Array("x".utf8)
            JSONText.appendInteger(value, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "x" + String(value))
        }
    }
}
