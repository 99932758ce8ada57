import Foundation
import XCTest
@testable import LossbookSite

/// The build is an ordered list of stages that `SiteBuilder` runs on one context.
final class BuildStageTests: XCTestCase {
    func testCheckRunsTheBuildsStagesWithoutTheOnesThatWrite() {
        let build = SiteBuilder.stages(writing: true).map(\.name)
        let check = SiteBuilder.stages(writing: false).map(\.name)
        XCTAssertEqual(check, build.filter { $0 != "sweep caches" && $0 != "write" })
        XCTAssertEqual(build.first, "load")
        XCTAssertEqual(build.last, "write")
        XCTAssertEqual(Set(build).count, build.count, "each stage has its own name for --verbose")
        // The names `--verbose` has always printed are still there.
        for name in ["load", "parse and directives", "references and links", "search index", "math, code and pages", "print page", "assets"] {
            XCTAssertTrue(check.contains(name), name)
        }
    }

    /// A stage that notes it ran in the log, and fails when told to.
    private struct Noting: BuildStage {
        let name: String
        var fails = false

        func run(_ context: inout BuildContext) throws(BuildFailure) {
            context.log.report(.warning(.glossaryUnknown, at: nil, name))
            if fails { throw BuildFailure([.error(.renderFailed, at: nil, name)]) }
        }
    }

    private func builder() -> (SiteBuilder, BuildContext) {
        let options = BuildOptions(contentDirectory: URL(fileURLWithPath: "/nowhere"), templatesDirectory: URL(fileURLWithPath: "/nowhere"),
                                   outputDirectory: URL(fileURLWithPath: "/nowhere/site"), cacheDirectory: nil)
        return (SiteBuilder(options: options), BuildContext(options: options, writer: nil))
    }

    func testStagesRunInOrderSharingOneLogAndAreTimedUnderTheirNames() throws {
        let (builder, start) = builder()
        var context = start
        try builder.run([Noting(name: "one"), Noting(name: "two"), Noting(name: "three")], &context)
        XCTAssertEqual(context.log.diagnostics.map(\.message), ["one", "two", "three"])
        XCTAssertEqual(context.statistics.stages.map(\.name), ["one", "two", "three"])
    }

    func testAFailingStageStopsTheBuildAndTheStagesAfterItDoNotRun() {
        let (builder, start) = builder()
        var context = start
        XCTAssertThrowsError(try builder.run([Noting(name: "one"), Noting(name: "two", fails: true), Noting(name: "three")], &context)) { error in
            XCTAssertEqual((error as? BuildFailure)?.diagnostics.map(\.message), ["two"])
        }
        XCTAssertEqual(context.log.diagnostics.map(\.message), ["one", "two"])
    }

    func testAStageThatNeedsAnotherThatHasNotRunIsAnErrorNotACrash() {
        var context = builder().1
        XCTAssertThrowsError(try PrintStage().run(&context)) { error in
            XCTAssertEqual((error as? BuildFailure)?.diagnostics.first?.id, .internalStageOrder)
        }
    }
}
