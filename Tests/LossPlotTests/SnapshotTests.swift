import Testing
@testable import LossPlot

/// Each named figure compared with `Snapshots/<name>.svg`; see ``Snapshot`` for the workflow.
@Suite struct SnapshotTests {
    @Test(arguments: Fixtures.all.map(\.name))
    func snapshot(_ name: String) throws {
        let figure = try #require(Fixtures.all.first { $0.name == name }?.figure)
        try Snapshot.assertMatches(figure.svg(), named: name)
    }
}
