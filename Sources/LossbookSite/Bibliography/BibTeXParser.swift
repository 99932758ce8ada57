/// A BibTeX database as lossbook reads it: entries in file order, each with its lower-cased type,
/// its key, and its fields (lower-cased names → values with `@string` abbreviations expanded and
/// `#` concatenations joined, still in TeX: `BibText` turns them into reader's text).
///
/// The grammar is BibTeX's: text outside an entry is a comment; `@type{key, name = value, …}` or
/// with parentheses; a value is `{…}` (balanced braces), `"…"` (braces inside balanced), a number,
/// or an abbreviation, joined by `#`. `@string{name = value}` defines an abbreviation (the month
/// names `jan`…`dec` are predefined), `@comment` is skipped, `@preamble` is accepted and ignored
/// (lossbook does not typeset with TeX). Every problem is reported at its line and column and
/// parsing goes on with the next entry, so an author sees them all at once.
struct BibTeXParser {
    struct Entry: Hashable, Sendable {
        var type: String
        var key: String
        /// Field names lower-cased, in file order.
        var fields: [(name: String, value: String)]
        var position: SourcePosition

        func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.type == rhs.type && lhs.key == rhs.key && lhs.position == rhs.position
                && lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
        }

        func hash(into hasher: inout Hasher) { hasher.combine(key); hasher.combine(position) }
    }

    /// Bounds on what an author's file may make the parser do.
    struct Limits {
        var bytes = 4 << 20
        var braceDepth = 64
        var entries = 20_000
        var valueBytes = 64 << 10
    }

    let path: String
    let limits: Limits
    private(set) var entries: [Entry] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var strings: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]
    private let bytes: [UInt8]
    private var index = 0
    private var lineStarts: [Int] = [0]

    /// Parses `text`; read `entries` and `diagnostics` afterwards.
    init(_ text: String, path: String, limits: Limits = Limits()) {
        self.path = path
        self.limits = limits
        bytes = Array(text.utf8)
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
        guard bytes.count <= limits.bytes else {
            error(at: 0, "the bibliography is \(bytes.count) bytes long; the limit is \(limits.bytes)")
            return
        }
        parse()
    }

    // MARK: - Entries

    private mutating func parse() {
        var keys: [String: SourcePosition] = [:]
        while let at = bytes[index...].firstIndex(of: UInt8(ascii: "@")) {
            index = at + 1
            skipSpace()
            let type = identifier().lowercased()
            guard !type.isEmpty else {
                error(at: at, "expected an entry type after '@' (such as @article)")
                continue
            }
            skipSpace()
            if type == "comment" {
                // `@comment{…}` skips its balanced braces; a bare @comment, the rest of the line.
                if peek == UInt8(ascii: "{") || peek == UInt8(ascii: "(") { _ = delimited(start: at) } else { skipLine() }
                continue
            }
            guard let open = peek, open == UInt8(ascii: "{") || open == UInt8(ascii: "(") else {
                error(at: index, "expected '{' or '(' after '@\(type)'")
                continue
            }
            let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
            index += 1
            switch type {
            case "preamble":
                _ = value(closing: close)
                skipSpace()
                if !expect(close, "to end the @preamble") { recover() }
            case "string":
                parseString(close: close)
            default:
                if entries.count >= limits.entries {
                    error(at: at, "more than \(limits.entries) entries; the limit is \(limits.entries)")
                    return
                }
                if let entry = parseEntry(type: type, at: at, close: close) {
                    if let first = keys[entry.key] {
                        error(at: at, "duplicate key '\(entry.key)' (first defined at line \(first.line))")
                    } else {
                        keys[entry.key] = entry.position
                        entries.append(entry)
                    }
                }
            }
        }
    }

    private mutating func parseString(close: UInt8) {
        skipSpace()
        let nameStart = index
        let name = identifier().lowercased()
        guard !name.isEmpty else {
            error(at: nameStart, "expected an abbreviation's name in @string")
            recover()
            return
        }
        skipSpace()
        guard expect(UInt8(ascii: "="), "after the abbreviation '\(name)'") else { recover(); return }
        guard let text = value(closing: close) else { recover(); return }
        strings[name] = text
        skipSpace()
        if !expect(close, "to end the @string") { recover() }
    }

    private mutating func parseEntry(type: String, at: Int, close: UInt8) -> Entry? {
        skipSpace()
        let keyStart = index
        while let byte = peek, byte != UInt8(ascii: ","), byte != close, !Self.isSpace(byte) { index += 1 }
        let key = String(decoding: bytes[keyStart..<index], as: UTF8.self)
        guard !key.isEmpty else {
            error(at: keyStart, "the @\(type) entry has no key")
            recover()
            return nil
        }
        guard key.utf8.allSatisfy(Self.isKeyByte) else {
            error(at: keyStart, "the key '\(key)' has characters a citation cannot name; use letters, digits and - _ : .")
            recover()
            return nil
        }
        var entry = Entry(type: type, key: key, fields: [], position: position(of: at))
        while true {
            skipSpace()
            if peek == close { index += 1; return entry }
            guard expect(UInt8(ascii: ","), "between the fields of '\(key)'") else { recover(); return nil }
            skipSpace()
            if peek == close { index += 1; return entry }  // a trailing comma
            let nameStart = index
            let name = identifier().lowercased()
            guard !name.isEmpty else {
                error(at: nameStart, "expected a field name in '\(key)'")
                recover()
                return nil
            }
            skipSpace()
            guard expect(UInt8(ascii: "="), "after the field '\(name)' of '\(key)'") else { recover(); return nil }
            guard let text = value(closing: close) else { recover(); return nil }
            if entry.fields.contains(where: { $0.name == name }) {
                error(at: nameStart, "the field '\(name)' appears twice in '\(key)'")
            } else {
                entry.fields.append((name, text))
            }
        }
    }

    // MARK: - Values

    /// A value: pieces joined by `#`.
    private mutating func value(closing close: UInt8) -> String? {
        var result = ""
        while true {
            skipSpace()
            guard let byte = peek else {
                error(at: index, "the file ends inside a value")
                return nil
            }
            switch byte {
            case UInt8(ascii: "{"):
                guard let text = delimited(start: index) else { return nil }
                result += text
            case UInt8(ascii: "\""):
                guard let text = quoted() else { return nil }
                result += text
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while let digit = peek, Self.isDigit(digit) { index += 1 }
                result += String(decoding: bytes[start..<index], as: UTF8.self)
            default:
                let start = index
                let name = identifier().lowercased()
                guard !name.isEmpty else {
                    error(at: start, "expected a value: {…}, \"…\", a number or an @string abbreviation")
                    return nil
                }
                guard let text = strings[name] else {
                    error(at: start, "unknown abbreviation '\(name)'; define it with @string{\(name) = {…}} before it is used")
                    return nil
                }
                result += text
            }
            guard result.utf8.count <= limits.valueBytes else {
                error(at: index, "a value is longer than \(limits.valueBytes) bytes")
                return nil
            }
            skipSpace()
            guard peek == UInt8(ascii: "#") else { return result }
            index += 1
        }
    }

    /// `{…}` with balanced braces, without its outer braces; the index ends after the closing one.
    private mutating func delimited(start: Int) -> String? {
        let open = bytes[index]
        let close = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
        var depth = 0
        let contentStart = index + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 2; continue }
            if byte == open || (open == UInt8(ascii: "(") && byte == UInt8(ascii: "{")) {
                depth += 1
                if depth > limits.braceDepth {
                    error(at: index, "braces nested more than \(limits.braceDepth) deep")
                    return nil
                }
            } else if byte == close || (open == UInt8(ascii: "(") && byte == UInt8(ascii: "}")) {
                depth -= 1
                if depth == 0 {
                    index += 1
                    return String(decoding: bytes[contentStart..<(index - 1)], as: UTF8.self)
                }
            }
            index += 1
        }
        error(at: start, "this brace is never closed")
        return nil
    }

    /// `"…"`: braces inside must balance, and a `"` inside braces does not end it.
    private mutating func quoted() -> String? {
        let start = index
        index += 1
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 2; continue }
            if byte == UInt8(ascii: "{") {
                depth += 1
                if depth > limits.braceDepth {
                    error(at: index, "braces nested more than \(limits.braceDepth) deep")
                    return nil
                }
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth < 0 {
                    error(at: index, "a '}' closes a brace that was never opened")
                    return nil
                }
            } else if byte == UInt8(ascii: "\""), depth == 0 {
                index += 1
                return String(decoding: bytes[(start + 1)..<(index - 1)], as: UTF8.self)
            }
            index += 1
        }
        error(at: start, "this quoted value is never closed")
        return nil
    }

    // MARK: - Scanning

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func identifier() -> String {
        let start = index
        while let byte = peek, Self.isIdentifierByte(byte) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while let byte = peek, Self.isSpace(byte) { index += 1 }
    }

    private mutating func skipLine() {
        while let byte = peek, byte != UInt8(ascii: "\n") { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ context: String) -> Bool {
        if peek == byte { index += 1; return true }
        let found = peek.map { "'\(String(decoding: [$0], as: UTF8.self))'" } ?? "the end of the file"
        error(at: index, "expected '\(String(decoding: [byte], as: UTF8.self))' \(context), found \(found)")
        return false
    }

    /// After an error inside an entry: go on from the next line that starts with '@'.
    private mutating func recover() {
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "@"), index == 0 || bytes[index - 1] == UInt8(ascii: "\n") { return }
            index += 1
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "/"): true
        default: false
        }
    }

    /// Characters a key may hold so that `[@key]` can name it in Markdown.
    static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "."): true
        default: false
        }
    }

    // MARK: - Positions

    private func position(of offset: Int) -> SourcePosition {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private mutating func error(at offset: Int, _ message: String) {
        let at = position(of: min(offset, bytes.count))
        diagnostics.append(.error(.bibliographySyntax, at: SourceLocation(path: path, at), message))
    }
}
