import Foundation
import LossbookTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// How `lossbook serve` answers signals, now that the command line (not the server library)
/// handles them: the first asks for a clean stop, which waits for a build in progress; a second
/// one quits at once with status 130.
final class ServeSignalTests: XCTestCase {
    func testASecondSignalQuitsAtOnceWhileABuildWaits() throws {
        let project = try TestProject(files: [
            "content/index.md": "---\ntitle: A course\n---\nWelcome.\n",
        ])
        defer { project.remove() }
        // A "node" that says when it started and then never answers: a build that needs it waits.
        let marker = project.root.appendingPathComponent(".node-pid")
        let fakeNode = project.root.appendingPathComponent("fake-node")
        try "#!/bin/sh\necho $$ > '\(marker.path)'\nexec sleep 30\n".write(to: fakeNode, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeNode.path)
        setenv("LOSSBOOK_NODE", fakeNode.path, 1)
        let server: ServeProcess
        do {
            defer { unsetenv("LOSSBOOK_NODE") }
            server = try ServeProcess(project: project)  // the first build has no formula: no node
        }
        defer { server.stop() }

        // A formula: the rebuild starts node and waits for its answer.
        try project.write("content/index.md", "---\ntitle: A course\n---\nWelcome to $x^2$.\n")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: marker.path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let nodePID = (try? String(contentsOf: marker, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        defer { if let nodePID { kill(nodePID, SIGKILL) } }
        XCTAssertNotNil(nodePID, "the rebuild never started node; stderr: \(server.stderr)")

        let pid = server.process.processIdentifier
        kill(pid, SIGINT)
        let stopping = Date().addingTimeInterval(10)
        while !server.stdout.contains("Stopping…") && Date() < stopping { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertTrue(server.stdout.contains("Stopping…"), server.stdout)
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertTrue(server.process.isRunning, "the first signal waits for the build in progress")

        kill(pid, SIGINT)
        let quitting = Date().addingTimeInterval(10)
        while server.process.isRunning && Date() < quitting { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertFalse(server.process.isRunning, "a second signal ends the server at once")
        if !server.process.isRunning {
            XCTAssertEqual(server.process.terminationStatus, 130)
        }
        XCTAssertFalse(server.stdout.contains("Stopped."), server.stdout)
    }
}
