import Foundation

/// Page keys: which pages and search shards can be taken whole from the previous site. A page's
/// key is the hash of what the stages before recorded for it (`PageInputs`): a page whose key is
/// unchanged is linked from the previous site, and nothing on it is rendered again.
///
/// Reads `courseInputs`, `pageInputs`, `notes`, `manifest`. Adds `siteTitle`, `courseDigest` and `courseKinds`, `pageKeys`,
/// `unchangedPages` (and the `keptSignatures` of their files), `changedNotes`, the search `shards` (one per part of the course),
/// `unchangedShards`, and the kept passages (`sections`) of unchanged pages in shards that are
/// made again.
struct PageKeyStage: BuildStage {
    let name = "page keys"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let options = context.options
        let outline = context.outline
        context.siteTitle = options.course.title ?? outline.home.flatMap { outline.notesByPath[$0]?.frontMatter.title } ?? "lossbook"
        let keyer = context.courseInputs.keyer()
        context.courseDigest = keyer.courseDigest
        context.courseKinds = keyer.courseKinds
        let pageInputs = context.pageInputs, manifest = context.manifest, output = options.outputDirectory.path
        // On both cores (node's lent back while it waits): 10,000 pages' keys and `lstat`s are
        // a fifth of a one-page edit's CPU, and each page's are its own.
        let prefetcher = context.prefetcher
        let folder = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folder >= 0 { close(folder) } }
        let descriptor = folder >= 0 ? folder : nil
        let found = context.notes.concurrentMap(sparing: prefetcher == nil ? 0 : 1, lentWhile: { prefetcher?.isIdle ?? true }) { note in
            // A page with an input kind unrecorded has no key: it is made again every time.
            let key = keyer.key(with: pageInputs[note.relativePath] ?? PageInputs())
            return (key, key.flatMap { manifest?.reusable(note.outputPath, key: $0, inFolder: output, descriptor: descriptor) })
        }
        for (note, (key, previous)) in zip(context.notes, found) {
            guard let key else { continue }
            context.pageKeys[note.relativePath] = key
            if let previous {
                context.unchangedPages[note.relativePath] = previous.url
                context.keptSignatures[note.outputPath] = previous.signature
            }
        }
        context.statistics.pagesUnchanged = context.unchangedPages.count
        context.changedNotes = context.notes.filter { context.unchangedPages[$0.relativePath] == nil }
        findShards(&context)
    }

    /// The search index, in one shard per part of the course: a shard is made again when a page
    /// of its part is (its passages, title or place) or the part's pages change. A shard made
    /// again takes the passages of its unchanged pages from the last build.
    private func findShards(_ context: inout BuildContext) {
        let pageKeys = context.pageKeys
        context.shards = Self.searchShards(context.notes).enumerated().map { number, group in
            let name = "part-\(number + 1)"
            return SearchShard(name: name, notes: group,
                               key: FNV1a128.hex(of: ["search shard 1", name] + group.flatMap { [$0.relativePath, pageKeys[$0.relativePath] ?? ""] }))
        }
        let manifest = context.manifest, output = context.options.outputDirectory
        for shard in context.shards where context.unchangedShards[shard.path] == nil {
            // A shard with a page that has no key is made again, like that page.
            guard shard.notes.allSatisfy({ pageKeys[$0.relativePath] != nil }),
                  let previous = manifest?.reusable(shard.path, key: shard.key, in: output) else { continue }
            context.unchangedShards[shard.path] = previous.url
            context.keptSignatures[shard.path] = previous.signature
        }
        for shard in context.shards where context.unchangedShards[shard.path] == nil {
            let cached = SearchShard.cachedSections(of: shard.name, in: context.options.cacheDirectory)
            for note in shard.notes where context.unchangedPages[note.relativePath] != nil {
                if let key = pageKeys[note.relativePath], let passages = cached[key] { context.sections[note.relativePath] = passages }
            }
        }
    }

    /// The most pages a search shard holds: a folder of more is cut into shards of this many, so
    /// that an edit remakes (and reads the passages of) this many pages' index, not a whole
    /// folder's, when every page is in one folder. The reader's script joins the shards in
    /// order, and a shard's weights are counts within a passage, so the index searched is the same.
    static let maximumShardPages = 100

    /// The notes of each search shard, in reading order: one shard per top-level folder (a part),
    /// and one for the pages at the top, each cut into shards of at most `maximumShardPages`.
    static func searchShards(_ notes: [SourceNote]) -> [[SourceNote]] {
        var order: [String] = []
        var groups: [String: [SourceNote]] = [:]
        for note in notes {
            // The first folder of the page's path ("" at the top), found by bytes: splitting
            // every path into substrings was a fifth of this stage at 10,000 pages.
            let path = note.outputPath.utf8
            let folder = path.firstIndex(of: UInt8(ascii: "/")).map { "/" + String(note.outputPath[..<$0]) } ?? ""
            if groups[folder] == nil { order.append(folder) }
            groups[folder, default: []].append(note)
        }
        return order.compactMap { groups[$0] }.flatMap { group in
            stride(from: 0, to: group.count, by: maximumShardPages).map { Array(group[$0..<min($0 + maximumShardPages, group.count)]) }
        }
    }
}
