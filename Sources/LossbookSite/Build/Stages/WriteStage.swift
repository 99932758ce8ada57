import Foundation

/// Write (`build` only): the files besides the pages go into the staging folder, which is then
/// swapped in for the output folder whole; the manifest and build stamp for the next build are
/// saved after it.
///
/// Reads `site`, `log`, `stampInputs`. Adds nothing to the context; on failure the staging
/// folder is removed (`BuildContext.close`) and the output folder is as it was.
struct WriteStage: BuildStage {
    let name = "write"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let options = context.options, site = context.site
        if let staging = site.staging {
            try staging.write(site.files)
            try staging.commit(copies: site.copies, links: site.links)
        }
        OutputManifest(output: options.outputDirectory, keys: site.keys, notes: site.notes).save(to: options.cacheDirectory)
        let inputs = try context.required(context.stampInputs, from: "look for changes")
        BuildStamp.save(in: options.cacheDirectory, inputs: inputs, output: options.outputDirectory, pages: site.pageCount,
                        warnings: context.log.sorted(strict: false))
    }
}
