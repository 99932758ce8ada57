import Foundation

/// Assets: the files besides the pages and the search index: the 404 page, the contents script,
/// the sitemap, the templates' assets, KaTeX's stylesheet and fonts, and the content's own files.
///
/// Reads `assembler`, `templates`, `notes`, `content.assets`, the files already in `site`. Adds
/// these files to `site`; an error for a content file that would land where lossbook writes
/// something. Stops the build on an error (on a warning too when strict).
struct AssetsStage: BuildStage {
    let name = "assets"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let options = context.options
        let assembler = try context.required(context.assembler, from: "math, code and pages")
        let templates = try context.required(context.templates, from: "load")
        var notFound = assembler.context(for: assembler.outline.home ?? "", html: "", toc: [], listsWholeCourse: true)
        notFound["title"] = "Page not found"
        notFound["root"] = ""
        notFound["isHome"] = false
        notFound["baseHref"] = options.address.map { .text($0.baseURL) }
        context.site.files["404.html"] = Data(templates.render("404", notFound).utf8)
        context.site.files["assets/contents.js"] = Data(ContentsScript.javaScript(outline: assembler.outline).utf8)
        if let address = options.address {
            context.site.files["sitemap.xml"] = Data(address.sitemap(pages: context.notes.map(\.outputPath)).utf8)
        }
        // The theme's assets, then the templates folder's, which replace them file by file.
        for folder in [options.themeDirectory, options.templatesDirectory].compactMap({ $0 }) {
            for asset in FileListing.regularFiles(under: folder.appendingPathComponent("assets")) {
                context.site.copies["assets/\(asset)"] = folder.appendingPathComponent("assets/\(asset)")
            }
        }
        for (relative, source) in KaTeXAssets.files() {
            context.site.copies["assets/katex/\(relative)"] = source
        }
        for asset in context.content.assets {
            let site = context.site
            if site.files[asset] != nil || site.copies[asset] != nil || site.links[asset] != nil {
                context.log.report(.error(.outputCollision, at: SourceLocation(path: "\(options.contentDisplayPath)/\(asset)", line: 1, column: 1),
                                          "this file would be written to \(asset) in the site, where a page or asset of lossbook already goes; rename it"))
                continue
            }
            context.site.copies[asset] = options.contentDirectory.appendingPathComponent(asset)
        }
        try context.stopIfFailed(strict: options.strict)
    }
}
