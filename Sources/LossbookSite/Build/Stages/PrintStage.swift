import Foundation

/// Print page: the whole course on one page (when the templates have a `print` template and the
/// course settings do not say `print: false`), from the parts of the pages made in this build and,
/// for a kept page, its part in the last build's print page (`PrintParts`), or else cut out of the
/// page. The print page is kept as a whole when nothing it is made of changed. Not made by
/// `check`, which writes no pages.
///
/// Reads `notes`, `outline`, `siteTitle`, `templates`, `pageKeys`, `manifest`, the parts of the
/// pages made in this build (`printParts`) and, for a kept page whose part is not in the last
/// print page, the page linked from the last site. Adds the print page to `site` (made, or linked
/// from the last site) with its key, and saves where its parts lie for the next build.
struct PrintStage: BuildStage {
    let name = "print page"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let templates = try context.required(context.templates, from: "load")
        guard let staging = context.site.staging, Self.makesPrintPage(context.options, templates) else { return }
        let notes = context.notes, outline = context.outline, links = context.site.links, made = context.printParts
        let prefixes = PrintPage.prefixes(of: notes)
        let description = outline.home.flatMap { outline.notesByPath[$0]?.frontMatter.description } ?? ""
        // Each page's part by name; a page without a key (made afresh every build) has none.
        var names: [String: String] = [:]
        for note in notes {
            if let key = context.pageKeys[note.relativePath], let prefix = prefixes[note.outputPath] {
                names[note.outputPath] = PrintParts.name(pageKey: key, prefix: prefix, outputPath: note.outputPath)
            }
        }
        let key = Self.key(context, names: names, description: description)
        let output = context.options.outputDirectory, cache = context.options.cacheDirectory
        if let key {
            context.site.keys[PrintPage.path] = key
            if let previous = context.manifest?.reusable(PrintPage.path, key: key, in: output) {
                context.site.links[PrintPage.path] = previous.url
                context.keptSignatures[PrintPage.path] = previous.signature
                return
            }
        }
        let last = cache.flatMap { PrintParts.lastPrintPage(cacheDirectory: $0, manifest: context.manifest, output: output) }
        let (page, placed) = PrintPage.make(notes: notes, outline: outline, siteTitle: context.siteTitle, description: description,
                                            templates: templates) { note in
            let path = note.outputPath
            if let part = made[path] { return part }
            if let name = names[path], let part = last?.part(named: name) { return part }
            let url = links[path] ?? staging.folder.appendingPathComponent(path)
            guard let data = try? Data(contentsOf: url) else { return nil }
            return data.withUnsafeBytes { PrintPage.chunk(of: $0.bindMemory(to: UInt8.self), outputPath: path, prefixes: prefixes) }
        }
        context.site.files[PrintPage.path] = page
        if let cache {
            var ranges: [String: Range<Int>] = [:]
            for (path, range) in placed { if let name = names[path] { ranges[name] = range } }
            PrintParts.save(key.map { PrintParts(key: $0, ranges: ranges) }, in: cache)
            PrintParts.removeLegacyFolder(in: cache)
        }
    }

    /// The print page's key: every page's part (by name, in order), the course-wide inputs its
    /// template reads (`AssetsStage.courseFilesKey`: templates, settings, outline, program, site
    /// title) and the home page's description. Nil when a page or a course-wide input has no key.
    static func key(_ context: BuildContext, names: [String: String], description: String) -> String? {
        guard let course = AssetsStage.courseFilesKey(context) else { return nil }
        var parts = ["print page 1", course, description]
        for note in context.notes {
            guard let name = names[note.outputPath] else { return nil }
            parts.append(name)
        }
        return FNV1a128.hex(of: parts)
    }

    /// Whether a build of `options` with `templates` makes `print.html`.
    static func makesPrintPage(_ options: BuildOptions, _ templates: TemplateSet) -> Bool {
        options.course.print && templates.names.contains("print")
    }
}
