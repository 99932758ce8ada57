/// Inline computed values: a code span that starts with `=` holds a YAML flow mapping, e.g.
/// `` `={loss: mse, args: {input: [3], target: [0]}}` ``, and is replaced by the number.
struct InlineValuePass: TreePass {
    let path: String
    let cache: ComputeCache
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, cache: ComputeCache = ComputeCache(directory: nil)) {
        self.path = path
        self.cache = cache
    }

    mutating func visit(inline: Inline) -> [Inline]? {
        guard case .code(let code, let at) = inline, code.hasPrefix("=") else { return nil }
        var problems: [Diagnostic] = []
        let text = cache.value(for: cache.key("value", code)) {
            let result = compute(String(code.dropFirst()), at: at, origin: Self.origin(of: code, in: at), diagnostics: &problems)
            return problems.isEmpty ? result : nil
        }
        diagnostics += problems
        guard let text else { return [inline] }
        var writer = HTMLWriter()
        writer.element("span", ["class": "computed-value", "title": "computed by the engine at build time"], text: text)
        return [.generated(html: writer.html, text: text, at: at)]
    }

    /// The formatted number, or nil with the problems reported.
    /// Where the YAML after `=` starts in the file: a code span's range is its text between the
    /// backticks (cmark-gfm's), so one column past the `=`.
    static func origin(of code: String, in range: SourceRange) -> SourcePosition {
        SourcePosition(line: range.start.line, column: range.start.column + 1)
    }

    /// `at` is the span's text, where problems of the value as a whole are reported; `origin`
    /// is where its YAML starts, from which problems inside it are placed.
    private func compute(_ source: String, at: SourceRange, origin: SourcePosition, diagnostics: inout [Diagnostic]) -> String? {
        switch YAMLReader.parse(source, path: path, origin: origin) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let value):
            var fields = FieldReader(value, path: path, subject: "the inline value")
            var digits = 4
            if case .mapping(let pairs, _) = value, let pair = pairs.first(where: { $0.key == "digits" }),
               let number = FieldReader.number(pair.value) {
                digits = Int(number)
            }
            let computation = Computation.parse(value, fields: &fields)
            diagnostics += fields.diagnostics
            guard let computation, !fields.hasErrors else { return nil }
            switch computation.evaluate(experiments: cache.experiments) {
            case .success(let number) where number.isNaN:
                // "NaN" in the page would look like a result; it is the engine or the expression
                // failing, so the author hears where.
                diagnostics.append(.error(.valueNan, at: SourceLocation(path: path, range: at),
                                          "the inline value comes out NaN (not a number); check its arguments or expression"))
                return nil
            case .success(let number):
                return NumberFormat.format(number, digits: digits)
            case .failure(let error):
                diagnostics.append(.error(.valueCompute, at: SourceLocation(path: path, error.position), error.message))
                return nil
            }
        }
    }
}
