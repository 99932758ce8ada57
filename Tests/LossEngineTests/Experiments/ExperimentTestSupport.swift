import XCTest
import Foundation
@testable import LossEngine

/// Shared helpers for the experiment tests.
enum ExperimentTesting {
    /// Seeds every lesson is checked on: the course's seed (7) and a few others, so a lesson that
    /// holds only by luck of one data set fails.
    static let seeds: [UInt64] = [7, 1, 2, 3]

    /// Runs `name` with `seed`, printing the wall time (no assertion on it: debug builds on busy
    /// machines vary).
    static func run(_ name: String, seed: UInt64 = 7) throws -> ExperimentResult {
        let start = Date()
        let result = try ExperimentCatalog.run(name, seed: seed)
        print(String(format: "experiment %@ seed %llu: %.3f s", name, seed, Date().timeIntervalSince(start)))
        return result
    }
}

extension ExperimentResult {
    /// The field `key`; fails the test (and returns NaN) if it is missing.
    func field(_ key: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
        guard let v = fields[key] else {
            XCTFail("\(name): no field '\(key)' (have \(fields.keys.sorted().joined(separator: ", ")))", file: file, line: line)
            return .nan
        }
        return v
    }
}
