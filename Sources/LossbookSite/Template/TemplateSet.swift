import Foundation

/// The course's page templates (Mustache, logic-less; see `PageTemplate`) loaded from templates/,
/// with parse errors reported as `templates/layout.mustache:line:col: error: …`.
///
/// A theme (lossbook's default one, `defaultTheme()`) lies underneath: every file of the course's
/// templates folder replaces the theme's file of the same name, and the theme supplies the rest,
/// so a course that only wants its own footer carries one file.
public struct TemplateSet: Sendable {
    private let templates: [String: PageTemplate]
    public let names: Set<String>
    /// Changes whenever any template's text does: part of every page's cache key.
    public let fingerprint: String

    /// The default theme: installed with lossbook (`PREFIX/share/lossbook/theme`), or, for a
    /// lossbook run from its own checkout's `.build`, that checkout's `templates/` (the reference theme).
    public static func defaultTheme(executable: URL? = Bundle.main.executableURL) -> URL? {
        var candidates: [URL] = []
        if let folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(folder.deletingLastPathComponent().appendingPathComponent("share/lossbook/theme"))
        }
        if let checkout = SourceCheckout.root(for: executable) { candidates.append(checkout.appendingPathComponent("templates")) }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("page.mustache").path) }
    }

    /// Loads every `*.mustache` file in `directory`, over those of `theme` when there is one; the
    /// names are the file names without extension.
    public static func load(from directory: URL, displayPrefix: String, theme: URL? = nil) -> Result<TemplateSet, BuildFailure> {
        var templates: [String: PageTemplate] = [:]
        var names: Set<String> = []
        var texts: [String] = []
        var diagnostics: [Diagnostic] = []
        func mustacheFiles(_ folder: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".mustache") }
        }
        // Each name from the course's folder when it has it, from the theme otherwise.
        var sources: [String: (folder: URL, display: String)] = [:]
        if let theme, theme.standardizedFileURL != directory.standardizedFileURL {
            for file in mustacheFiles(theme) { sources[file] = (theme, theme.path) }
        }
        for file in mustacheFiles(directory) { sources[file] = (directory, displayPrefix) }
        for file in sources.keys.sorted() {
            guard let source = sources[file] else { continue }
            let folder = source.folder
            let display = "\(source.display)/\(file)"
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
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
                let prefix = sources["\(name).mustache"]?.display ?? displayPrefix
                diagnostics.append(.error("lossbook.template.partial", at: SourceLocation(path: "\(prefix)/\(name).mustache", line: 1, column: 1),
                                          "the template includes '{{> \(partial)}}', but the templates folder has no '\(partial).mustache'"))
            }
        }
        for required in ["page", "home", "404"] where !names.contains(required) && !diagnostics.contains(where: { $0.location?.path.hasSuffix("/\(required).mustache") ?? false }) {
            diagnostics.append(.error("lossbook.template.missing", at: nil,
                                      "the templates folder '\(displayPrefix)' has no '\(required).mustache'"
                                      + (theme == nil ? " and no default theme was found" : ", nor has the theme \(theme!.path)")))
        }
        if !diagnostics.isEmpty { return .failure(BuildFailure(diagnostics)) }
        return .success(TemplateSet(templates: templates, names: names, fingerprint: FNV1a128.hex(of: texts)))
    }

    public func render(_ name: String, _ context: TemplateContext) -> String {
        templates[name]?.render(context, partials: templates) ?? ""
    }
}
