import Foundation
import Mustache

/// The course's page templates (Mustache, logic-less) loaded from templates/, with parse errors
/// reported as `templates/layout.mustache:line:col: error: …`.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
    public let names: Set<String>
    /// Changes whenever any template's text does: part of every page's cache key.
    public let fingerprint: String

    /// Loads every `*.mustache` file in `directory`; the names are the file names without extension.
    public static func load(from directory: URL, displayPrefix: String) -> Result<TemplateSet, BuildFailure> {
        var library = MustacheLibrary()
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
            do {
                let template = try MustacheTemplate(string: text)
                let name = String(file.dropLast(".mustache".count))
                library.register(template, named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error("lossbook.template.syntax",
                                          at: SourceLocation(path: display, line: error.context.lineNumber, column: max(1, error.context.columnNumber)),
                                          "template syntax error: \(Self.describe(error.error))"))
            } catch {
                diagnostics.append(.error("lossbook.template.syntax", at: SourceLocation(path: display, line: 1, column: 1),
                                          "template syntax error: \(error)"))
            }
        }
        for required in ["page", "home", "404"] where !names.contains(required) && !diagnostics.contains(where: { $0.location?.path.hasSuffix("/\(required).mustache") ?? false }) {
            diagnostics.append(.error("lossbook.template.missing", at: nil,
                                      "the templates folder '\(displayPrefix)' has no '\(required).mustache'"))
        }
        if !diagnostics.isEmpty { return .failure(BuildFailure(diagnostics)) }
        return .success(TemplateSet(library: library, names: names, fingerprint: FNV1a128.hex(of: texts)))
    }

    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: "a tag is not finished (missing '}}')"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is never closed (missing '{{/name}}')"
        case MustacheTemplate.Error.invalidSetDelimiter: "badly formed set-delimiter tag"
        default: "\(error)"
        }
    }
}
