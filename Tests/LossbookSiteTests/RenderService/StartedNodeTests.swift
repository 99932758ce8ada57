import Foundation
import XCTest
@testable import LossbookSite

/// A first build starts node before it knows the course's macros (`LoadStage.startNodeEarly`),
/// and the renderer takes that process over.
final class StartedNodeTests: XCTestCase {
    private let environment = ProcessInfo.processInfo.environment
    private let macros = ["\\R": "\\mathbb{R}", "\\loss": "\\ell"]
    private let requests = [MathRequest(tex: "x \\in \\R^n, \\loss(x)", display: false), MathRequest(tex: "\\R", display: true)]

    func testAServiceTakesOverANodeStartedBeforeTheMacrosWereKnown() throws {
        let node = try NodeRenderer(installation: RendererInstallation.locate())
        let service = try RenderService(macros: macros, cacheDirectory: nil, environment: environment, startedNode: node)
        defer { service.close() }
        XCTAssertFalse(service.statistics.nodeStarted, "not counted until it renders")
        let taken = try service.renderMath(requests)
        XCTAssertTrue(service.statistics.nodeStarted)

        let fresh = try RenderService(macros: macros, cacheDirectory: nil, environment: environment)
        defer { fresh.close() }
        let expected = try fresh.renderMath(requests)
        XCTAssertEqual(taken.map(\.html), expected.map(\.html), "the macros reached the process started without them")
        XCTAssertTrue(taken.allSatisfy { $0.html?.contains("mathbb") == true }, "\(taken)")
    }

    func testANodeStartedForAnotherInstallationIsNotUsed() throws {
        var other = try RendererInstallation.locate()
        other.answerTimeout = 1
        let node = try NodeRenderer(installation: other)
        let service = try RenderService(macros: macros, cacheDirectory: nil, environment: environment, startedNode: node)
        defer { service.close() }
        XCTAssertTrue(try service.renderMath(requests).allSatisfy { $0.html?.contains("mathbb") == true })
    }

    func testANodeNobodyUsedIsKilledAndAUsedOneExits() throws {
        let unused = try NodeRenderer(installation: RendererInstallation.locate())
        unused.end()
        XCTAssertTrue(unused.wasKilled, "not waited for while it loads KaTeX")

        let used = try NodeRenderer(installation: RendererInstallation.locate(), macros: macros)
        XCTAssertEqual(try used.exchange([.math(tex: "\\R", display: false)]).count, 1)
        used.end()
        XCTAssertFalse(used.wasKilled, "a used process finishes and exits on its own")

        let handed = StartedNode(try NodeRenderer(installation: RendererInstallation.locate()))
        let first = handed.take()
        XCTAssertNotNil(first)
        XCTAssertNil(handed.take(), "handed over once")
        first?.end()
    }

    func testOnlyAFirstBuildStartsNodeEarly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-started-\(UUID().uuidString)")
        let cache = root.appendingPathComponent(".lossbook-cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func options(cache: URL?) -> BuildOptions {
            BuildOptions(contentDirectory: root.appendingPathComponent("content"), templatesDirectory: root.appendingPathComponent("templates"),
                         outputDirectory: root.appendingPathComponent("site"), cacheDirectory: cache)
        }

        let started = LoadStage.startNodeEarly(options(cache: cache))?.take()
        XCTAssertNotNil(started, "an empty cache: a first build")
        started?.end()
        XCTAssertNil(LoadStage.startNodeEarly(options(cache: nil)), "no cache: every build would pay for it")

        try Data().write(to: cache.appendingPathComponent(OutputManifest.fileName))
        XCTAssertNil(LoadStage.startNodeEarly(options(cache: cache)), "a build was made")
        try FileManager.default.removeItem(at: cache.appendingPathComponent(OutputManifest.fileName))
        try FileManager.default.createDirectory(at: cache.appendingPathComponent("render/math"), withIntermediateDirectories: true)
        XCTAssertNil(LoadStage.startNodeEarly(options(cache: cache)), "formulas were rendered")
    }
}
