import Foundation
import XCTest
@testable import LossbookSite

/// A cached shared library cut short is recognised, so it is compiled again instead of failing at link time.
final class CompiledLibraryTests: XCTestCase {
    func testTruncatedLibraryIsNotWhole() throws {
        #if os(Linux)
        let original = try XCTUnwrap(["/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/usr/bin/ls"]
            .first { FileManager.default.fileExists(atPath: $0) })
        let data = try Data(contentsOf: URL(fileURLWithPath: original))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("library-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.so")
        try data.write(to: whole)
        XCTAssertTrue(CompiledLibrary.isWhole(whole))
        for length in [0, 10, 64, data.count / 2, data.count - 1] {
            let cut = folder.appendingPathComponent("cut-\(length).so")
            try data.prefix(length).write(to: cut)
            XCTAssertFalse(CompiledLibrary.isWhole(cut), "cut to \(length) bytes")
        }
        let text = folder.appendingPathComponent("text.so")
        try Data(repeating: 0x41, count: 4096).write(to: text)
        XCTAssertFalse(CompiledLibrary.isWhole(text))
        XCTAssertFalse(CompiledLibrary.isWhole(folder.appendingPathComponent("missing.so")))
        #endif
    }
}
