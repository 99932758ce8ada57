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
                diagnostics.append(.error(.templateUnreadable, at: SourceLocation(path: display, line: 1, column: 1),
                                          "cannot read the template as UTF-8 text"))
                continue
            }
            texts += [file, text]
            let name = String(file.dropLast(".mustache".count))
            do {
                templates[name] = try PageTemplate(parsing: text)
                names.insert(name)
            } catch {
                diagnostics.append(.error(.templateSyntax, at: SourceLocation(path: display, error.position),
                                          "template syntax error: \(error.message)"))
            }
        }
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            for partial in template.partialNames.sorted() where !names.contains(partial) {
                let prefix = sources["\(name).mustache"]?.display ?? displayPrefix
                diagnostics.append(.error(.templatePartial, at: SourceLocation(path: "\(prefix)/\(name).mustache", line: 1, column: 1),
                                          "the template includes '{{> \(partial)}}', but the templates folder has no '\(partial).mustache'"))
            }
        }
        diagnostics += partialChains(templates, displayPrefix: displayPrefix)
        for required in ["page", "home", "404"] where !names.contains(required) && !diagnostics.contains(where: { $0.location?.path.hasSuffix("/\(required).mustache") ?? false }) {
            diagnostics.append(.error(.templateMissing, at: nil,
                                      "the templates folder '\(displayPrefix)' has no '\(required).mustache'"
                                      + (theme == nil ? " and no default theme was found" : ", nor has the theme \(theme!.path)")))
        }
        if !diagnostics.isEmpty { return .failure(BuildFailure(diagnostics)) }
        return .success(TemplateSet(templates: templates, names: names, fingerprint: FNV1a128.hex(of: texts)))
    }

    /// Partials that include themselves (directly or through others) or nest deeper than
    /// `Limits.partialDepth`: rendering would recurse without end or too deep.
    private static func partialChains(_ templates: [String: PageTemplate], displayPrefix: String) -> [Diagnostic] {
        var longest: [String: Int] = [:]  // includes below a template, at most
        var chain: [String] = []
        var cycle: [String]?
        func visit(_ name: String) -> Int {
            if let known = longest[name] { return known }
            if let start = chain.firstIndex(of: name) {
                cycle = cycle ?? Array(chain[start...]) + [name]
                return 0
            }
            chain.append(name)
            var depth = 0
            for partial in (templates[name]?.partialNames ?? []).sorted() where templates[partial] != nil {
                depth = max(depth, 1 + visit(partial))
            }
            chain.removeLast()
            longest[name] = depth
            return depth
        }
        var diagnostics: [Diagnostic] = []
        for name in templates.keys.sorted() {
            let depth = visit(name)
            if let found = cycle {
                let shown = found.dropFirst().map { "{{> \($0)}}" }.joined(separator: " → ")
                diagnostics.append(.error(.templatePartialCycle,
                                          at: SourceLocation(path: "\(displayPrefix)/\(found[0]).mustache", line: 1, column: 1),
                                          "the template '\(found[0])' includes itself: \(shown)"))
                return diagnostics
            }
            if depth > Limits.partialDepth {
                diagnostics.append(.error(.templatePartialDepth,
                                          at: SourceLocation(path: "\(displayPrefix)/\(name).mustache", line: 1, column: 1),
                                          "partials nest \(depth) levels deep from the template '\(name)'; at most \(Limits.partialDepth) are allowed"))
            }
        }
        return diagnostics
    }

    public func render(_ name: String, _ context: TemplateContext) -> String {
        templates[name]?.render(context, partials: templates) ?? ""
    }

    /// The same as bytes, with where the `.markup` values went (see `PageTemplate.renderBytes`).
    func renderBytes(_ name: String, _ context: TemplateContext, capacity: Int? = nil) -> PageTemplate.Rendered {
        templates[name]?.renderBytes(context, partials: templates, capacity: capacity) ?? PageTemplate.Rendered(bytes: [], markupSlots: [])
    }

    /// The same into `Data` (`PageTemplate.renderData`).
    func renderData(_ name: String, _ context: TemplateContext, capacity: Int) -> (data: Data, markupSlots: [Range<Int>]) {
        templates[name]?.renderData(context, partials: templates, capacity: capacity) ?? (Data(), [])
    }
}
