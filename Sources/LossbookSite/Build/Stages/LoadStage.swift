import Foundation

/// Load: the notes and their front matter, the macros file, the templates, the course outline
/// and the page footers.
///
/// Reads the options (and `gitDates`, read here when `build` has not). Adds `manifestLoad` (read meanwhile), `content`, `noteReads`, `editedNotes`,
/// `templates`, `outline`, `notes` (in reading order) and `footer`, and records the page inputs
/// they give: templates, course, address, outline, and each page's note and footer. Stops the
/// build when the templates cannot be loaded.
struct LoadStage: BuildStage {
    let name = "load"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let options = context.options
        context.startedNode = Self.startNodeEarly(options)
        context.manifestLoad = ManifestLoad(cacheDirectory: options.cacheDirectory, output: options.outputDirectory)
        let loader = ContentLoader(contentDirectory: options.contentDirectory, displayPrefix: options.contentDisplayPath,
                                   includeDrafts: options.includeDrafts)
        // Notes unchanged since the last build keep their front matter and are not opened
        // (`NoteReads`); the parse stage saves these reads once it knows the notes' citations.
        let previous = NoteReads.load(from: options.cacheDirectory, content: options.contentDirectory, displayPrefix: options.contentDisplayPath)
        var (content, loadProblems, reads) = loader.load(reusing: previous, walked: context.contentFiles)
        context.noteReads = reads
        context.editedNotes = previous?.edited(content.notes) ?? []
        context.log.report(contentsOf: loadProblems)
        if let file = options.macrosFile {
            if let data = FileManager.default.contents(atPath: file.url.path), let text = String(data: data, encoding: .utf8) {
                content.macros = (text, file.displayPath)
            } else {
                context.log.report(.error(.configMacros, at: SourceLocation(path: file.displayPath, line: 1, column: 1),
                                          "cannot read the macros file named by the course settings"))
            }
        }
        context.content = content
        switch TemplateSet.load(from: options.templatesDirectory, displayPrefix: options.templatesDisplayPath, theme: options.themeDirectory) {
        case .success(let set): context.templates = set
        case .failure(let failure):
            context.log.report(contentsOf: failure.diagnostics)
            throw BuildFailure(context.log.sorted(strict: options.strict))
        }
        let outline = CourseOutline(notes: content.notes)
        context.outline = outline
        context.notes = outline.readingOrder.compactMap { outline.notesByPath[$0] }
        let metadata = CourseMetadata(course: options.course, outline: outline, contentFolder: options.contentDisplayPath)
        let footer = PageFooter(metadata: metadata, dates: context.gitDates ?? GitDates.read(contentDirectory: options.contentDirectory))
        context.footer = footer
        recordInputs(&context, footer: footer)
    }

    private func recordInputs(_ context: inout BuildContext, footer: PageFooter) {
        let options = context.options, outline = context.outline
        context.courseInputs.record(.templates, [context.templates?.fingerprint ?? ""])
        context.courseInputs.record(.course, [options.course.fingerprint])
        context.courseInputs.record(.address, [options.address?.baseURL ?? ""])
        // The sidebar, previous/next and chapter numbers of every page read these.
        var entries: [String] = []
        for path in outline.readingOrder {
            guard let note = outline.notesByPath[path] else { continue }
            entries += [path, note.frontMatter.title, note.frontMatter.description ?? "", String(note.frontMatter.order ?? -1),
                        String(outline.chapterNumbers[path] ?? 0)]
        }
        context.courseInputs.record(.outline, entries)
        for note in context.notes {
            // The body by its digest, taken once when the note was read (or kept from the last read).
            context.record(.note, [note.relativePath, note.displayPath, note.outputPath, note.frontMatter.title,
                                   note.frontMatter.description ?? "", note.bodyDigest, String(note.bodyFirstLine)], for: note)
            context.record(.footer, footer.fingerprint(for: note), for: note)
        }
    }

    /// node, started now for a first build (no pages and no formulas recorded in the cache): KaTeX
    /// is then loaded while the notes are read, instead of after the first one is parsed, and on
    /// such a build node is what the build waits for. After one build there is a manifest, so a
    /// course without formulas pays for this once. A `serve` session keeps its own renderer.
    /// Not started when anything fails: the renderer reports that when a page needs it.
    static func startNodeEarly(_ options: BuildOptions) -> StartedNode? {
        guard options.renderers == nil, let cache = options.cacheDirectory?.path else { return nil }
        for recorded in ["render/math", OutputManifest.fileName] where access(cache + "/" + recorded, F_OK) == 0 { return nil }
        guard let node = try? NodeRenderer(installation: RendererInstallation.locate()) else { return nil }
        return StartedNode(node)
    }
}
