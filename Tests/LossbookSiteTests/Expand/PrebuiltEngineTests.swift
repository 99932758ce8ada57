import XCTest
@testable import LossbookSite

/// Which prebuilt LossEngine runnable Swift may link, and why not when it may not.
final class PrebuiltEngineTests: XCTestCase {
    private func touch(_ url: URL, _ text: String = "x", date: Date) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
    }

    func testTheModuleSwiftPMBuiltBesideTheProgramIsUsedUnlessItIsNewer() throws {
        let build = try makeTemporaryDirectory(self).appendingPathComponent("release")
        let program = build.appendingPathComponent("lossbook")
        let now = Date()
        try touch(build.appendingPathComponent("Modules/LossEngine.swiftmodule"), date: now.addingTimeInterval(-60))
        try touch(build.appendingPathComponent("LossEngine.build/Loss.swift.o"), date: now.addingTimeInterval(-60))
        try touch(build.appendingPathComponent("LossEngine.build/Normal.swift.o"), date: now.addingTimeInterval(-60))
        try touch(program, "binary", date: now)
        let engine = try PrebuiltEngine.locate(executable: program).get()
        XCTAssertEqual(engine.moduleDirectory.lastPathComponent, "Modules")
        XCTAssertEqual(engine.linkArguments.map { URL(fileURLWithPath: $0).lastPathComponent }, ["Loss.swift.o", "Normal.swift.o"])
        XCTAssertEqual(engine.fingerprint, PrebuiltEngine.identity(of: program))

        // Rebuilt after the program was linked: not the engine the program computes with.
        try touch(build.appendingPathComponent("LossEngine.build/Normal.swift.o"), date: now.addingTimeInterval(60))
        guard case .failure(let reason) = PrebuiltEngine.locate(executable: program) else { return XCTFail("a newer engine must be refused") }
        XCTAssertTrue(reason.description.contains("was rebuilt after this lossbook was linked"), reason.description)
    }

    /// A source file moved out of the engine leaves its object in LossEngine.build/: only the
    /// objects of SwiftPM's output file map are linked (the stale one gave undefined symbols).
    func testObjectsOfFilesNoLongerInTheEngineAreNotLinked() throws {
        let build = try makeTemporaryDirectory(self).appendingPathComponent("release")
        let program = build.appendingPathComponent("lossbook")
        let now = Date()
        try touch(build.appendingPathComponent("Modules/LossEngine.swiftmodule"), date: now.addingTimeInterval(-60))
        for name in ["Loss.swift.o", "Normal.swift.o", "Removed.swift.o"] {
            try touch(build.appendingPathComponent("LossEngine.build/\(name)"), date: now.addingTimeInterval(-60))
        }
        let map = #"""
            {"": {"swift-dependencies": "/elsewhere/master.swiftdeps"},
             "/src/Loss.swift": {"object": "/elsewhere/LossEngine.build/Loss.swift.o"},
             "/src/Normal.swift": {"object": "/elsewhere/LossEngine.build/Normal.swift.o", "diagnostics": "x.dia"}}
            """#
        try touch(build.appendingPathComponent("LossEngine.build/output-file-map.json"), map, date: now.addingTimeInterval(-60))
        try touch(program, "binary", date: now)
        let engine = try PrebuiltEngine.locate(executable: program).get()
        XCTAssertEqual(engine.linkArguments, ["Loss.swift.o", "Normal.swift.o"].map { build.appendingPathComponent("LossEngine.build/\($0)").path })
    }

    func testAnInstalledModuleMustBeTheOneInstalledWithThisProgram() throws {
        let prefix = try makeTemporaryDirectory(self)
        let program = prefix.appendingPathComponent("bin/lossbook")
        let now = Date()
        try touch(program, "installed binary", date: now)
        try touch(prefix.appendingPathComponent("lib/lossbook/LossEngine.swiftmodule"), date: now)
        try touch(prefix.appendingPathComponent("lib/lossbook/libLossEngine.a"), date: now)
        let identity = try XCTUnwrap(PrebuiltEngine.identity(of: program))
        try touch(prefix.appendingPathComponent("lib/lossbook/engine-identity"), identity + "\n", date: now)
        let engine = try PrebuiltEngine.locate(executable: program).get()
        XCTAssertEqual(engine.moduleDirectory.standardizedFileURL, prefix.appendingPathComponent("lib/lossbook").standardizedFileURL)
        XCTAssertTrue(engine.linkArguments.contains("--whole-archive"), "every member of the archive is linked: \(engine.linkArguments)")

        // Another lossbook binary in the same place (a partial reinstall): refused, and said so.
        try touch(program, "another binary", date: now)
        guard case .failure(let reason) = PrebuiltEngine.locate(executable: program) else { return XCTFail("a stale engine must be refused") }
        XCTAssertTrue(reason.description.contains("was installed with another lossbook"), reason.description)
        // A missing archive is named.
        try FileManager.default.removeItem(at: prefix.appendingPathComponent("lib/lossbook/libLossEngine.a"))
        guard case .failure(let missing) = PrebuiltEngine.locate(executable: program) else { return XCTFail("a missing archive must be refused") }
        XCTAssertTrue(missing.description.contains("libLossEngine.a is missing"), missing.description)
    }

    func testNothingPrebuiltIsSaidClearly() throws {
        let folder = try makeTemporaryDirectory(self)
        try touch(folder.appendingPathComponent("bin/lossbook"), date: Date())
        guard case .failure(let reason) = PrebuiltEngine.locate(executable: folder.appendingPathComponent("bin/lossbook")) else {
            return XCTFail("no module anywhere")
        }
        XCTAssertTrue(reason.description.hasPrefix("no LossEngine module was installed with lossbook"), reason.description)
    }

    func testACompilerVersionMismatchIsRecognised() {
        let output = "/tmp/b/block0.swift:1:27: error: module compiled with Swift 6.2 cannot be imported by the Swift 6.3 compiler: /usr/local/lib/lossbook/LossEngine.swiftmodule"
        XCTAssertNotNil(RunnableSwiftStage.Workspace.moduleMismatch(in: output))
        XCTAssertNil(RunnableSwiftStage.Workspace.moduleMismatch(in: "/tmp/b/block0.swift:2:1: error: cannot find 'x' in scope"))
    }
}
