import Foundation
import XCTest
@testable import LossbookSite

/// The loader takes an unchanged note's front matter, body start and digest from the last
/// build's reads only when the file's signature is the same and was taken long enough after the
/// file's last change; an edit within one tick of the file system's clock (same size, same
/// times) is still read.
final class NoteReadsTests: XCTestCase {
    private var root: URL!
    private var content: URL { root.appendingPathComponent("content") }
    private var cache: URL { root.appendingPathComponent("cache") }
    private var loader: ContentLoader { ContentLoader(contentDirectory: content, displayPrefix: "content") }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("note-reads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("1-a"), withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: content.appendingPathComponent(path))
    }

    private func signature(_ path: String) throws -> NoteReads.Signature {
        var info = stat()
        XCTAssertEqual(lstat(content.appendingPathComponent(path).path, &info), 0)
        return NoteReads.Signature(info)
    }

    /// The reads of a load, dated `later` nanoseconds after it really happened.
    private func load(reusing previous: NoteReads? = nil, later: Int64 = 0) -> (LoadedContent, [Diagnostic], NoteReads) {
        var (content, problems, reads) = loader.load(reusing: previous)
        reads.started += later
        return (content, problems, reads)
    }

    func testTheSignatureMustBeTheSameAndOlderThanTheReadByMoreThanTheGranularity() {
        let started: Int64 = 1_000_000_000_000_000_000
        let old = NoteReads.Signature(device: 1, inode: 2, size: 3, modified: started - 10_000_000_000, changed: started - 9_000_000_000)
        XCTAssertTrue(NoteReads.trusts(old, now: old, takenBy: started))
        for changed in [\NoteReads.Signature.device, \.inode, \.size] {
            var other = old
            other[keyPath: changed] += 1
            XCTAssertFalse(NoteReads.trusts(old, now: other, takenBy: started))
        }
        for changed in [\NoteReads.Signature.modified, \.changed] {
            var other = old
            other[keyPath: changed] += 1
            XCTAssertFalse(NoteReads.trusts(old, now: other, takenBy: started), "a nanosecond later is a change")
            var recent = old
            recent[keyPath: changed] = started - NoteReads.granularity + 1
            XCTAssertFalse(NoteReads.trusts(recent, now: recent, takenBy: started), "within a tick of the read: not vouched for")
            recent[keyPath: changed] = started + 5
            XCTAssertFalse(NoteReads.trusts(recent, now: recent, takenBy: started), "after the read started (a clock behind)")
        }
    }

    func testAnUnchangedNoteIsTakenFromTheReadsWithItsWarnings() throws {
        try write("1-a/a.md", "---\ntitle: A\nunknown: x\n---\nThe body of a, é.\n")
        try write("b.md", "---\ntitle: B\ndraft: true\n---\nDraft.\n")
        let (first, firstProblems, reads) = load(later: 2 * NoteReads.granularity)
        XCTAssertEqual(reads.entries.count, 2)
        XCTAssertEqual(first.notes.map(\.relativePath), ["1-a/a.md"], "the draft is read, but left out")
        XCTAssertEqual(firstProblems.map(\.id), [.fieldUnknown])

        // What is recorded is used, not the file's front matter: the title shows which.
        var told = reads
        told.entries["1-a/a.md"]?.frontMatter.title = "From the reads"
        let (second, secondProblems, next) = load(reusing: told)
        let note = try XCTUnwrap(second.notes.first)
        XCTAssertEqual(note.frontMatter.title, "From the reads")
        XCTAssertEqual(note.body, first.notes[0].body)
        XCTAssertEqual(note.bodyFirstLine, 5)
        XCTAssertEqual(note.bodyDigest, SourceNote.digest(of: note.body))
        XCTAssertEqual(secondProblems, firstProblems, "its warnings are reported again")
        XCTAssertEqual(second.notes.count, 1, "the draft is still left out")
        XCTAssertEqual(next.entries["1-a/a.md"]?.frontMatter.title, "From the reads", "kept for the build after")

        // Saved and loaded, the reads are the same; for another content folder or naming, none.
        reads.save(to: cache)
        let loaded = try XCTUnwrap(NoteReads.load(from: cache, content: content, displayPrefix: "content"))
        XCTAssertEqual(loaded.framed(), reads.framed())
        XCTAssertEqual(loaded.entries["1-a/a.md"]?.diagnostics, firstProblems)
        XCTAssertNil(NoteReads.load(from: cache, content: content, displayPrefix: "notes"))
        XCTAssertNil(NoteReads.load(from: cache, content: root, displayPrefix: "content"))
    }

    func testAnEditWithinOneTickOfTheLastReadIsRead() throws {
        try write("a.md", "---\ntitle: A\n---\nOne.\n")
        let (_, _, reads) = load()
        // Same size, and (as when the clock has not ticked) the same signature as recorded.
        try write("a.md", "---\ntitle: B\n---\nTwo.\n")
        var sameSignature = reads
        sameSignature.entries["a.md"]?.signature = try signature("a.md")
        let (content, _, next) = load(reusing: sameSignature)
        XCTAssertEqual(content.notes.first?.frontMatter.title, "B")
        XCTAssertEqual(content.notes.first?.body, "Two.\n")
        XCTAssertEqual(next.entries["a.md"]?.frontMatter.title, "B")
        // Dated long after the file's change, the same signature is trusted.
        sameSignature.started += 2 * NoteReads.granularity
        XCTAssertEqual(load(reusing: sameSignature).0.notes.first?.frontMatter.title, "A")
    }

    func testAnEditedNoteIsReadAgain() throws {
        try write("a.md", "---\ntitle: A\n---\nOne.\n")
        try write("b.md", "---\ntitle: B\n---\nOne.\n")
        let (_, _, reads) = load(later: 2 * NoteReads.granularity)
        try write("a.md", "---\ntitle: A, edited\n---\nOne more.\n")
        let (content, _, _) = load(reusing: reads)
        XCTAssertEqual(content.notes.map(\.frontMatter.title), ["A, edited", "B"])
        XCTAssertEqual(content.notes[0].bodyDigest, SourceNote.digest(of: "One more.\n"))
    }

    func testACutShortOrChangedReadsFileIsNotUsed() throws {
        try write("a.md", "---\ntitle: A\n---\nOne.\n")
        load().2.save(to: cache)
        let file = cache.appendingPathComponent(NoteReads.fileName)
        let whole = try Data(contentsOf: file)
        XCTAssertNotNil(NoteReads.load(from: cache, content: content, displayPrefix: "content"))
        for length in [0, 20, whole.count / 2, whole.count - 1] {
            try whole.prefix(length).write(to: file)
            XCTAssertNil(NoteReads.load(from: cache, content: content, displayPrefix: "content"), "cut to \(length)")
        }
        var changed = whole
        changed[whole.count / 2] ^= 1
        try changed.write(to: file)
        XCTAssertNil(NoteReads.load(from: cache, content: content, displayPrefix: "content"))
    }

    func testABodyDigestFollowsTheBody() {
        var note = SourceNote(relativePath: "a.md", displayPath: "content/a.md", frontMatter: FrontMatter(title: "A"), body: "x", bodyFirstLine: 4)
        XCTAssertEqual(note.bodyDigest, SourceNote.digest(of: "x"))
        note.body = "y"
        XCTAssertEqual(note.bodyDigest, SourceNote.digest(of: "y"))
        XCTAssertNotEqual(SourceNote.digest(of: "x"), SourceNote.digest(of: "y"))
    }
}
