import Foundation
import Synchronization

/// A note's body: the text read by the loader, or, for a note unchanged since the last build
/// (`NoteReads`), the file to read it from when a stage first asks. An edit of one note in
/// 10,000 then opens and reads that one note, and the few others whose pages are made again.
///
/// A body read late must be the one the last build read: its digest is checked against the
/// recorded one. When it is not (the file was changed or removed while the site was being built),
/// the note says so (`changedSinceLoad`) and the build stops before it writes anything, as if
/// the note had been read when the build began.
final class NoteBody: Sendable {
    private struct Deferred: Sendable {
        var path: String
        /// Where the body starts in the file's text (UTF-8 bytes, line endings made LF, no BOM).
        var offset: Int
        var digest: String
    }

    private struct State {
        var text: String?
        /// `CitationKeys.candidates` of the text, when known (from the last build or found here).
        var citationKeys: [String]?
        var changed = false
    }

    private let deferred: Deferred?
    private let state: Mutex<State>

    init(_ text: String) {
        deferred = nil
        state = Mutex(State(text: text))
    }

    /// The body of the file at `path`, from `offset`, read when first needed; `digest` is what
    /// it must hash to, and `citationKeys` what the last read found in it, if it looked.
    init(path: String, offset: Int, digest: String, citationKeys: [String]?) {
        deferred = Deferred(path: path, offset: offset, digest: digest)
        state = Mutex(State(text: nil, citationKeys: citationKeys))
    }

    var text: String {
        if let text = state.withLock({ $0.text }) { return text }
        let (text, matches) = read()
        return state.withLock { state in
            if let known = state.text { return known }
            state.text = text
            state.changed = !matches
            return text
        }
    }

    /// Whether the loader left the body to be read when needed (the note was unchanged).
    var isDeferred: Bool { deferred != nil }

    /// Whether the text is in memory: read by the loader, or read since.
    var isRead: Bool { deferred == nil || state.withLock { $0.text != nil } }

    /// The body read late was not the one the last build read (see above).
    var changedSinceLoad: Bool { state.withLock { $0.changed } }

    /// The `@` keys the body could cite, in order of first appearance: kept from the last build
    /// or found in the text (once).
    var citationKeys: [String] {
        if let keys = state.withLock({ $0.citationKeys }) { return keys }
        let keys = CitationKeys.candidates(in: text)
        state.withLock { $0.citationKeys = keys }
        return keys
    }

    /// The citation keys if they are known without reading or scanning anything, for the next
    /// build's `NoteReads`.
    var knownCitationKeys: [String]? { state.withLock { $0.citationKeys } }

    /// The body as a fresh read of the file gives it, and whether it is the recorded one.
    private func read() -> (String, Bool) {
        guard let deferred, let data = ContentLoader.contents(of: deferred.path),
              var text = String(data: LineEndings.normalized(data), encoding: .utf8) else { return ("", false) }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let utf8 = text.utf8
        guard deferred.offset >= 0, deferred.offset <= utf8.count else { return ("", false) }
        let start = utf8.index(utf8.startIndex, offsetBy: deferred.offset)
        guard start.samePosition(in: text.unicodeScalars) != nil else { return ("", false) }
        let body = String(text[start...])
        return (body, SourceNote.digest(of: body) == deferred.digest)
    }
}

/// The keys a note's `@` could cite, found the way `ReaderPasses.citingPages` finds them
/// (`CitationPass.key` after each `@` character), before any bibliography is known: the pages
/// citing a key are these keys filtered by the bibliography, in the same order. A key never
/// contains `@`, so skipping past a key (as the scan does for one in the bibliography) or past
/// its `@` alone (for one that is not) visits the same `@`s.
enum CitationKeys {
    static func candidates(in text: String) -> [String] {
        guard ByteSearch.contains(UInt8(ascii: "@"), in: text) else { return [] }
        var keys: [String] = []
        var seen: Set<String> = []
        var index = text.startIndex
        while let at = text[index...].firstIndex(of: "@") {
            let next = text.index(after: at)
            if let (key, end) = CitationPass.key(in: text, from: next) {
                if seen.insert(key).inserted { keys.append(key) }
                index = end
            } else {
                index = next
            }
        }
        return keys
    }
}
