/// The YAML header of a note.
public struct FrontMatter: Hashable, Sendable {
    public var title: String
    public var description: String?
    /// Position inside its part; pages without one come after those with one, by file name.
    public var order: Int?
    /// Drafts are left out of the site unless the build asks for them.
    public var draft: Bool

    public init(title: String, description: String? = nil, order: Int? = nil, draft: Bool = false) {
        self.title = title
        self.description = description
        self.order = order
        self.draft = draft
    }
}

/// Splits a note into front matter and body and reads the front matter's fields.
public enum FrontMatterParser {
    public struct Split: Sendable {
        public var yaml: String
        /// File line of the YAML's first line.
        public var yamlFirstLine: Int
        public var body: String
        /// File line of the body's first line.
        public var bodyFirstLine: Int
    }

    /// Finds the `---` … `---` header at the very top of the file.
    public static func split(_ text: String, path: String) -> Result<Split, Diagnostic> {
        // Work on bytes: only whole lines of `---` matter here, and notes can be large.
        let bytes = Array(text.utf8)
        var lineStarts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
        func line(_ index: Int) -> ArraySlice<UInt8> {
            let start = lineStarts[index]
            var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return bytes[start..<end]
        }
        let fence = Array("---".utf8), dots = Array("...".utf8)
        guard line(0).elementsEqual(fence) else {
            let hint = text.isEmpty ? "the file is empty; " : ""
            return .failure(.error(.frontMatterMissing, at: SourceLocation(path: path, line: 1, column: 1),
                                   "\(hint)a note must start with front matter: a line '---', then 'title: …', then a line '---'"))
        }
        guard let close = lineStarts.indices.dropFirst().first(where: { line($0).elementsEqual(fence) || line($0).elementsEqual(dots) }) else {
            return .failure(.error(.frontMatterUnclosed, at: SourceLocation(path: path, line: 1, column: 1),
                                   "front matter opened here is never closed; end it with a line '---'"))
        }
        let yamlEnd = max(lineStarts[1], lineStarts[close] - 1)
        let yaml = String(decoding: bytes[lineStarts[1]..<min(yamlEnd, bytes.count)], as: UTF8.self)
        let bodyStart = close + 1 < lineStarts.count ? lineStarts[close + 1] : bytes.count
        let body = String(decoding: bytes[bodyStart...], as: UTF8.self)
        return .success(Split(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: close + 2))
    }

    /// Reads title, description, order and draft; unknown fields are warnings (they may be meant
    /// for another tool), wrong types are errors.
    public static func read(_ split: Split, path: String) -> (FrontMatter?, [Diagnostic]) {
        guard split.yaml.utf8.count <= Limits.frontMatterBytes else {
            return (nil, [.error(.frontMatterTooLarge, at: SourceLocation(path: path, line: 1, column: 1),
                                 "the front matter is longer than \(Limits.frontMatterBytes / 1024) KB")])
        }
        let parsed = YAMLReader.parse(split.yaml, path: path, origin: SourcePosition(line: split.yamlFirstLine, column: 1))
        let value: YAMLValue
        switch parsed {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let result): value = result
        }
        var fields = FieldReader(value, path: path, subject: "front matter")
        let title = fields.string("title", required: true)
        let description = fields.string("description")
        let order = fields.int("order")
        let draft = fields.bool("draft") ?? false
        fields.rejectUnknownFields(severity: .warning)
        if let title, title.trimmingWhitespaces.isEmpty {
            fields.error(.frontMatterEmptyTitle, at: value.position, "the title in front matter is empty")
        }
        guard let title, !fields.hasErrors else { return (nil, fields.diagnostics) }
        return (FrontMatter(title: title, description: description, order: order, draft: draft), fields.diagnostics)
    }
}
