/// Inline computed values: a code span that starts with `=` holds a YAML flow mapping, e.g.
/// `` `={loss: mse, args: {input: [3], target: [0]}}` ``, and is replaced by the number.
struct InlineValuePass: TreePass {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    mutating func visit(inline: Inline) -> [Inline]? {
        guard case .code(let code, let at) = inline, code.hasPrefix("=") else { return nil }
        let source = String(code.dropFirst())
        switch YAMLReader.parse(source, path: path, origin: at) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return [inline]
        case .success(let value):
            var fields = FieldReader(value, path: path, subject: "the inline value")
            var digits = 4
            if case .mapping(let pairs, _) = value, let pair = pairs.first(where: { $0.key == "digits" }),
               let number = FieldReader.number(pair.value) {
                digits = Int(number)
            }
            let computation = Computation.parse(value, fields: &fields)
            diagnostics += fields.diagnostics
            guard let computation, !fields.hasErrors else { return [inline] }
            switch computation.evaluate() {
            case .success(let number):
                let text = NumberFormat.format(number, digits: digits)
                var writer = HTMLWriter()
                writer.element("span", ["class": "computed-value", "title": "computed by the engine at build time"], text: text)
                return [.generated(html: writer.html, text: text)]
            case .failure(let error):
                diagnostics.append(.error("lossbook.value.compute", at: SourceLocation(path: path, line: error.position.line, column: error.position.column), error.message))
                return [inline]
            }
        }
    }
}
