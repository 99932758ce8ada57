import Foundation
import XCTest
@testable import LossbookSite

/// A note unchanged since the last build is not opened by the loader: its body is read when a
/// stage asks for it, and must then be what the last build read; the `@` keys it could cite are
/// kept between builds, so that the references page needs no note's text.
final class NoteBodyTests: XCTestCase {
    private var root: URL!
    private var content: URL { root.appendingPathComponent("content") }
    private var cache: URL { root.appendingPathComponent("cache") }
    private var loader: ContentLoader { ContentLoader(contentDirectory: content, displayPrefix: "content") }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("note-body-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("1-a"), withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: content.appendingPathComponent(path))
    }

    /// A load whose reads are dated long after the files' last change, so that the next load trusts them.
    private func settledLoad(reusing previous: NoteReads? = nil) -> (LoadedContent, [Diagnostic], NoteReads) {
        var (content, problems, reads) = loader.load(reusing: previous)
        reads.started += 2 * NoteReads.granularity
        return (content, problems, reads)
    }

    func testAnUnchangedNoteIsNotReadUntilItsBodyIsAskedAndThenIsWhatAFullReadGives() throws {
        let texts = ["1-a/a.md": "---\ntitle: A\n---\r\nBody of a, é,\r\nwith CRLF.\r\n",
                     "b.md": "\u{FEFF}---\ntitle: B\n---\nBody of b, @smith2020 and @eq-one.\n"]
        for (path, text) in texts { try write(path, text) }
        let (fresh, freshProblems, reads) = settledLoad()
        XCTAssertTrue(fresh.notes.allSatisfy { $0.text.isRead }, "a first load reads every note")
        let (second, secondProblems, _) = settledLoad(reusing: reads)
        XCTAssertEqual(second.notes.map(\.relativePath), ["1-a/a.md", "b.md"])
        XCTAssertTrue(second.notes.allSatisfy { !$0.text.isRead }, "an unchanged note is not read by the loader")
        XCTAssertEqual(secondProblems, freshProblems)
        for (late, full) in zip(second.notes, fresh.notes) {
            XCTAssertEqual(late.bodyDigest, full.bodyDigest)
            XCTAssertEqual(late.body, full.body, "read when asked: the same text as a full read")
            XCTAssertTrue(late.text.isRead)
            XCTAssertFalse(late.changedSinceLoad)
            XCTAssertEqual(late, full)
        }
    }

    func testABodyChangedAfterTheLoadIsFlaggedNotUsedSilently() throws {
        try write("a.md", "---\ntitle: A\n---\nOne.\n")
        try write("b.md", "---\ntitle: B\n---\nTwo.\n")
        let (_, _, reads) = settledLoad()
        let (second, _, _) = settledLoad(reusing: reads)
        // Changed (and one removed) after the load looked at them, before a stage read them.
        try write("a.md", "---\ntitle: A\n---\nOne, changed.\n")
        try FileManager.default.removeItem(at: content.appendingPathComponent("b.md"))
        XCTAssertTrue(second.notes[0].changedSinceLoad == false, "not known before the body is read")
        _ = second.notes[0].body
        _ = second.notes[1].body
        XCTAssertTrue(second.notes[0].changedSinceLoad)
        XCTAssertTrue(second.notes[1].changedSinceLoad)

        var context = BuildContext(options: BuildOptions(contentDirectory: content, templatesDirectory: root, outputDirectory: root,
                                                         cacheDirectory: nil), writer: nil)
        context.notes = second.notes
        XCTAssertThrowsError(try context.stopIfNotesChanged()) { error in
            let failure = error as? BuildFailure
            XCTAssertEqual(failure?.diagnostics.map(\.location?.path), ["content/a.md", "content/b.md"])
            XCTAssertEqual(failure?.diagnostics.map(\.id), [.contentUnreadable, .contentUnreadable])
        }
        context.notes = settledLoad().0.notes
        XCTAssertNoThrow(try context.stopIfNotesChanged())
    }

    func testChangedDeletedAndRenamedNotesAreReadAfresh() throws {
        try write("a.md", "---\ntitle: A\n---\nOne.\n")
        try write("b.md", "---\ntitle: B\n---\nTwo.\n")
        try write("c.md", "---\ntitle: C\n---\nThree.\n")
        let (_, _, reads) = settledLoad()
        try write("a.md", "---\ntitle: A\n---\nOne, edited.\n")
        try FileManager.default.removeItem(at: content.appendingPathComponent("b.md"))
        try FileManager.default.moveItem(at: content.appendingPathComponent("c.md"), to: content.appendingPathComponent("d.md"))
        let (loaded, _, next) = settledLoad(reusing: reads)
        XCTAssertEqual(loaded.notes.map(\.relativePath), ["a.md", "d.md"])
        XCTAssertTrue(loaded.notes.allSatisfy { $0.text.isRead }, "an edited and a renamed note are read by the loader")
        XCTAssertEqual(loaded.notes.map(\.body), ["One, edited.\n", "Three.\n"])
        XCTAssertEqual(Set(next.entries.keys), ["a.md", "d.md"], "the deleted and the old name are forgotten")
    }

    func testCitationKeysAreKeptBetweenBuildsAndFoundAgainWhenANoteChanges() throws {
        try write("a.md", "---\ntitle: A\n---\nAs @smith2020 shows, and @jones-1999. again @smith2020; mail a@b.c; @eq-x.\n")
        try write("b.md", "---\ntitle: B\n---\nNo citation.\n")
        let (first, _, reads) = settledLoad()
        XCTAssertNil(reads.entries["a.md"]?.citationKeys, "not looked for by the load")
        XCTAssertEqual(first.notes[0].citationKeys, ["smith2020", "jones-1999", "b.c", "eq-x"])
        XCTAssertEqual(first.notes[1].citationKeys, [])

        var recorded = reads
        for note in first.notes { recorded.entries[note.relativePath]?.citationKeys = note.text.knownCitationKeys }
        recorded = try NoteReads(framed: recorded.framed())
        XCTAssertEqual(recorded.entries["a.md"]?.citationKeys, ["smith2020", "jones-1999", "b.c", "eq-x"], "saved and loaded")
        let (second, _, _) = settledLoad(reusing: recorded)
        XCTAssertEqual(second.notes[0].citationKeys, first.notes[0].citationKeys)
        XCTAssertFalse(second.notes[0].text.isRead, "the kept keys need no read of the note")

        // What is recorded is used (shown by a key the text does not have) while the note is unchanged…
        recorded.entries["a.md"]?.citationKeys = ["recorded"]
        XCTAssertEqual(settledLoad(reusing: recorded).0.notes[0].citationKeys, ["recorded"])
        // …and a note whose `@`s changed is read and scanned again.
        try write("a.md", "---\ntitle: A\n---\nNow @doe2001 only.\n")
        let (third, _, _) = settledLoad(reusing: recorded)
        XCTAssertEqual(third.notes[0].citationKeys, ["doe2001"])
    }

    func testTheCitingPagesFromKeptKeysAreThoseOfTheText() throws {
        let bib = Bibliography.parse("@article{smith2020, title = {T}, author = {Smith, A}, year = {2020}}\n@book{doe2001, title = {U}, author = {Doe, B}, year = {2001}}\n", displayPath: "content/references.bib").0
        try write("a.md", "---\ntitle: A\n---\nAs @doe2001 and @smith2020 show; @unknown.\n")
        try write("b.md", "---\ntitle: B\n---\nSee @smith2020.\n")
        let (first, _, reads) = settledLoad()
        var recorded = reads
        for note in first.notes { recorded.entries[note.relativePath]?.citationKeys = note.citationKeys }
        let kept = settledLoad(reusing: recorded).0.notes
        let fromText = first.notes.map {
            SourceNote(relativePath: $0.relativePath, displayPath: $0.displayPath, frontMatter: $0.frontMatter, body: $0.body, bodyFirstLine: $0.bodyFirstLine)
        }
        let expected = ReaderPasses.citingPages(fromText, bibliography: bib)
        XCTAssertEqual(expected["smith2020"]?.map(\.outputPath), ["a.html", "b.html"])
        XCTAssertEqual(expected["doe2001"]?.map(\.outputPath), ["a.html"])
        XCTAssertNil(expected["unknown"])
        let fromKept = ReaderPasses.citingPages(kept, bibliography: bib)
        XCTAssertEqual(fromKept.mapValues { $0.map(\.outputPath) }, expected.mapValues { $0.map(\.outputPath) })
        XCTAssertTrue(kept.allSatisfy { !$0.text.isRead })
    }
}

/// The notes an edit changed are told apart from those merely read again, so that the parse
/// stage can parse them (and send their formulas to node) before anything else.
final class EditedNotesTests: XCTestCase {
    func testEditedNotesAreThoseWhoseBodyChangedOrThatAreNew() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("edited-notes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        func write(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: content.appendingPathComponent(path)) }
        for name in ["a", "b", "c", "d"] { try write("\(name).md", "---\ntitle: \(name)\n---\nBody \(name).\n") }
        let loader = ContentLoader(contentDirectory: content, displayPrefix: "content")
        var reads = loader.load(reusing: nil).2
        reads.started += 2 * NoteReads.granularity
        try write("a.md", "---\ntitle: a\n---\nBody a, edited.\n")
        try write("b.md", "---\ntitle: b, retitled\n---\nBody b.\n")
        try FileManager.default.moveItem(at: content.appendingPathComponent("c.md"), to: content.appendingPathComponent("e.md"))
        let notes = loader.load(reusing: reads).0.notes
        XCTAssertEqual(notes.map(\.relativePath), ["a.md", "b.md", "d.md", "e.md"])
        // b is read again (its file changed) but its body did not: its summary still holds.
        XCTAssertEqual(reads.edited(notes), ["a.md", "e.md"])
        XCTAssertEqual(reads.edited(loader.load(reusing: nil).0.notes), ["a.md", "e.md"], "nothing deferred: compared by digest")
    }
}
