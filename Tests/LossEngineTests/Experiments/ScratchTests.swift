import XCTest
import Foundation
@testable import LossEngine

final class ScratchTests: XCTestCase {
    func testScratch() throws {
        let name = ProcessInfo.processInfo.environment["EXP"] ?? "label-smoothing"
        for seed: UInt64 in [7, 8, 9, 10, 11] {
            let r = try ExperimentCatalog.run(name, seed: seed)
            print(seed, r.fields.keys.sorted().map { "\($0)=\(String(format: "%.3f", r.fields[$0]!))" }.joined(separator: " "))
        }
    }
}
