import XCTest
import Foundation
@testable import LossEngine

/// Properties every experiment must have: it runs, it is deterministic for its seed, a different
/// seed gives different data, every number is finite, and the table and figure are well formed.
final class ExperimentCatalogTests: XCTestCase {
    static let expected = [
        "outlier-line", "skewed-gaussian", "variance-collapse", "heteroscedastic", "label-noise",
        "class-imbalance", "sigmoid-mse-vs-bce", "softmax-saturation", "label-smoothing", "multi-output-scales",
        "priors-map",
    ]

    func testNamesAndDescriptions() {
        XCTAssertEqual(ExperimentCatalog.names, Self.expected)
        for name in ExperimentCatalog.names {
            let d = ExperimentCatalog.describe(name)
            XCTAssertNotNil(d, name)
            XCTAssertFalse(d?.isEmpty ?? true, name)
            XCTAssertFalse(d?.contains("\n") ?? true, "\(name): description must be one line")
        }
        XCTAssertNil(ExperimentCatalog.describe("no-such-experiment"))
    }

    func testUnknownNameThrowsNamingTheKnownOnes() {
        XCTAssertThrowsError(try ExperimentCatalog.run("no-such-experiment", seed: 7)) { error in
            guard case LossError.invalidArgument(let argument, let reason) = error else {
                return XCTFail("expected LossError.invalidArgument, got \(error)")
            }
            XCTAssertEqual(argument, "experiment")
            XCTAssertTrue(reason.contains("no-such-experiment"), reason)
            for name in Self.expected { XCTAssertTrue(reason.contains(name), "\(name) missing from: \(reason)") }
            XCTAssertTrue("\(error)".contains("outlier-line"))
        }
    }

    func testDeterministicForASeed() throws {
        for name in ExperimentCatalog.names {
            let a = try ExperimentTesting.run(name, seed: 7)
            let b = try ExperimentCatalog.run(name, seed: 7)
            XCTAssertEqual(a, b, "\(name) is not deterministic")
        }
    }

    func testDifferentSeedsGiveDifferentData() throws {
        for name in ExperimentCatalog.names {
            let a = try ExperimentCatalog.run(name, seed: 7)
            let b = try ExperimentCatalog.run(name, seed: 8)
            XCTAssertNotEqual(a.figure, b.figure, "\(name): seeds 7 and 8 give the same figure")
            XCTAssertNotEqual(a.fields, b.fields, "\(name): seeds 7 and 8 give the same fields")
        }
    }

    func testWellFormedAndFinite() throws {
        for name in ExperimentCatalog.names {
            for seed in ExperimentTesting.seeds {
                let r = try ExperimentCatalog.run(name, seed: seed)
                XCTAssertEqual(r.name, name)
                XCTAssertFalse(r.title.isEmpty, name)
                // The summary is a figure's caption when the page gives none: written for readers,
                // it says what was run, not how the course was built.
                XCTAssertFalse(r.summary.isEmpty, name)
                XCTAssertFalse(r.summary.contains("seed") || r.summary.contains("engine"), "\(name): \(r.summary)")
                XCTAssertGreaterThanOrEqual(r.fields.count, 4, name)
                for (key, v) in r.fields {
                    XCTAssertTrue(v.isFinite, "\(name) seed \(seed): field \(key) = \(v)")
                    XCTAssertFalse(key.contains(" "), "\(name): field key '\(key)'")
                }
                XCTAssertFalse(r.table.columns.isEmpty, name)
                XCTAssertFalse(r.table.rows.isEmpty, name)
                for row in r.table.rows {
                    XCTAssertEqual(row.count, r.table.columns.count, "\(name): row width")
                    for case .number(let v) in row { XCTAssertTrue(v.isFinite, "\(name) seed \(seed): table cell \(v)") }
                }
                XCTAssertFalse(r.figure.panels.isEmpty, name)
                for panel in r.figure.panels {
                    XCTAssertFalse(panel.series.isEmpty, "\(name): empty panel")
                    for rule in panel.verticalRules { XCTAssertTrue(rule.isFinite, "\(name): rule \(rule)") }
                    for s in panel.series {
                        XCTAssertEqual(s.x.count, s.y.count, "\(name): series \(s.name)")
                        XCTAssertFalse(s.x.isEmpty, "\(name): series \(s.name) is empty")
                        XCTAssertTrue((s.x + s.y).allSatisfy(\.isFinite), "\(name) seed \(seed): series \(s.name) not finite")
                        if panel.yLog { XCTAssertTrue(s.y.allSatisfy { $0 > 0 }, "\(name): log axis needs y > 0 (\(s.name))") }
                    }
                }
            }
        }
    }
}
