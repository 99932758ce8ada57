/// Cache keys for whole pages. A page's HTML depends on its own note and on its surroundings:
/// the course outline (sidebar, previous/next, chapter numbers), every label's page and number
/// (references), the templates, the math macros, the installed KaTeX and highlight.js, the base
/// URL, and the program. Anchors of other
/// pages only decide whether links are valid, which is checked on every build anyway.
enum PageKeys {
    static func surroundings(outline: CourseOutline, labels: LabelIndex, templates: TemplateSet,
                             macros: String, address: String, course: String = "") -> String {
        // The installed KaTeX and highlight.js shape every page's math and code.
        let renderer = (try? RendererInstallation.locate()).map { $0.mathFingerprint + $0.codeFingerprint } ?? ""
        var fields = [ComputeCache.programIdentity, renderer, templates.fingerprint, macros, address, course]
        for path in outline.readingOrder {
            guard let note = outline.notesByPath[path] else { continue }
            fields += [path, note.frontMatter.title, note.frontMatter.description ?? "", String(note.frontMatter.order ?? -1),
                       String(outline.chapterNumbers[path] ?? 0)]
        }
        for (label, target) in labels.targets.sorted(by: { $0.key < $1.key }) {
            fields += [label, target.kind.rawValue, target.page, target.number]
        }
        return FNV1a128.hex(of: fields)
    }

    static func key(for note: SourceNote, surroundings: String) -> String {
        FNV1a128.hex(of: [surroundings, note.relativePath, note.frontMatter.title, note.frontMatter.description ?? "",
                          note.body, String(note.bodyFirstLine)])
    }
}
