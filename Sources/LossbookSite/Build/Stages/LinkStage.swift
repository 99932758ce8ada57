import Foundation

/// References and links: numbers the course's labels, gathers what pages offer to previews and
/// links, then runs the per-note passes (`NotePasses`) on every parsed note.
///
/// Reads `notes`, `outline`, `expanded`, `summaries`, `noteKeys`, `reader`, `content.assets`.
/// Adds `labels` (every label of the course, numbered in reading order, from the parsed note or
/// from its summary), `previews`, `linkTargets`, the parsed notes' `documents`, and their new
/// `summaries`, and records the page inputs: the labels (every page), and what each page copies
/// from other pages for its previews. Reports every note's reference and link problems: a parsed note's from its
/// document, another's from the checks its summary kept. Stops the build on an error, before
/// any math is rendered.
struct LinkStage: BuildStage {
    let name = "references and links"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        numberLabels(&context)
        gatherPreviews(&context)
        // node may still be rendering the formulas sent while parsing: leave it a core while it is.
        let nodeBusy = context.prefetcher == nil ? 0 : 1
        let prefetcher = context.prefetcher
        let nodeIdle: @Sendable () -> Bool = { prefetcher?.isIdle ?? true }
        let expanded = context.expanded, summaries = context.summaries
        let anchorSets = context.notes.concurrentMap(sparing: nodeBusy, lentWhile: nodeIdle) { note -> Set<String> in
            if let parsed = expanded[note.relativePath] { return AnchorCollector.anchors(in: parsed.document) }
            return Set(summaries[note.relativePath]?.anchors ?? [])
        }
        let anchors = Dictionary(uniqueKeysWithValues: zip(context.notes.map(\.relativePath), anchorSets))
        context.linkTargets = LinkPass.Targets(anchors: anchors, assets: Set(context.content.assets))
        let passes = try context.notePasses()
        // Every note's references and links are checked against the course as it is now; from
        // the page itself when it was parsed, from its summary when not.
        let linked = context.notes.concurrentMap(sparing: nodeBusy, lentWhile: nodeIdle) { note -> (NotePasses.Linked?, [Diagnostic]) in
            guard let parsed = expanded[note.relativePath] else { return (nil, passes.replay(note, summaries[note.relativePath])) }
            let result = passes.run(note, parsed.document)
            return (result, result.diagnostics)
        }
        for (note, (result, diagnostics)) in zip(context.notes, linked) {
            if let result, let parsed = expanded[note.relativePath] {
                context.documents[note.relativePath] = result.document
                context.summaries[note.relativePath] = NoteSummary(
                    key: context.noteKeys[note.relativePath] ?? "", labels: context.labels.definitions[note.outputPath] ?? [],
                    anchors: anchors[note.relativePath, default: []].sorted(), references: result.references, links: result.links,
                    diagnostics: parsed.diagnostics, figures: parsed.figures, sections: context.previews.pages[note.relativePath]?.sections)
            }
            context.log.report(contentsOf: diagnostics)
        }
        recordInputs(&context)
        // Rendering math is the slow part; skip it when the build has already failed.
        try context.stopIfFailed(strict: false)
    }

    /// Labels are numbered course-wide, in reading order, before any reference resolves: a
    /// parsed note's from its document (which gets its numbers), another's from its summary.
    private func numberLabels(_ context: inout BuildContext) {
        for note in context.notes {
            let chapter = context.outline.chapterNumbers[note.relativePath]
            if let parsed = context.expanded[note.relativePath] {
                context.expanded[note.relativePath]?.document = context.labels.number(parsed.document, page: note.outputPath,
                                                                                      displayPath: note.displayPath, chapter: chapter)
            } else if let summary = context.summaries[note.relativePath] {
                context.labels.register(summary.labels, page: note.outputPath, displayPath: note.displayPath, chapter: chapter)
            }
        }
        context.log.report(contentsOf: context.labels.diagnostics)
    }

    /// Every label's page and number shapes every page that numbers or cites one; what a page
    /// copies from other pages for its previews (their equations, figures, sections, titles)
    /// shapes that page.
    private func recordInputs(_ context: inout BuildContext) {
        var labels: [String] = []
        for (label, target) in context.labels.targets.sorted(by: { $0.key < $1.key }) {
            labels += [label, target.kind.rawValue, target.page, target.number]
        }
        context.courseInputs.record(.labels, labels)
        let summaries = context.summaries, labelIndex = context.labels, previews = context.previews
        let fingerprints = context.notes.concurrentMap { note in
            Self.previewFingerprint(note, summaries[note.relativePath], labels: labelIndex, previews: previews)
        }
        for (note, fingerprint) in zip(context.notes, fingerprints) { context.record(.previews, fingerprint, for: note) }
    }

    /// What a page copies from other pages for its previews, from its summary's checks.
    static func previewFingerprint(_ note: SourceNote, _ summary: NoteSummary?, labels: LabelIndex, previews: PreviewSources) -> [String] {
        guard let summary else { return [] }
        var fields: [String] = []
        var seen: Set<String> = []
        for check in summary.references where seen.insert(check.label).inserted {
            guard let target = labels.targets[check.label], target.page != note.outputPath else { continue }
            fields += [check.label, target.tex ?? "", target.htmlKey ?? ""]
        }
        return fields + previews.fingerprint(of: summary.links, from: note.relativePath)
    }

    /// What each page offers to previews of links to it, from the page or from its summary.
    private func gatherPreviews(_ context: inout BuildContext) {
        var previews = PreviewSources()
        previews.figures = FigureCopies(directory: context.options.cacheDirectory?.appendingPathComponent("figures"))
        for note in context.notes where context.expanded[note.relativePath] != nil {
            previews.figures.store(context.labels.definitions[note.outputPath] ?? [])
        }
        previews.figures.sweep(keeping: Set(context.labels.targets.values.compactMap(\.htmlKey)))
        for note in context.notes {
            let sections = context.expanded[note.relativePath].map {
                PreviewSources.sections(of: $0.document, body: note.body, firstLine: note.bodyFirstLine)
            } ?? context.summaries[note.relativePath]?.sections ?? [:]
            previews.pages[note.relativePath] = PreviewSources.Page(title: note.frontMatter.title, description: note.frontMatter.description,
                                                                    outputPath: note.outputPath, sections: sections)
        }
        context.previews = previews
    }
}

extension BuildContext {
    /// The per-note passes over the course as the stages so far have gathered it.
    func notePasses() throws(BuildFailure) -> NotePasses {
        NotePasses(labels: labels, chapterNumbers: outline.chapterNumbers, linkTargets: linkTargets,
                   reader: try required(reader, from: "parse and directives"), previews: previews,
                   mathDelimiters: options.mathDelimiters)
    }
}
