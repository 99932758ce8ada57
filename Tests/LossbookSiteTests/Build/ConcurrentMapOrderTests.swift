import XCTest
@testable import LossbookSite

/// `concurrentMap` spreads per-page work over the cores and must give `map`'s result.
final class ConcurrentMapOrderTests: XCTestCase {
    func testResultsAreInTheInputsOrderForEverySize() {
        for count in [0, 1, 2, 3, 17, 1000] {
            let input = Array(0..<count)
            XCTAssertEqual(input.concurrentMap { $0 * $0 + 1 }, input.map { $0 * $0 + 1 }, "\(count) elements")
            XCTAssertEqual(input.concurrentMap(sparing: 1) { String($0) }, input.map { String($0) }, "\(count) elements, one core spared")
            XCTAssertEqual(input.concurrentMap(sparing: 1000) { -$0 }, input.map { -$0 }, "\(count) elements, every core spared")
        }
    }

    func testUnevenWorkStillLandsInItsOwnSlot() {
        // Elements that take very different times finish out of order; each must land in its slot.
        let input = Array(0..<64)
        let result = input.concurrentMap { value -> [Int] in
            (0..<(value % 7 == 0 ? 20_000 : 1)).reduce(into: [value]) { sum, step in sum[0] = sum[0] &+ (step & 0) }
        }
        XCTAssertEqual(result.map { $0[0] }, input)
    }
}
