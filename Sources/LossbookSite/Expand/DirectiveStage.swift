/// A fenced block whose info string names it, with a YAML body: the generator runs it and puts
/// what it computed (a figure, a table, a verdict) in its place.
protocol Directive {
    /// The info string that selects it: `plot`, `loss`, …
    static var name: String { get }
    /// Runs the directive on its parsed body. Problems go to `fields` (with positions); the result
    /// is nil when there were errors.
    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock?
}

/// What a directive may know about where it is.
struct DirectiveContext {
    /// Page-unique ids for generated SVG and HTML (figure ids must not clash on one page).
    var idPrefix: String
}

/// Stage 3: expands directives and inline computed values on one page.
struct DirectiveStage: TreePass {
    static let directives: [any Directive.Type] = DirectiveRegistry.all

    let path: String
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var figures = 0
    private var count = 0

    init(path: String) {
        self.path = path
    }

    static var names: [String] { directives.map { $0.name } }

    mutating func visit(block: Block) -> [Block]? {
        guard case .codeBlock(let info, let body) = block.kind else { return nil }
        let words = info.split(separator: " ")
        guard words.count == 1, let word = words.first.map(String.init) else { return [block] }
        guard let directive = Self.directives.first(where: { $0.name == word }) else {
            if !HighlightLanguages.isKnown(word), let suggestion = Spelling.closest(to: word, among: Self.names) {
                diagnostics.append(.error("lossbook.directive.unknown",
                                          at: SourceLocation(path: path, line: block.position.line, column: block.position.column),
                                          "unknown directive '\(word)' (did you mean '\(suggestion)'?); directives are \(Self.names.joined(separator: ", "))"))
            }
            return [block]
        }
        count += 1
        // The body starts on the line after the opening fence.
        let origin = SourcePosition(line: block.position.line + 1, column: 1)
        let parsed = YAMLReader.parse(body, path: path, origin: origin)
        let value: YAMLValue
        switch parsed {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return [block]
        case .success(let result):
            value = result
        }
        var fields = FieldReader(value, path: path, subject: "the \(word) directive")
        let output = directive.run(&fields, context: DirectiveContext(idPrefix: "\(word)\(count)"))
        fields.rejectUnknownFields()
        diagnostics += fields.diagnostics
        guard let output, !fields.hasErrors else { return [block] }
        if output.label != nil || word == "plot" || word == "experiment" { figures += 1 }
        return [Block(.generated(output), at: block.position)]
    }
}

/// Languages that code blocks may name without being mistaken for a misspelt directive.
enum HighlightLanguages {
    static let known: Set<String> = ["swift", "python", "py", "json", "bash", "sh", "shell", "text", "plain",
                                     "plaintext", "yaml", "yml", "markdown", "md", "tex", "latex", "c", "cpp",
                                     "javascript", "js", "html", "css", "console", "diff", "toml"]

    static func isKnown(_ language: String) -> Bool {
        known.contains(language.lowercased())
    }
}
