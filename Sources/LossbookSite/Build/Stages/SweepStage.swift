import Foundation

/// Sweep caches (`build` only): a build that remade every page has looked up every formula,
/// code block and computed result the course needs, so what it did not use is left over from
/// earlier versions and goes.
///
/// Reads `unchangedPages`, `notes`, `computed`, `service`, `shards`, `engineFingerprint`. Adds
/// nothing; removes unused entries from the cache folder.
struct SweepStage: BuildStage {
    let name = "sweep caches"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        guard context.unchangedPages.isEmpty, !context.notes.isEmpty else { return }
        context.computed.sweep()
        if let service = context.service {
            // Beside the write, like the flush `PagesStage` started (in either order: each holds
            // the service's lock).
            DispatchQueue.global(qos: .userInitiated).async(group: context.backgroundSaves) { service.sweepCache() }
        }
        if let cacheDirectory = context.options.cacheDirectory {
            CacheSweep.removeLeftovers(in: cacheDirectory, shardNames: Set(context.shards.map(\.name)), engine: context.engineFingerprint)
        }
    }
}
