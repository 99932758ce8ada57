import Foundation
@testable import LossbookSite

/// Checks that every inline node's range, cut out of the note, is the node's own spelling: text
/// that reads as the node's text once escapes, entities and smart punctuation are undone,
/// emphasis between its delimiters, a code span's text between its backticks, and so on. Returns
/// one line per node that fails, empty when all hold.
struct InlineRangeChecker {
    let lines: [[UInt8]]
    let firstLine: Int

    init(_ body: String, firstLine: Int = 1) {
        lines = body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        self.firstLine = firstLine
    }

    /// The note's bytes from `range.start` to `range.end` inclusive (a line's `\n` included when
    /// the range ends on it).
    func slice(_ range: SourceRange) -> String? {
        var bytes: [UInt8] = []
        for line in range.start.line...range.end.line {
            let index = line - firstLine
            guard lines.indices.contains(index) else { return nil }
            let withBreak = lines[index] + (index < lines.count - 1 ? [UInt8(ascii: "\n")] : [])
            let from = line == range.start.line ? range.start.column - 1 : 0
            let to = line == range.end.line ? range.end.column : withBreak.count
            guard from >= 0, from <= to, to <= withBreak.count else { return nil }
            bytes += withBreak[from..<to]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func problems(in blocks: [Block]) -> [String] {
        var found: [String] = []
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block.kind {
                case .paragraph(let inlines), .heading(_, let inlines, _): check(inlines, &found)
                case .blockQuote(let inner), .footnoteDefinition(_, let inner): walk(inner)
                case .list(_, let items): items.forEach { walk($0.content) }
                case .table(let table):
                    table.header.forEach { check($0, &found) }
                    table.rows.forEach { $0.forEach { check($0, &found) } }
                default: break
                }
            }
        }
        walk(blocks)
        return found
    }

    private func check(_ inlines: [Inline], _ found: inout [String]) {
        for inline in inlines {
            let range = inline.range
            guard let slice = slice(range) else {
                found.append("\(inline): range \(range) is outside the note")
                continue
            }
            let ok: Bool
            switch inline {
            case .text(let text, _) where text.isEmpty:
                ok = true  // cmark-gfm leaves empty text beside autolinks; no range can be empty
            case .text(let text, let source):
                ok = Self.normalised(Self.unescaped(slice)) == Self.normalised(text) && source.range.start.line == source.range.end.line
                    && pointsInside(text, source)
            case .softBreak, .lineBreak:
                ok = slice.utf8.last == UInt8(ascii: "\n")
                    && slice.utf8.dropLast().allSatisfy { [0x20, 0x09, 0x5C, 0x0D].contains($0) }
            case .code(let code, _):
                // In a table cell, `\|` is a pipe even in code.
                let flat = slice.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\\|", with: "|")
                ok = flat.contains(code) && !flat.hasPrefix("`") && !flat.hasSuffix("`")
            case .html(let html, _):
                ok = slice.split(separator: "\n").first == html.split(separator: "\n").first
            case .emphasis(let inner, _), .strong(let inner, _):
                let delimiter = inline.isStrong ? 2 : 1
                ok = (slice.hasPrefix(String(repeating: "*", count: delimiter)) && slice.hasSuffix(String(repeating: "*", count: delimiter))
                      || slice.hasPrefix(String(repeating: "_", count: delimiter)) && slice.hasSuffix(String(repeating: "_", count: delimiter)))
                check(inner, &found)
            case .strikethrough(let inner, _):
                ok = slice.hasPrefix("~") && slice.hasSuffix("~")
                check(inner, &found)
            case .link(_, _, let content, _):
                ok = (slice.hasPrefix("[") && (slice.hasSuffix(")") || slice.hasSuffix("]")))
                    || (slice.hasPrefix("<") && slice.hasSuffix(">")) || slice == content.plainText
                check(content, &found)
            case .image(_, _, let alt, _):
                ok = slice.hasPrefix("![") && (slice.hasSuffix(")") || slice.hasSuffix("]"))
                check(alt, &found)
            case .footnoteReference(let name, _):
                ok = slice == "[^\(name)]"
            case .math(let math):
                ok = slice == math.tex
            case .reference, .generated:
                ok = true
            }
            if !ok { found.append("\(inline.withoutRanges) at \(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column) reads \(slice.debugDescription)") }
        }
    }

    /// Every ASCII letter or digit of the text is where `source` says.
    private func pointsInside(_ text: String, _ source: TextSource) -> Bool {
        for (offset, byte) in text.utf8.enumerated() where (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) {
            let position = source.position(ofByte: offset)
            let index = position.line - firstLine
            guard lines.indices.contains(index), lines[index].indices.contains(position.column - 1),
                  lines[index][position.column - 1] == byte else { return false }
        }
        return true
    }

    /// Backslash escapes and the entities the tests write, undone.
    static func unescaped(_ spelling: String) -> String {
        let entities = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&eacute;": "é", "&#233;": "é", "&#xE9;": "é", "&mdash;": "—", "&copy;": "©", "&quot;": "\""]
        var out = ""
        var index = spelling.startIndex
        while index < spelling.endIndex {
            let character = spelling[index]
            let next = spelling.index(after: index)
            if character == "\\", next < spelling.endIndex, let scalar = spelling[next].unicodeScalars.first, scalar.isASCII,
               spelling[next].isPunctuation || spelling[next].isSymbol {
                out.append(spelling[next])
                index = spelling.index(after: next)
                continue
            }
            if character == "&", let entity = entities.keys.first(where: { spelling[index...].hasPrefix($0) }) {
                out += entities[entity]!
                index = spelling.index(index, offsetBy: entity.count)
                continue
            }
            out.append(character)
            index = next
        }
        return out
    }

    /// Smart punctuation as plain: curly quotes straight, dashes as hyphens, the ellipsis as dots.
    static func normalised(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "“", "”": out.append("\"")
            case "‘", "’": out.append("'")
            case "–": out += "--"
            case "—": out += "---"
            case "…": out += "..."
            default: out.append(character)
            }
        }
        return out
    }
}

extension Inline {
    var isStrong: Bool {
        if case .strong = self { true } else { false }
    }
}
