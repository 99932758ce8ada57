import Foundation

/// Stage 4: renders every formula of the course with KaTeX and highlights every code block with
/// highlight.js, in one batch through one long-lived node process, and writes the results into
/// the trees. A formula KaTeX rejects becomes `path:line:col: error:` at the offending character.
struct MathStage {
    let service: RenderService

    struct Page {
        var document: MarkdownDocument
        var displayPath: String
    }

    /// KaTeX's and highlight.js's output for the formulas and code blocks of some pages.
    struct Rendered: Sendable {
        var math: [MathRequest: MathResult] = [:]
        var code: [CodeRequest: String] = [:]
        /// How many formulas the pages hold, each occurrence counted.
        var formulas = 0
    }

    /// Renders every formula and code block of the pages, each once.
    func render(_ pages: [Page]) throws -> Rendered {
        var collector = Collector()
        for page in pages { collector.walk(page.document) }
        let formulas = Array(collector.formulas)
        let code = Array(collector.code)
        let mathResults = try service.renderMath(formulas)
        let codeResults = try service.highlight(code)
        var rendered = Rendered(formulas: collector.occurrences)
        for (request, result) in zip(formulas, mathResults) { rendered.math[request] = result }
        for (request, html) in zip(code, codeResults) { rendered.code[request] = html }
        return rendered
    }

    /// Writes rendered formulas and code into the pages. A formula KaTeX rejected is an error, one
    /// it warned about a warning, each at its place in the source; the diagnostics are per page.
    static func apply(_ rendered: Rendered, to pages: [Page]) -> (documents: [MarkdownDocument], diagnostics: [[Diagnostic]]) {
        var documents: [MarkdownDocument] = []
        var diagnostics: [[Diagnostic]] = []
        for page in pages {
            var applier = Applier(rendered: rendered.math, highlighted: rendered.code, displayPath: page.displayPath)
            documents.append(applier.rewrite(page.document))
            diagnostics.append(applier.diagnostics)
        }
        return (documents, diagnostics)
    }

    /// The formulas and code blocks of a page, each once, in page order.
    static func requests(in document: MarkdownDocument) -> ([MathRequest], [CodeRequest]) {
        var collector = Collector()
        collector.walk(document)
        return (collector.formulas.elements, collector.code.elements)
    }

    static func language(ofInfo info: String) -> String? {
        info.split(separator: " ").first.map(String.init)
    }

    private struct Collector: TreeWalk {
        var formulas: OrderedSet<MathRequest> = []
        var code: OrderedSet<CodeRequest> = []
        var occurrences = 0

        mutating func visit(block: Block) {
            switch block.kind {
            case .displayMath(let math):
                formulas.append(MathRequest(tex: math.tex, display: true))
                occurrences += 1
            case .codeBlock(let info, let text):
                code.append(CodeRequest(code: text, language: MathStage.language(ofInfo: info)))
            case .generated(let generated):
                // Formulas in a directive's captions and labels (see `DirectiveText`).
                for tex in GeneratedBlock.mathMarkers(in: generated.html) {
                    formulas.append(MathRequest(tex: tex, display: false))
                    occurrences += 1
                }
            default:
                break
            }
        }

        mutating func visit(inline: Inline) {
            guard case .math(let math) = inline else { return }
            formulas.append(MathRequest(tex: math.tex, display: math.display))
            occurrences += 1
        }
    }

    private struct Applier: TreePass {
        let rendered: [MathRequest: MathResult]
        let highlighted: [CodeRequest: String]
        let displayPath: String
        var diagnostics: [Diagnostic] = []

        mutating func visit(block: Block) -> [Block]? {
            switch block.kind {
            case .displayMath(var math):
                math.html = html(for: math)
                return [Block(.displayMath(math), range: block.range)]
            case .codeBlock(let info, let text):
                let language = MathStage.language(ofInfo: info)
                guard let html = highlighted[CodeRequest(code: text, language: language)] else { return [block] }
                return [Block(.highlightedCode(language: language, html: html), range: block.range)]
            case .generated(var generated):
                guard GeneratedBlock.containsMathMarker(generated.html) else { return [block] }
                generated.html = GeneratedBlock.replacingMathMarkers(in: generated.html) { tex in
                    let math = Math(tex: tex, display: false, range: block.range)
                    return html(for: math) ?? HTMLWriter.escape("$" + tex + "$")
                }
                return [Block(.generated(generated), range: block.range)]
            default:
                return nil
            }
        }

        mutating func visit(inline: Inline) -> [Inline]? {
            guard case .math(var math) = inline else { return nil }
            math.html = html(for: math)
            return [.math(math)]
        }

        private mutating func html(for math: Math) -> String? {
            switch rendered[MathRequest(tex: math.tex, display: math.display)] {
            case .html(let html):
                return html
            case .warned(let html, let warnings):
                for warning in warnings {
                    diagnostics.append(.warning(.mathStrict, at: location(of: warning.position, in: math),
                                                "KaTeX renders this formula, but LaTeX would not accept it: \(warning.message)"))
                }
                return html
            case .failure(let message, let position):
                diagnostics.append(.error(.mathKatex, at: location(of: position, in: math),
                                          "KaTeX cannot render this formula: \(message)"))
                return nil
            case nil:
                return nil
            }
        }

        /// Where an offset into a formula's TeX is in the page's source (the formula's start
        /// when KaTeX gives no offset), to the formula's end.
        private func location(of position: Int?, in math: Math) -> SourceLocation {
            let start = RenderService.location(ofOffset: position ?? 0, inTeX: math.tex,
                                               startLine: math.position.line, startColumn: math.position.column)
            return SourceLocation(path: displayPath, range: SourceRange(start: start, end: math.range.end))
        }
    }
}
