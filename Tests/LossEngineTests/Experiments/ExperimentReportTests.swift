import XCTest
import Foundation
@testable import LossEngine

final class ExperimentReportTests: XCTestCase {
    func testReport() throws {
        let only = ProcessInfo.processInfo.environment["EXP"]
        for name in ExperimentCatalog.names where only == nil || only == name {
            let t0 = Date()
            let r = try ExperimentCatalog.run(name, seed: 7)
            let dt = Date().timeIntervalSince(t0)
            print("== \(name) \(String(format: "%.3f", dt)) s")
            for k in r.fields.keys.sorted() { print("   \(k) = \(r.fields[k]!)") }
        }
    }
}
