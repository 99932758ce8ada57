import Foundation
import XCTest

/// One formula of the seed notes (`SeedFormulasFixture.swift`), extracted from
/// neural-networks-4-notes.md with its 1-based line and byte column.
struct SeedFormula: Decodable {
    var line: Int
    var column: Int
    var display: Bool
    var tex: String
    /// Why this entry differs from what the authoring rules extract, when it does.
    var note: String?
}

enum RenderFixtures {
    static func seedFormulas() throws -> [SeedFormula] {
        try JSONDecoder().decode([SeedFormula].self, from: Data(seedFormulasJSON.utf8))
    }
}

/// A fresh empty directory, removed when the test ends.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("lossbook-render-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}
