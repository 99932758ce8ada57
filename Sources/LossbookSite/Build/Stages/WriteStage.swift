import Foundation
import Synchronization

/// Write (`build` only): the new site goes in place of the output folder, and the manifest and
/// build stamp for the next build are saved after it. A build that keeps most of the site (an
/// edit) moves its changed files into the site one by one (`SiteWriter.Staging.updateInPlace`,
/// with a `WriteJournal` that lets the next build repair an interrupted write); one that makes
/// most of it again (the first build, a new template) has the files besides the pages written
/// into the staging folder, the kept ones linked there, and the folder swapped in whole.
///
/// Reads `site`, `log`, `stampInputs`. Adds nothing to the context; on failure the staging
/// folder is removed (`BuildContext.close`) and the output folder is as it was, or, if an
/// in-place update failed halfway, as its journal says.
struct WriteStage: BuildStage {
    let name = "write"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        try context.stopIfNotesChanged()
        let options = context.options, site = context.site
        if let staging = site.staging {
            if let cache = options.cacheDirectory, staging.suitsInPlaceUpdate(kept: site.links.count) {
                try staging.updateInPlace(files: site.files, copies: site.copies, kept: Set(site.links.keys), journalIn: cache)
            } else {
                try staging.write(site.files)
                try staging.commit(copies: site.copies, links: site.links)
            }
        }
        let inputs = try context.required(context.stampInputs, from: "look for changes")
        // The site is written: its signature for the stamp (an `lstat` of every file) is taken
        // on another core while the manifest is saved.
        let output = options.outputDirectory
        let outputs = Mutex<String?>(nil)
        let walked = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: walked) {
            let signature = BuildStamp.outputSignature(of: output)
            outputs.withLock { $0 = signature }
        }
        // Kept files were not touched by the write (in place) or only linked (a swap keeps the inode).
        let known = context.keptSignatures.filter { site.links[$0.key] != nil }
        OutputManifest(output: options.outputDirectory, keys: site.keys, notes: site.notes, known: known)
            .save(to: options.cacheDirectory, previous: context.manifest)
        // The manifest now says what the site holds: no file of it is in doubt any more.
        WriteJournal.remove(in: options.cacheDirectory)
        walked.wait()
        BuildStamp.save(in: options.cacheDirectory, inputs: inputs, output: output, pages: site.pageCount,
                        warnings: context.log.sorted(strict: false), outputs: outputs.withLock { $0 })
    }
}
