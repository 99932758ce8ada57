import Foundation
import XCTest
@testable import LossbookSite

/// The build stamp's walk of the content folder is the one the loader lists notes from: the same
/// files (hidden ones and folders left out, links to files kept), in the same order, as the
/// loader's own walk.
final class ContentWalkTests: XCTestCase {
    func testTheStampsWalkListsWhatTheLoadersWalkDoes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("content-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        let manager = FileManager.default
        for folder in ["a", "a-b", "a/c", ".hidden", "a/.git"] {
            try manager.createDirectory(at: content.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["index.md", "a/one.md", "a/c/two.md", "a-b/three.md", "a.md", ".hidden/no.md", "a/.git/no.md", ".dot.md", "a/pic.png"] {
            try Data("---\ntitle: T\n---\nx\n".utf8).write(to: content.appendingPathComponent(file))
        }
        try manager.createSymbolicLink(atPath: content.appendingPathComponent("link.md").path, withDestinationPath: "a/one.md")
        try manager.createSymbolicLink(atPath: content.appendingPathComponent("folder-link").path, withDestinationPath: "a")
        try manager.createSymbolicLink(atPath: content.appendingPathComponent("nowhere.md").path, withDestinationPath: "missing.md")

        var options = BuildOptions(contentDirectory: content, templatesDirectory: root.appendingPathComponent("templates"),
                                   outputDirectory: root.appendingPathComponent("site"), cacheDirectory: nil)
        options.course = CourseConfig()
        var walked: [(path: String, info: stat)] = []
        let signature = BuildStamp.inputSignature(of: options, contentFiles: &walked)
        XCTAssertEqual(signature, BuildStamp.inputSignature(of: options), "collecting does not change the signature")
        XCTAssertTrue(walked.contains { $0.path == ".hidden/no.md" }, "the walk itself sees everything")

        let loader = ContentLoader(contentDirectory: content, displayPrefix: "content")
        let fromWalk = loader.files(in: walked)
        let (ownContent, ownProblems) = loader.load()
        let (sharedContent, sharedProblems, _) = loader.load(reusing: nil, walked: walked)
        XCTAssertEqual(fromWalk.map(\.path), ["a-b/three.md", "a.md", "a/c/two.md", "a/one.md", "a/pic.png", "index.md", "link.md"])
        XCTAssertEqual(sharedContent.notes, ownContent.notes)
        XCTAssertEqual(sharedContent.assets, ownContent.assets)
        XCTAssertEqual(sharedProblems, ownProblems)
        for (entry, (_, info)) in zip(fromWalk, walked.filter { entry in fromWalk.contains { $0.path == entry.path } }.sorted { $0.path < $1.path }) {
            XCTAssertEqual(entry.info.st_ino, info.st_ino)
        }
    }

    func testControlCharactersAreFoundInTheBytesAsUnicodeCategoriesFindThem() {
        var names = ["plain.md", "é/ü.md", "日本/語.md", "emoji-🙂.md", "a\u{85}b.md", "a\u{9F}.md", "a\u{A0}.md", "a\u{7F}.md",
                     "tab\t.md", "new\nline.md", "\u{0}", "a\u{80}", "\u{C2}\u{A9}", "\u{100}\u{180}\u{2028}"]
        for value in 0..<0x300 { if let scalar = Unicode.Scalar(value) { names.append("x\(Character(scalar))y") } }
        for name in names {
            let expected = name.unicodeScalars.contains { $0.properties.generalCategory == .control }
            XCTAssertEqual(ContentLoader.hasControlCharacter(name), expected, name.debugDescription)
        }
    }
}
