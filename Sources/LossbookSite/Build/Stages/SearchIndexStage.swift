import Foundation

/// Search index: the course's search index, one shard per part of the course. Made while node
/// renders the first chunks of pages, on the cores node leaves (see `concurrentMap(sparing:lentWhile:)`);
/// it reads TeX, not KaTeX's output, so it needs no rendered page.
///
/// Reads `shards`, `unchangedShards`, `sections`, `documents`, `pageKeys`. Adds to `site` each
/// shard (made again, or linked from the last site) and the loader script, and keeps each made
/// shard's passages in the cache for the next build.
struct SearchIndexStage: BuildStage {
    let name = "search index"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        for shard in context.shards {
            context.site.keys[shard.path] = shard.key
            if let previous = context.unchangedShards[shard.path] { context.site.links[shard.path] = previous }
        }
        let made = context.shards.filter { context.unchangedShards[$0.path] == nil }
        // On the cores node leaves: all while it has nothing to render, all but one while it has.
        let prefetcher = context.prefetcher, pipeline = context.pipeline, lastChunk = max(0, context.chunks.count - 1)
        let nodeIdle: @Sendable () -> Bool = { (prefetcher?.isIdle ?? true) && (pipeline?.isReady(lastChunk) ?? true) }
        let spared = prefetcher == nil && pipeline == nil ? 0 : 1
        let documents = context.documents
        let unsectioned = made.flatMap(\.notes).filter { context.sections[$0.relativePath] == nil && documents[$0.relativePath] != nil }
        let memo = ReadableMathMemo()
        let found = unsectioned.concurrentMap(sparing: spared, lentWhile: nodeIdle) { note in
            SearchSections.sections(of: documents[note.relativePath]!, memo: memo)
        }
        for (note, sections) in zip(unsectioned, found) { context.sections[note.relativePath] = sections }
        let sections = context.sections
        let scripts = made.concurrentMap(sparing: spared, lentWhile: nodeIdle) { $0.script(sections: sections) }
        for (shard, script) in zip(made, scripts) {
            var kept: [String: [SearchSection]] = [:]
            for note in shard.notes {
                if let key = context.pageKeys[note.relativePath] { kept[key] = context.sections[note.relativePath] }
            }
            context.site.files[shard.path] = script
            SearchShard.store(kept, of: shard.name, in: context.options.cacheDirectory)
        }
        context.site.files["assets/search-index.js"] = Data(SearchIndex.loaderScript(shards: context.shards.map { ($0.name, $0.path) }).utf8)
    }
}
