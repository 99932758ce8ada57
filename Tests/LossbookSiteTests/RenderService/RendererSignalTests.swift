import Foundation
import XCTest
@testable import LossbookSite
#if canImport(Glibc)
import Glibc
#endif

/// The library leaves the process's signal handling alone: a renderer that dies while it is sent
/// a batch is an error the build reports, even where SIGPIPE still has its default action (which
/// ends the process).
final class RendererSignalTests: XCTestCase {
    func testARendererThatExitsUnreadIsAnErrorNotSIGPIPE() throws {
        let folder = try makeTemporaryDirectory(self)
        let fakeNode = folder.appendingPathComponent("node")
        // Exits at once, without reading what it is sent.
        try "#!/bin/sh\nexit 5\n".write(to: fakeNode, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeNode.path)

        let previous = signal(SIGPIPE, SIG_DFL)
        defer { signal(SIGPIPE, previous) }

        var environment = ProcessInfo.processInfo.environment
        environment["LOSSBOOK_NODE"] = fakeNode.path
        let service = try RenderService(macros: [:], cacheDirectory: nil, environment: environment)
        defer { service.close() }
        // Several megabytes: more than the pipe holds, so the writer is still writing when the
        // reader has gone, and its write fails.
        let filler = String(repeating: "x", count: 1000)
        let formulas = (0 ..< 4000).map { MathRequest(tex: "\(filler)\($0)", display: false) }
        XCTAssertThrowsError(try service.renderMath(formulas)) { error in
            XCTAssertEqual(error as? RenderError, .rendererExited(status: 5, stderr: ""), "\(error)")
        }
        // The process is still here, and SIGPIPE is as the test left it: the renderer did not
        // switch it off for the whole process.
        let now = signal(SIGPIPE, SIG_DFL)
        XCTAssertEqual(unsafeBitCast(now, to: Int.self), unsafeBitCast(SIG_DFL, to: Int.self), "SIGPIPE's action was changed")
    }
}
