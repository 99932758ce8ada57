import Foundation

/// Stage 3: expands directives and inline computed values on one page.
struct DirectiveStage: TreePass {
    let path: String
    let cache: ComputeCache
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var figures = 0
    private var count = 0

    init(path: String, cache: ComputeCache = ComputeCache(directory: nil)) {
        self.path = path
        self.cache = cache
    }

    mutating func visit(block: Block) -> [Block]? {
        guard case .codeBlock(let info, let body) = block.kind else { return nil }
        let words = info.split(separator: " ")
        guard words.count == 1, let word = words.first.map(String.init) else { return [block] }
        guard let directive = DirectiveRegistry.directive(named: word) else {
            if !HighlightLanguages.isKnown(word), let suggestion = Spelling.closest(to: word, among: DirectiveRegistry.names) {
                diagnostics.append(.error(.directiveUnknown,
                                          at: SourceLocation(path: path, range: block.range),
                                          "unknown directive '\(word)' (did you mean '\(suggestion)'?); directives are \(DirectiveRegistry.names.joined(separator: ", "))"))
            }
            return [block]
        }
        count += 1
        guard body.utf8.count <= Limits.directiveBytes else {
            diagnostics.append(.error(.limitDirective, at: SourceLocation(path: path, range: block.range),
                                      "this \(word) directive is \(body.utf8.count) bytes long; the limit is \(Limits.directiveBytes)"))
            return [block]
        }
        let context = DirectiveContext(idPrefix: "\(word)\(count)", experiments: cache.experiments)
        if directive.drawsFigure { figures += 1 }
        // Positions are not part of the key: moving a block in its page does not recompute it.
        let key = cache.key(word, "\(context.idPrefix)\u{0}\(body)")
        var problems: [Diagnostic] = []
        var fresh: GeneratedBlock?
        let stored = cache.value(for: key) {
            fresh = Self.run(directive, word: word, body: body, at: block.position, path: path, context: context,
                             diagnostics: &problems)
            return fresh.map(StoredBlock.encode)
        }
        diagnostics += problems
        guard let output = fresh ?? stored.flatMap(StoredBlock.decode) else { return [block] }
        return [Block(.generated(output), range: block.range)]
    }

    private static func run(_ directive: any Directive.Type, word: String, body: String, at position: SourcePosition,
                            path: String, context: DirectiveContext, diagnostics: inout [Diagnostic]) -> GeneratedBlock? {
        // The body starts on the line after the opening fence.
        let origin = SourcePosition(line: position.line + 1, column: 1)
        let value: YAMLValue
        switch YAMLReader.parse(body, path: path, origin: origin) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let result):
            value = result
        }
        var fields = FieldReader(value, path: path, subject: "the \(word) directive")
        let output = directive.run(&fields, context: context)
        fields.rejectUnknownFields()
        diagnostics += fields.diagnostics
        // Warnings must reach the author on every build, so a result with any diagnostic is not stored.
        guard let output, fields.diagnostics.isEmpty else { return nil }
        return output
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

/// A generated block as the compute cache stores it: the label's length in UTF-8 bytes (or `-`
/// for none), a space, the label, then the HTML as it is. Plain framing rather than JSON: a
/// figure's SVG is tens of kilobytes, and escaping it only to unescape it cost more than drawing it.
enum StoredBlock {
    static func encode(_ block: GeneratedBlock) -> String {
        guard let label = block.label else { return "- " + block.html }
        return "\(label.utf8.count) " + label + block.html
    }

    static func decode(_ text: String) -> GeneratedBlock? {
        let utf8 = text.utf8
        guard let space = utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let head = String(decoding: utf8[..<space], as: UTF8.self)
        let rest = utf8[utf8.index(after: space)...]
        if head == "-" { return GeneratedBlock(label: nil, number: nil, html: String(decoding: rest, as: UTF8.self)) }
        guard let count = Int(head), count >= 0, count <= rest.count else { return nil }
        let labelEnd = rest.index(rest.startIndex, offsetBy: count)
        return GeneratedBlock(label: String(decoding: rest[..<labelEnd], as: UTF8.self), number: nil,
                              html: String(decoding: rest[labelEnd...], as: UTF8.self))
    }
}
