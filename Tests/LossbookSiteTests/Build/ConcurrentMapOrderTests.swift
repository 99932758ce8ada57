import Foundation
import Synchronization
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

    /// Workers that borrow node's core take elements one at a time: every element is made once
    /// and lands in its slot, whether the core is lent always, never, or now and then.
    func testLentCoresKeepTheOrderAndMakeEachElementOnce() {
        let calls = Mutex(0)
        let policies: [(String, @Sendable () -> Bool)] = [
            ("always", { true }), ("never", { false }),
            ("now and then", { calls.withLock { $0 += 1; return $0 % 3 == 0 } }),
        ]
        for count in [0, 1, 2, 3, 17, 1000] {
            let input = Array(0..<count)
            for (name, lent) in policies {
                let made = Mutex([Int: Int]())
                let result = input.concurrentMap(sparing: 1, lentWhile: lent) { value -> Int in
                    made.withLock { $0[value, default: 0] += 1 }
                    return value * 3 - 1
                }
                XCTAssertEqual(result, input.map { $0 * 3 - 1 }, "\(count) elements, lent \(name)")
                XCTAssertEqual(made.withLock { $0 }, Dictionary(uniqueKeysWithValues: input.map { ($0, 1) }), "\(count) elements, lent \(name)")
            }
        }
    }

    /// While the spared core is busy (never lent), only the steady workers run the transform.
    func testASparedCoreThatIsNeverLentRunsNothing() {
        let threads = Mutex(Set<UInt>())
        let input = Array(0..<400)
        _ = input.concurrentMap(sparing: 1, lentWhile: { false }) { value -> Int in
            threads.withLock { _ = $0.insert(UInt(bitPattern: Int(bitPattern: pthread_self()))) }
            return (0..<2_000).reduce(value) { $0 &+ $1 }
        }
        let steady = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
        XCTAssertLessThanOrEqual(threads.withLock { $0.count }, steady)
    }
}
