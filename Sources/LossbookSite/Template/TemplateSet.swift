import Foundation

/// The course's page templates (Mustache, logic-less; see `PageTemplate`) loaded from templates/,
/// with parse errors reported as `templates/layout.mustache:line:col: error: …`.
public struct TemplateSet: Sendable {
    private let templates: [String: PageTemplate]
    public let names: Set<String>
    /// Changes whenever any template's text does: part of every page's cache key.
    public let fingerprint: String

    /// Loads every `*.mustache` file in `directory`; the names are the file names without extension.
    public static func load(from directory: URL, displayPrefix: String) -> Result<TemplateSet, BuildFailure> {
        var templates: [String: PageTemplate] = [:]
        var names: Set<String> = []
        var texts: [String] = []
        var diagnostics: [Diagnostic] = []
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        for file in files {
            let display = "\(displayPrefix)/\(file)"
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path),
                  let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("lossbook.template.unreadable", at: SourceLocation(path: display, line: 1, column: 1),
                                          "cannot read the template as UTF-8 text"))
                continue
            }
            texts += [file, text]
            let name = String(file.dropLast(".mustache".count))
            do {
                templates[name] = try PageTemplate(parsing: text)
                names.insert(name)
            } catch {
                diagnostics.append(.error("lossbook.template.syntax", at: SourceLocation(path: display, line: error.line, column: error.column),
                                          "template syntax error: \(error.message)"))
            }
        }
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            for partial in template.partialNames.sorted() where !names.contains(partial) {
                diagnostics.append(.error("lossbook.template.partial", at: SourceLocation(path: "\(displayPrefix)/\(name).mustache", line: 1, column: 1),
                                          "the template includes '{{> \(partial)}}', but the templates folder has no '\(partial).mustache'"))
            }
        }
        for required in ["page", "home", "404"] where !names.contains(required) && !diagnostics.contains(where: { $0.location?.path.hasSuffix("/\(required).mustache") ?? false }) {
            diagnostics.append(.error("lossbook.template.missing", at: nil,
                                      "the templates folder '\(displayPrefix)' has no '\(required).mustache'"))
        }
        if !diagnostics.isEmpty { return .failure(BuildFailure(diagnostics)) }
        return .success(TemplateSet(templates: templates, names: names, fingerprint: FNV1a128.hex(of: texts)))
    }

    public func render(_ name: String, _ context: TemplateContext) -> String {
        templates[name]?.render(context, partials: templates) ?? ""
    }
}
