import Foundation

/// Search index: the course's search index, one shard per part of the course. Made on this
/// thread while node renders the first chunk of pages on the other core; it reads TeX, not
/// KaTeX's output, so it needs no rendered page.
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
        for shard in context.shards where context.unchangedShards[shard.path] == nil {
            var kept: [String: [SearchSection]] = [:]
            for note in shard.notes {
                if context.sections[note.relativePath] == nil, let document = context.documents[note.relativePath] {
                    context.sections[note.relativePath] = SearchSections.sections(of: document)
                }
                if let key = context.pageKeys[note.relativePath] { kept[key] = context.sections[note.relativePath] }
            }
            context.site.files[shard.path] = shard.script(sections: context.sections)
            SearchShard.store(kept, of: shard.name, in: context.options.cacheDirectory)
        }
        context.site.files["assets/search-index.js"] = Data(SearchIndex.loaderScript(shards: context.shards.map { ($0.name, $0.path) }).utf8)
    }
}
