import Foundation

/// Math, code and pages: each chunk's rendered formulas and code go into its documents, and its
/// pages through the HTML renderer and their template, written to the staging folder while
/// node renders the next chunk.
///
/// Reads `notes`, `outline`, `templates`, `footer`, `pageKeys`, `unchangedPages`, `chunks`,
/// `chunkPages`, `pipeline`, `service`, `summaries`. Adds the staging folder (`site.staging`,
/// none for `check`), every page's key and the kept pages' links to `site`, `assembler`, the
/// pages' math diagnostics, the count and summaries for the manifest, and the statistics.
/// Stops the build on an error (on a warning too when strict).
struct PagesStage: BuildStage {
    let name = "math, code and pages"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        context.site.staging = try context.writer?.begin()
        let options = context.options
        let assembler = PageAssembler(outline: context.outline, siteTitle: context.siteTitle, course: options.course,
                                      contentDisplayPath: options.contentDisplayPath)
        context.assembler = assembler
        let templates = try context.required(context.templates, from: "load")
        // The print page's part of each page is made with the page, rather than read back from
        // the staging folder later.
        let printPrefixes = context.site.staging != nil && PrintStage.makesPrintPage(options, templates) ? PrintPage.prefixes(of: context.notes) : nil
        let maker = PageMaker(assembler: assembler, templates: templates, footer: context.footer, address: options.address,
                              printPrefixes: printPrefixes)
        for note in context.notes {
            if let key = context.pageKeys[note.relativePath] { context.site.keys[note.outputPath] = key }
            if let previous = context.unchangedPages[note.relativePath] { context.site.links[note.outputPath] = previous }
        }
        for index in context.chunks.indices {
            guard let pipeline = context.pipeline else { break }
            try make(chunk: index, pipeline: pipeline, maker: maker, &context)
        }
        if let service = context.service {
            // A service kept alive by `serve` counts across builds; this build's share is the difference.
            context.statistics.rendered = service.statistics.mathRendered - context.renderStatisticsBefore.mathRendered
            // The render cache is written on another core while the print page and the site are
            // made (its lock is held meanwhile): nothing later in the build reads its files, and
            // `BuildContext.close` waits for it.
            DispatchQueue.global(qos: .userInitiated).async(group: context.backgroundSaves) { service.flush() }
        }
        context.statistics.computed = context.computed.misses
        context.statistics.computedCached = context.computed.hits
        try context.stopIfFailed(strict: options.strict)
        context.site.pageCount = context.notes.count
        context.site.notes = context.summaries
    }

    /// One chunk: its math applied, its pages templated on the cores node leaves, then written.
    private func make(chunk index: Int, pipeline: MathPipeline, maker: PageMaker, _ context: inout BuildContext) throws(BuildFailure) {
        let chunk = context.chunks[index]
        switch pipeline.result(index) {
        case .success(let output):
            let (rendered, problems) = MathStage.apply(output, to: context.chunkPages[index])
            for (note, pageProblems) in zip(chunk, problems) where !pageProblems.isEmpty {
                context.log.report(contentsOf: pageProblems)
                // Not reusable next time: the page is made again, and its warnings reported again.
                context.site.keys[note.outputPath] = nil
            }
            context.statistics.formulas += output.formulas
            // Templating takes the cores node leaves: all but one while node is still
            // rendering (sharing its core slowed a cold build by a tenth), all once it is done.
            let made = zip(chunk, rendered).map { ($0, $1) }.concurrentMap(sparing: pipeline.isReady(index + 1) ? 0 : 1) { note, document in
                maker.page(note, document: document)
            }
            for (note, page) in zip(chunk, made) { context.printParts[note.outputPath] = page.printPart }
            // Written now, while node renders the next chunk.
            try context.site.staging?.write(Dictionary(uniqueKeysWithValues: zip(chunk.map(\.outputPath), made.map(\.page))))
        case .failure(let error):
            // The chunks after a failed one fail with the same error: report it once.
            if !context.log.diagnostics.contains(where: { $0.id == .renderFailed }) {
                context.options.renderers?.discard()
                context.log.report(.error(.renderFailed, at: nil, "\(error)"))
            }
        }
    }
}

/// Makes one page from its rendered document: the HTML renderer, then the page's template with
/// the values the assembler, the footer and the site's address give it, as one run of bytes from
/// the renderer to the file; and the page's part of the print page, when the build makes one.
struct PageMaker: Sendable {
    let assembler: PageAssembler
    let templates: TemplateSet
    let footer: PageFooter?
    let address: SiteAddress?
    /// Each page's id prefix in the print page (`PrintPage.prefixes`); nil when there is none.
    var printPrefixes: [String: String]?

    struct Made {
        /// The page's bytes, written as they are.
        var page: [UInt8]
        /// The page's part of the print page (`PrintPage.part`), when there is a print page.
        var printPart: [UInt8]?
    }

    func page(_ note: SourceNote, document: MarkdownDocument) -> Made {
        let writer = HTMLRenderer().write(document, into: HTMLWriter(recordingPrintEdits: printPrefixes != nil))
        var context = assembler.context(for: note.relativePath, html: "", toc: AnchorCollector.headings(in: document))
        context["content"] = .markup(writer.bytes)
        context["footer"] = footer?.context(for: note)
        context["hasToc"] = .flag(context["toc"] != nil)
        context["canonical"] = address.map { .text($0.url(of: note.outputPath)) }
        let template = note.relativePath == assembler.outline.home ? "home" : "page"
        let rendered = templates.renderBytes(template, context)
        guard let prefixes = printPrefixes else { return Made(page: rendered.bytes) }
        let part = rendered.bytes.withUnsafeBufferPointer { page -> [UInt8]? in
            // Made from what the writer noted when the template put the HTML in once, as it is;
            // else cut out of the page.
            if let slots = rendered.markupSlots, slots.count == 1, let edits = writer.printEdits,
               let part = PrintPage.part(ofPage: page, content: slots[0], edits: edits, outputPath: note.outputPath, prefixes: prefixes) {
                return part
            }
            return PrintPage.chunk(of: page, outputPath: note.outputPath, prefixes: prefixes)
        }
        return Made(page: rendered.bytes, printPart: part)
    }
}
