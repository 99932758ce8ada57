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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func trimmed(_ line: Substring) -> Substring {
            line.last == "\r" ? line.dropLast() : line
        }
        guard let first = lines.first, trimmed(first) == "---" else {
            let hint = text.isEmpty ? "the file is empty; " : ""
            return .failure(.error("lossbook.front-matter.missing", at: SourceLocation(path: path, line: 1, column: 1),
                                   "\(hint)a note must start with front matter: a line '---', then 'title: …', then a line '---'"))
        }
        guard let close = lines.indices.dropFirst().first(where: { trimmed(lines[$0]) == "---" || trimmed(lines[$0]) == "..." }) else {
            return .failure(.error("lossbook.front-matter.unclosed", at: SourceLocation(path: path, line: 1, column: 1),
                                   "front matter opened here is never closed; end it with a line '---'"))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return .success(Split(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: close + 2))
    }

    /// Reads title, description, order and draft; unknown fields are warnings (they may be meant
    /// for another tool), wrong types are errors.
    public static func read(_ split: Split, path: String) -> (FrontMatter?, [Diagnostic]) {
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
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            fields.error("lossbook.front-matter.empty-title", at: value.position, "the title in front matter is empty")
        }
        guard let title, !fields.hasErrors else { return (nil, fields.diagnostics) }
        return (FrontMatter(title: title, description: description, order: order, draft: draft), fields.diagnostics)
    }
}
