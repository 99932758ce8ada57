import Foundation
import Synchronization
import XCTest
@testable import LossbookSite

/// `concurrentMap` spreads per-page work over the cores: results in the input's order, each
/// element transformed exactly once, whatever the number of cores spared. The closures here are
/// `@Sendable` already, so these tests hold whether or not the signature requires it. It neither
/// throws nor can be cancelled: there is nothing of that kind to test.
final class ConcurrentMapTests: XCTestCase {
    /// Counts calls per element from many threads at once.
    private final class Calls: Sendable {
        private let storage = Mutex<[Int: Int]>([:])
        func record(_ element: Int) {
            storage.withLock { $0[element, default: 0] += 1 }
        }
        var all: [Int: Int] { storage.withLock { $0 } }
    }

    func testOrderIsKeptAndEveryElementIsTransformedOnce() {
        for count in [0, 1, 2, 3, 7, 64, 1001] {
            for spared in [0, 1, 100] {
                let input = Array(0..<count)
                let calls = Calls()
                let transform: @Sendable (Int) -> String = { element in
                    calls.record(element)
                    // Uneven work, so that workers finish out of order.
                    if element % 7 == 0 { usleep(200) }
                    return "#\(element * 3)"
                }
                let output = input.concurrentMap(sparing: spared, transform)
                XCTAssertEqual(output, input.map { "#\($0 * 3)" }, "count \(count), sparing \(spared)")
                XCTAssertEqual(calls.all, Dictionary(uniqueKeysWithValues: input.map { ($0, 1) }), "count \(count), sparing \(spared)")
            }
        }
    }

    func testResultsMayBeAnyType() {
        struct Page: Equatable, Sendable { var path: String; var words: Int }
        let notes = ["a b", "c", "", "d e f"]
        let pages = notes.concurrentMap { @Sendable note in Page(path: note, words: note.split(separator: " ").count) }
        XCTAssertEqual(pages.map(\.words), [2, 1, 0, 3])
        let optionals = [1, 2, 3].concurrentMap { @Sendable value -> Int? in value == 2 ? nil : value }
        XCTAssertEqual(optionals, [1, nil, 3], "nil results are kept, not mistaken for empty slots")
    }
}
