import Dispatch
import Synchronization
import XCTest
@testable import LossbookSite

/// Pages expand on several threads at once, all through the build's one `ComputeCache`.
final class ComputeCacheConcurrencyTests: XCTestCase {
    func testManyThreadsReadAndStoreWithoutLosingACount() throws {
        let directory = try makeTemporaryDirectory(self)
        let cache = ComputeCache(directory: directory)
        let threads = 8, keys = 200
        let computedValues = Mutex(0)
        let wrong = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            // Every thread asks for every key, each in its own order.
            for step in 0 ..< keys {
                let index = (step * 7 + thread * 31) % keys
                let key = cache.key("value", "k\(index)")
                let value = cache.value(for: key) {
                    computedValues.withLock { $0 += 1 }
                    return "v\(index)"
                }
                if value != "v\(index)" { wrong.withLock { $0.append("\(index): \(value ?? "nil")") } }
            }
        }
        XCTAssertEqual(wrong.withLock { $0 }, [])
        XCTAssertEqual(cache.hits + cache.misses, threads * keys, "every lookup counted once")
        XCTAssertEqual(cache.misses, computedValues.withLock { $0 }, "a miss is a computation")
        XCTAssertGreaterThanOrEqual(cache.misses, keys)
        cache.flush()

        // What was stored from all those threads is on disk for the next build, complete.
        let next = ComputeCache(directory: directory)
        for index in 0 ..< keys {
            XCTAssertEqual(next.lookUp(next.key("value", "k\(index)")), "v\(index)")
        }
        XCTAssertEqual(next.hits, keys)
        XCTAssertEqual(next.misses, 0)
    }
}

/// Results written by several threads, one slot each.
final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func set(_ index: Int, _ value: Value?) {
        slots.withLock { $0[index] = value }
    }

    var all: [Value?] { slots.withLock { $0 } }
}
