import Foundation

/// Page keys: which pages and search shards can be taken whole from the previous site. A page
/// whose source and whose surroundings (navigation, labels, templates, macros, the program) are
/// unchanged is linked from the previous site: nothing on it is rendered again.
///
/// Reads `notes`, `outline`, `labels`, `templates`, `content.macros`, `reader`, `footer`,
/// `summaries`, `previews`, `manifest`. Adds `siteTitle`, `pageKeys`, `unchangedPages`,
/// `changedNotes`, the search `shards` (one per part of the course), `unchangedShards`, and the
/// kept passages (`sections`) of unchanged pages in shards that are made again.
struct PageKeyStage: BuildStage {
    let name = "page keys"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let options = context.options
        let outline = context.outline
        context.siteTitle = options.course.title ?? outline.home.flatMap { outline.notesByPath[$0]?.frontMatter.title } ?? "lossbook"
        let reader = try context.required(context.reader, from: "parse and directives")
        let footer = try context.required(context.footer, from: "load")
        let surroundings = PageKeys.surroundings(outline: outline, labels: context.labels, templates: try context.required(context.templates, from: "load"),
                                                 macros: context.content.macros?.text ?? "", address: options.address?.baseURL ?? "",
                                                 course: options.course.fingerprint)
        for note in context.notes {
            let key = PageKeys.key(for: note, surroundings: FNV1a128.hex(of: [surroundings + "\u{0}math " + options.mathDelimiters.rawValue, reader.fingerprint]
                + footer.fingerprint(for: note) + Self.previewFingerprint(note, context.summaries[note.relativePath], labels: context.labels, previews: context.previews)))
            context.pageKeys[note.relativePath] = key
            if let previous = context.manifest?.reusable(note.outputPath, key: key, in: options.outputDirectory) {
                context.unchangedPages[note.relativePath] = previous
            }
        }
        context.statistics.pagesUnchanged = context.unchangedPages.count
        context.changedNotes = context.notes.filter { context.unchangedPages[$0.relativePath] == nil }
        findShards(&context, surroundings: surroundings)
    }

    /// The search index, in one shard per part of the course: a shard changes when a page of its
    /// part does, or the outline. A shard made again takes the passages of its unchanged pages
    /// from the last build.
    private func findShards(_ context: inout BuildContext, surroundings: String) {
        let pageKeys = context.pageKeys
        context.shards = Self.searchShards(context.notes).enumerated().map { number, group in
            SearchShard(name: "part-\(number + 1)", notes: group,
                        key: FNV1a128.hex(of: [surroundings] + group.compactMap { pageKeys[$0.relativePath] }))
        }
        let manifest = context.manifest, output = context.options.outputDirectory
        context.unchangedShards = Dictionary(context.shards.compactMap { shard in
            manifest?.reusable(shard.path, key: shard.key, in: output).map { (shard.path, $0) }
        }, uniquingKeysWith: { first, _ in first })
        for shard in context.shards where context.unchangedShards[shard.path] == nil {
            let cached = SearchShard.cachedSections(of: shard.name, in: context.options.cacheDirectory)
            for note in shard.notes where context.unchangedPages[note.relativePath] != nil {
                if let key = pageKeys[note.relativePath], let passages = cached[key] { context.sections[note.relativePath] = passages }
            }
        }
    }

    /// What a page copies from other pages for its previews (their equations, figures, sections,
    /// titles), for its key: the page is made again when one of them changes.
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

    /// The notes of each search shard, in reading order: one shard per top-level folder (a part),
    /// and one for the pages at the top.
    static func searchShards(_ notes: [SourceNote]) -> [[SourceNote]] {
        var order: [String] = []
        var groups: [String: [SourceNote]] = [:]
        for note in notes {
            let folder = note.outputPath.split(separator: "/", maxSplits: 1).count > 1
                ? "/" + String(note.outputPath.split(separator: "/", maxSplits: 1)[0]) : ""
            if groups[folder] == nil { order.append(folder) }
            groups[folder, default: []].append(note)
        }
        return order.map { groups[$0]! }
    }
}
