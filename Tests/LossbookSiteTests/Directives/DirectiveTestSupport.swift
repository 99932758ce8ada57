import XCTest
@testable import LossbookSite

/// Runs the directive stage and inline values on a Markdown snippet, as the build does.
func expand(_ markdown: String, path: String = "d.md") -> (html: String, diagnostics: [String]) {
    let (document, parseProblems) = MarkdownParser().parse(markdown, path: path, firstLine: 1)
    var directives = DirectiveStage(path: path)
    var expanded = directives.rewrite(document)
    var values = InlineValuePass(path: path)
    expanded = values.rewrite(expanded)
    let diagnostics = parseProblems + directives.diagnostics + values.diagnostics
    return (HTMLRenderer().render(expanded), diagnostics.map(\.description))
}
