import Foundation

/// Print page: the whole course on one page (when the templates have a `print` template and the
/// course settings do not say `print: false`), from the pages just written or kept; a kept page's
/// part is taken from the cache rather than made again from the page. Not made by `check`, which
/// writes no pages.
///
/// Reads `notes`, `outline`, `siteTitle`, `templates`, `pageKeys`, the parts of the pages made in
/// this build (`printParts`) and, for a kept page whose part is not cached, the page linked from
/// the last site. Adds the print page to `site`.
struct PrintStage: BuildStage {
    let name = "print page"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let templates = try context.required(context.templates, from: "load")
        guard let staging = context.site.staging, Self.makesPrintPage(context.options, templates) else { return }
        let notes = context.notes, outline = context.outline, links = context.site.links, made = context.printParts
        let prefixes = PrintPage.prefixes(of: notes)
        var printCache = context.options.cacheDirectory.map { directory -> PrintChunkCache in
            var keys: [String: String] = [:]
            for note in notes { keys[note.outputPath] = context.pageKeys[note.relativePath] }
            return PrintChunkCache(directory: directory.appendingPathComponent("print"), pageKeys: keys)
        }
        context.site.files[PrintPage.path] = PrintPage.make(notes: notes, outline: outline, siteTitle: context.siteTitle,
                                                            description: outline.home.flatMap { outline.notesByPath[$0]?.frontMatter.description } ?? "",
                                                            templates: templates, cache: &printCache) { page in
            if let part = made[page] { return part }
            let url = links[page] ?? staging.folder.appendingPathComponent(page)
            guard let data = try? Data(contentsOf: url) else { return nil }
            return data.withUnsafeBytes { PrintPage.chunk(of: $0.bindMemory(to: UInt8.self), outputPath: page, prefixes: prefixes) }
        }
        printCache?.sweep()
    }

    /// Whether a build of `options` with `templates` makes `print.html`.
    static func makesPrintPage(_ options: BuildOptions, _ templates: TemplateSet) -> Bool {
        options.course.print && templates.names.contains("print")
    }
}
