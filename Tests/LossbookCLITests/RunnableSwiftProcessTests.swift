import Foundation
import LossbookTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The processes of runnable Swift blocks die with the block and with the build (issue 19, items 4
/// and 7): killing a build (kill -9 or Ctrl-C) during a looping block leaves nothing running, not
/// even what the block started in the background, and a block that prints without end is stopped.
final class RunnableSwiftProcessTests: XCTestCase {
    /// Shared with RunnableSwiftTests' runs: LossEngine is compiled once.
    private static let cache = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-test-swift-run-cache")
    private var projects: [TestProject] = []

    override func tearDown() {
        projects.forEach { $0.remove() }
    }

    private func project(_ body: String) throws -> TestProject {
        let project = try TestProject(files: ["content/index.md": "---\ntitle: Runs\n---\n" + body])
        projects.append(project)
        return project
    }

    /// A block that starts `/bin/sleep <marker>` in the background (in a process group of its own,
    /// as Foundation's Process does), prints, then loops for ever.
    private static func loopingBlock(marker: String) -> String {
        "```swift run\nlet child = Process()\nchild.executableURL = URL(fileURLWithPath: \"/bin/sleep\")\n"
            + "child.arguments = [\"\(marker)\"]\ntry child.run()\nprint(\"started\")\nvar n = 0\nwhile n >= 0 { n &+= 1 }\n```\n"
    }

    /// Pids of processes whose command line contains `marker`.
    private static func processes(containing marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry), pid != getpid(),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let text = String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return text.contains(marker) ? pid : nil
        }
    }

    private static func wait(timeout: TimeInterval, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }

    private func killBuildDuringLoop(signal: Int32) throws {
        let marker = "3\(Int.random(in: 100_000...999_999)).5"
        let project = try project(Self.loopingBlock(marker: marker))
        let build = Process()
        build.executableURL = TestProject.binary
        build.arguments = ["build", "--cache", Self.cache.path]
        build.currentDirectoryURL = project.root
        build.standardOutput = FileHandle.nullDevice
        build.standardError = FileHandle.nullDevice
        try build.run()
        defer {
            if build.isRunning { kill(build.processIdentifier, SIGKILL) }
            for pid in Self.processes(containing: marker) { kill(pid, SIGKILL) }
        }
        // Compiling LossEngine the first time takes a while; the block's child shows it runs.
        XCTAssertTrue(Self.wait(timeout: 300) { !Self.processes(containing: marker).isEmpty }, "the block's background child started")
        Thread.sleep(forTimeInterval: 0.5)
        kill(build.processIdentifier, signal)
        build.waitUntilExit()
        XCTAssertTrue(Self.wait(timeout: 5) { Self.processes(containing: marker).isEmpty },
                      "left running: \(Self.processes(containing: marker))")
        let runners = Self.processes(containing: "build-\(build.processIdentifier)/runner")
        XCTAssertTrue(Self.wait(timeout: 5) { Self.processes(containing: "build-\(build.processIdentifier)/runner").isEmpty },
                      "runner left spinning: \(runners)")
    }

    func testKillNineOfTheBuildStopsTheBlockAndItsChildren() throws {
        try killBuildDuringLoop(signal: SIGKILL)
    }

    func testInterruptOfTheBuildStopsTheBlockAndItsChildren() throws {
        try killBuildDuringLoop(signal: SIGINT)
    }

    func testBackgroundChildrenDieWhenTheBlockEnds() throws {
        let marker = "4\(Int.random(in: 100_000...999_999)).5"
        let block = "```swift run\nlet child = Process()\nchild.executableURL = URL(fileURLWithPath: \"/bin/sleep\")\n"
            + "child.arguments = [\"\(marker)\"]\ntry child.run()\nprint(\"started\")\n```\n"
        let project = try project(block)
        let run = try project.run(["build", "--cache", Self.cache.path])
        defer { for pid in Self.processes(containing: marker) { kill(pid, SIGKILL) } }
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(Self.processes(containing: marker), [], "the block's background child outlived the build")
    }

    func testOutputBeyondTheCapStopsTheBlock() throws {
        // About 1 GB if nothing stopped it.
        let block = "```swift run\nlet line = String(repeating: \"x\", count: 1023)\nfor _ in 0..<1_000_000 { print(line) }\n```\n"
        let project = try project("Text.\n\n" + block)
        let run = try project.run(["build", "--cache", Self.cache.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/index.md:6:1: error: the Swift block printed more than 1024 KB and was stopped"), String(run.stderr.prefix(500)))
        XCTAssertLessThan(run.stderr.utf8.count, 4000, "the message shows only the end of what it printed")
    }
}
