import Foundation

/// How an author asks for a table to become labelled cards on narrow screens: a paragraph that
/// is exactly `{.cards}`, right after the table (a blank line between, or cmark-gfm would read it
/// as one more row). The marker is not shown and not indexed; the table gets `class="cards"`
/// and each body cell a `data-label` with its column's heading, which the style sheet shows
/// in front of the cell below 36 rem.
enum TableLayout {
    static let cardsMarker = "{.cards}"
    private static let cardsMarkerBytes = Array(cardsMarker.utf8)

    /// Whether `block` is the `{.cards}` marker paragraph.
    static func isCardsMarker(_ block: Block) -> Bool {
        guard case .paragraph(let content) = block.kind else { return false }
        // Asked of every paragraph when a page is rendered and indexed: a paragraph without the
        // marker's bytes is none, and only one with them is trimmed by Foundation.
        let text = content.plainText
        guard ByteSearch.withUTF8(text, { ByteSearch.find(cardsMarkerBytes, in: $0) != nil }) else { return false }
        return text.trimmingWhitespaces == cardsMarker
    }

    /// Plain text of a cell for labels and `aria-label`s: math as readable Unicode
    /// (`\sigma^2` → `σ^2`), never TeX.
    static func labelText(_ inlines: [Inline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .math(let math): out += readableMath(math.tex)
            case .emphasis(let inner, _), .strong(let inner, _), .strikethrough(let inner, _), .link(_, _, let inner, _): out += labelText(inner)
            default: out += [inline].plainText
            }
        }
        return MathText.collapseSpaces(out)
    }

    /// A formula's opening as readable text, for a name. Only the first 400 characters are read:
    /// a name needs no more, and it bounds the reader's nesting depth on hostile input.
    static func readableMath(_ tex: String) -> String {
        MathText.readable(String(tex.prefix(400)))
    }

    /// At most `limit` characters, cut at a word with an ellipsis.
    static func shortened(_ text: String, limit: Int = 80) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word + "…"
    }
}
