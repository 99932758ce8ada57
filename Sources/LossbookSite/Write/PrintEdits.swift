/// Where a page's HTML must change to become its part of the print page, noted by `HTMLWriter` as
/// it writes: the attribute values that name ids or pages, the markup it did not make itself (which
/// must still be scanned), the folded solutions. With them the part is made by copying the page's
/// bytes and changing only those places, instead of scanning the whole page's markup (most of which
/// is KaTeX's, with tens of thousands of attributes that stay as they are).
struct PrintEdits: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An attribute value (as written, escaped) that may name ids or pages; the attribute's
        /// name as `HTMLIdRewriter` reads it.
        case attribute(String)
        /// Markup the writer was handed (a directive's figure, the author's HTML, highlighted
        /// code): scanned by `HTMLIdRewriter`.
        case markup
        /// `<details class="solution">`: opened in print, where it cannot be unfolded.
        case solution
    }

    struct Edit: Sendable, Equatable {
        /// The bytes of the writer's output that change.
        var range: Range<Int>
        var kind: Kind
    }

    /// In increasing order, none overlapping (the writer only appends).
    private(set) var edits: [Edit] = []
    /// False when the writer wrote something the edits cannot describe (a `<script>` or `<style>`
    /// element, whose content a scan of the page would leave as it is): the part is then cut out
    /// of the page and scanned, as for a page made by an earlier build.
    private(set) var isComplete = true

    mutating func note(_ range: Range<Int>, _ kind: Kind) {
        edits.append(Edit(range: range, kind: kind))
    }

    static let closedSolution = Array("<details class=\"solution\">".utf8)
    static let openSolution = Array("<details class=\"solution\" open>".utf8)

    /// Looks at a start tag just written at `start`: a folded solution is an edit, a raw-text
    /// element or a `<nav>` (which a contents box is cut out by) makes the edits incomplete.
    mutating func noteTag(_ tag: String, _ written: ArraySlice<UInt8>, at start: Int) {
        let length = tag.utf8.count
        guard length >= 3, length <= 7 else { return }  // details, script, style, nav
        switch tag.lowercased() {
        case "details":
            if written.elementsEqual(Self.closedSolution) { note(start..<written.endIndex, .solution) }
        case "script", "style", "nav":
            // A script or style element's content is not scanned; a nav may be a contents box.
            isComplete = false
        default:
            break
        }
    }
}
