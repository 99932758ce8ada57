/// Finds the formulas of a note before cmark-gfm sees it and swaps each for a placeholder token.
///
/// Unprotected, cmark-gfm mangles TeX (`$x*y*z$` gets emphasis, `\{` loses its backslash, `|`
/// splits table cells, a `$$` block with a `- ` line becomes a list). The extractor knows just
/// enough Markdown to stay out of fenced code and code spans; tokens that still end up in code
/// (indented code, raw HTML) are put back by the parser, so no formula is ever lost.
///
/// Tokens are made of private-use characters, which cmark treats like letters: emphasis and
/// links around a formula work as they do around a word.
struct MathExtractor {
    struct Result {
        /// The note with every formula replaced by a token; same number of lines as the input.
        var protectedSource: String
        /// Formulas by token number.
        var formulas: [Math]
        /// The exact source text each token replaced, for putting it back inside code.
        var originals: [String]
        var diagnostics: [Diagnostic]
    }

    static let inlineOpen: Unicode.Scalar = "\u{E000}"
    static let displayOpen: Unicode.Scalar = "\u{E002}"
    static let close: Unicode.Scalar = "\u{E001}"

    static func token(_ index: Int, display: Bool) -> String {
        "\(Character(display ? displayOpen : inlineOpen))\(index)\(Character(close))"
    }

    let path: String
    /// The file line of the first line of `source` (front matter comes before it).
    let firstLine: Int
    /// `\(…\)` and `\[…\]` are math too; otherwise they are CommonMark's backslash escapes.
    var brackets = false

    init(path: String, firstLine: Int, brackets: Bool = false) {
        self.path = path
        self.firstLine = firstLine
        self.brackets = brackets
    }

    func extract(_ source: String) -> Result {
        var source = source
        return source.withUTF8 { extract(bytes: $0) }
    }

    /// The note read as bytes and written into one buffer: splitting it into Characters would
    /// cost grapheme breaking on every byte, and a String and an array a line (then joining
    /// them) cost more than the scan itself.
    private func extract(bytes source: Bytes) -> Result {
        var state = ScanState(path: path)
        let lines = ByteSearch.lineRanges(in: source).map { Bytes(rebasing: source[$0]) }
        var out: [UInt8] = []
        out.reserveCapacity(source.count + 64)
        var index = 0
        while index < lines.count {
            if index > 0 { out.append(UInt8(ascii: "\n")) }
            let line = lines[index]
            let fileLine = firstLine + index
            let prefixEnd = Self.containerPrefixEnd(line)
            let content = Bytes(rebasing: line[prefixEnd...])

            if let fence = state.fence {
                if Self.closesFence(content, fence) { state.fence = nil }
                out.append(contentsOf: line)
                index += 1
                continue
            }
            if let fence = Self.opensFence(content) {
                state.fence = fence
                out.append(contentsOf: line)
                index += 1
                continue
            }
            if let opener = Self.displayOpener(content, brackets: brackets) {
                let consumed = scanDisplay(lines: lines, from: index, prefixEnd: prefixEnd,
                                           opener: opener, state: &state, output: &out)
                index += consumed
                continue
            }
            out.append(contentsOf: line[..<prefixEnd])
            scanInline(content, line: fileLine, column: prefixEnd + 1, state: &state, into: &out)
            index += 1
        }
        return Result(protectedSource: String(decoding: out, as: UTF8.self), formulas: state.formulas,
                      originals: state.originals, diagnostics: state.diagnostics)
    }

    private typealias Bytes = UnsafeBufferPointer<UInt8>

    // MARK: - Display math

    private enum DisplayDelimiter {
        case dollars, brackets

        var open: [UInt8] { self == .dollars ? Array("$$".utf8) : Array("\\[".utf8) }
        var close: [UInt8] { self == .dollars ? Array("$$".utf8) : Array("\\]".utf8) }
    }

    /// `$$` or `\[` at the start of a line's content (after up to three spaces).
    private static func displayOpener(_ content: Bytes, brackets: Bool) -> (DisplayDelimiter, Int)? {
        var start = 0
        while start < content.count, start < 4, content[start] == UInt8(ascii: " ") { start += 1 }
        guard start < 4 else { return nil }
        for delimiter in brackets ? [DisplayDelimiter.dollars, .brackets] : [.dollars] where content[start...].starts(with: delimiter.open) {
            return (delimiter, start)
        }
        return nil
    }

    /// Reads one display formula from its opening line to its closing delimiter, writes a token on
    /// the first line and keeps the rest of its lines as (empty) container lines. Returns lines consumed.
    private func scanDisplay(lines: [Bytes], from first: Int, prefixEnd: Int,
                             opener: (DisplayDelimiter, Int), state: inout ScanState,
                             output: inout [UInt8]) -> Int {
        let (delimiter, start) = opener
        let firstBytes = lines[first]
        let texStartColumn = prefixEnd + start + delimiter.open.count + 1
        var tex: [UInt8] = []
        var index = first
        var bodyStart = prefixEnd + start + delimiter.open.count
        // The TeX's last byte so far; an empty formula ends where it starts.
        var texEnd = SourcePosition(line: firstLine + first, column: texStartColumn)
        while index < lines.count {
            let bytes = lines[index]
            let lineStart = index == first ? bodyStart : Self.containerPrefixEnd(bytes)
            let body = Bytes(rebasing: bytes[min(lineStart, bytes.count)...])
            if let (closeAt, label, labelOK) = Self.findDisplayClose(body, delimiter) {
                tex += body[..<closeAt]
                if closeAt > 0 { texEnd = SourcePosition(line: firstLine + index, column: lineStart + closeAt) }
                let position = SourcePosition(line: firstLine + first, column: texStartColumn)
                let source = String(decoding: Array(lines[first...index].joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
                if !labelOK {
                    state.diagnostics.append(.error(
                        .mathBadLabel,
                        at: SourceLocation(path: path, line: firstLine + index, column: lineStart + closeAt + delimiter.close.count + 2),
                        "text after the closing '\(String(decoding: delimiter.close, as: UTF8.self))' must be a label such as {#eq-name}"))
                }
                let texString = String(decoding: tex, as: UTF8.self)
                if texString.allSatisfy(\.isWhitespace) {
                    state.diagnostics.append(.error(
                        .mathEmpty, at: SourceLocation(path: path, line: position.line, column: position.column - delimiter.open.count),
                        "empty display formula"))
                }
                let number = state.add(Math(tex: texString, display: true, range: SourceRange(start: position, end: texEnd), label: label),
                                       original: source)
                output.append(contentsOf: firstBytes[..<prefixEnd])
                Self.appendToken(number, display: true, to: &output)
                for later in lines.indices where later > first && later <= index {
                    let laterBytes = lines[later]
                    output.append(UInt8(ascii: "\n"))
                    output.append(contentsOf: laterBytes[..<Self.containerPrefixEnd(laterBytes)])
                }
                return index - first + 1
            }
            tex += body
            // The line ending is not part of the TeX's range (cmark's ends leave it out too).
            let visible = body.last == UInt8(ascii: "\r") ? body.count - 1 : body.count
            if visible > 0 { texEnd = SourcePosition(line: firstLine + index, column: lineStart + visible) }
            tex.append(UInt8(ascii: "\n"))
            index += 1
            bodyStart = 0
        }
        state.diagnostics.append(.error(
            .mathUnclosedDisplay,
            at: SourceLocation(path: path, line: firstLine + first, column: prefixEnd + start + 1),
            "display math opened with '\(String(decoding: delimiter.open, as: UTF8.self))' is never closed; end it with '\(String(decoding: delimiter.close, as: UTF8.self))' at the end of a line"))
        // Keep the text as it was so the rest of the page still parses.
        for (offset, line) in lines[first...].enumerated() {
            if offset > 0 { output.append(UInt8(ascii: "\n")) }
            output.append(contentsOf: line)
        }
        return lines.count - first
    }

    /// Finds the closing delimiter at the end of a line, optionally followed by `{#label}`.
    /// Returns the offset of the delimiter, the label, and whether what follows it is acceptable.
    private static func findDisplayClose(_ body: Bytes, _ delimiter: DisplayDelimiter) -> (Int, String?, Bool)? {
        var searchFrom = 0
        while let at = firstIndex(of: delimiter.close, in: body, from: searchFrom) {
            if delimiter == .dollars, at > 0, body[at - 1] == UInt8(ascii: "\\") {
                searchFrom = at + 1
                continue
            }
            // A `\r` ending the line (a note saved with CRLF) is the line's end, not text after the delimiter.
            var after = body[(at + delimiter.close.count)...]
            if after.last == UInt8(ascii: "\r") { after = after.dropLast() }
            let rest = String(decoding: after, as: UTF8.self).trimmingWhitespaces
            if rest.isEmpty { return (at, nil, true) }
            if rest.hasPrefix("{#"), rest.hasSuffix("}") {
                let label = String(rest.dropFirst(2).dropLast())
                let valid = !label.isEmpty && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" }
                return (at, valid ? label : nil, valid)
            }
            if rest.hasPrefix("{") { return (at, nil, false) }
            searchFrom = at + delimiter.close.count
        }
        return nil
    }

    // MARK: - Inline math

    /// Appends `content` to `out` with each inline formula swapped for its token. Text between
    /// the bytes that can start something (`\\`, a backtick, `$`) is copied in runs.
    private func scanInline(_ content: Bytes, line: Int, column: Int, state: inout ScanState, into out: inout [UInt8]) {
        var i = 0
        let dollar = UInt8(ascii: "$"), backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`")
        while i < content.count {
            var plain = i
            while plain < content.count, content[plain] != dollar, content[plain] != backslash, content[plain] != backtick {
                plain += 1
            }
            if plain > i {
                out.append(contentsOf: content[i..<plain])
                i = plain
                continue
            }
            let byte = content[i]
            if byte == backslash, i + 1 < content.count {
                if brackets, content[i + 1] == UInt8(ascii: "("),
                   let end = Self.firstIndex(of: Array("\\)".utf8), in: content, from: i + 2) {
                    let tex = String(decoding: content[(i + 2)..<end], as: UTF8.self)
                    let math = Math(tex: tex, display: false, range: Self.range(line: line, column: column, from: i + 2, to: end))
                    let number = state.add(math, original: String(decoding: content[i..<(end + 2)], as: UTF8.self))
                    Self.appendToken(number, display: false, to: &out)
                    i = end + 2
                    continue
                }
                // Any other escape (`\$` included) is cmark's to handle.
                out += content[i...(i + 1)]
                i += 2
                continue
            }
            if byte == backtick {
                var run = 0
                while i + run < content.count, content[i + run] == backtick { run += 1 }
                if let end = Self.closingBacktickRun(content, from: i + run, length: run) {
                    out += content[i..<(end + run)]
                    i = end + run
                } else {
                    out += content[i..<(i + run)]
                    i += run
                }
                continue
            }
            if byte == dollar {
                let isDouble = i + 1 < content.count && content[i + 1] == dollar
                if isDouble, let end = Self.firstIndex(of: Array("$$".utf8), in: content, from: i + 2), end > i + 2 {
                    // `$$…$$` in the middle of a line: display math that splits its paragraph.
                    let tex = String(decoding: content[(i + 2)..<end], as: UTF8.self)
                    let math = Math(tex: tex, display: true, range: Self.range(line: line, column: column, from: i + 2, to: end))
                    let number = state.add(math, original: String(decoding: content[i..<(end + 2)], as: UTF8.self))
                    Self.appendToken(number, display: true, to: &out)
                    i = end + 2
                    continue
                }
                if !isDouble, let end = Self.inlineClose(content, openAt: i) {
                    let tex = String(decoding: content[(i + 1)..<end], as: UTF8.self)
                    let math = Math(tex: tex, display: false, range: Self.range(line: line, column: column, from: i + 1, to: end))
                    let number = state.add(math, original: String(decoding: content[i...end], as: UTF8.self))
                    Self.appendToken(number, display: false, to: &out)
                    i = end + 1
                    continue
                }
                if isDouble {
                    out += [dollar, dollar]
                    i += 2
                    continue
                }
            }
            out.append(byte)
            i += 1
        }
    }

    /// `token(index, display:)` as UTF-8.
    private static func appendToken(_ index: Int, display: Bool, to out: inout [UInt8]) {
        var token = token(index, display: display)
        token.withUTF8 { out.append(contentsOf: $0) }
    }

    /// The range of the TeX at content offsets `start..<end` on one line whose content starts at
    /// `column`; an empty TeX is its start.
    private static func range(line: Int, column: Int, from start: Int, to end: Int) -> SourceRange {
        SourceRange(start: SourcePosition(line: line, column: column + start),
                    end: SourcePosition(line: line, column: column + end - 1))
    }

    /// The closing `$` of an inline formula opened at `openAt`, by pandoc's rules: the opener is
    /// followed by a non-space, the closer follows a non-space and is not followed by a digit.
    private static func inlineClose(_ content: Bytes, openAt: Int) -> Int? {
        let first = openAt + 1
        guard first < content.count, !isSpace(content[first]), content[first] != UInt8(ascii: "$") else { return nil }
        var j = first
        while j < content.count {
            let byte = content[j]
            if byte == UInt8(ascii: "\\") { j += 2; continue }
            if byte == UInt8(ascii: "$") {
                let followedByDigit = j + 1 < content.count && isDigit(content[j + 1])
                if !isSpace(content[j - 1]), !followedByDigit { return j }
                if isSpace(content[j - 1]) { return nil }
            }
            j += 1
        }
        return nil
    }

    private static func closingBacktickRun(_ content: Bytes, from start: Int, length: Int) -> Int? {
        var j = start
        while j < content.count {
            if content[j] == UInt8(ascii: "`") {
                var run = 0
                while j + run < content.count, content[j + run] == UInt8(ascii: "`") { run += 1 }
                if run == length { return j }
                j += run
            } else {
                j += 1
            }
        }
        return nil
    }

    // MARK: - Lines and containers

    /// Length of a line's container prefix: block-quote markers and the indentation of list
    /// continuation lines, which must stay in place for cmark to keep a formula in its container.
    private static func containerPrefixEnd(_ line: Bytes) -> Int {
        var i = 0
        while true {
            var j = i
            while j < line.count, isSpace(line[j]) { j += 1 }
            if j < line.count, line[j] == UInt8(ascii: ">"), j - i <= 3 {
                i = j + 1
                if i < line.count, line[i] == UInt8(ascii: " ") { i += 1 }
            } else {
                return j
            }
        }
    }

    private struct Fence { var character: UInt8; var length: Int }

    private static func opensFence(_ content: Bytes) -> Fence? {
        var i = 0
        while i < content.count, content[i] == UInt8(ascii: " ") { i += 1 }
        guard i < content.count, content[i] == UInt8(ascii: "`") || content[i] == UInt8(ascii: "~") else { return nil }
        let character = content[i]
        var length = 0
        while i + length < content.count, content[i + length] == character { length += 1 }
        guard length >= 3 else { return nil }
        if character == UInt8(ascii: "`"), content[(i + length)...].contains(UInt8(ascii: "`")) { return nil }
        return Fence(character: character, length: length)
    }

    private static func closesFence(_ content: Bytes, _ fence: Fence) -> Bool {
        var i = 0
        while i < content.count, content[i] == UInt8(ascii: " ") { i += 1 }
        var length = 0
        while i + length < content.count, content[i + length] == fence.character { length += 1 }
        return length >= fence.length && content[(i + length)...].allSatisfy(isSpace)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: Bytes, from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private struct ScanState {
        let path: String
        var fence: Fence?
        var formulas: [Math] = []
        var originals: [String] = []
        var diagnostics: [Diagnostic] = []

        init(path: String) { self.path = path }

        mutating func add(_ math: Math, original: String) -> Int {
            formulas.append(math)
            originals.append(original)
            return formulas.count - 1
        }
    }
}
