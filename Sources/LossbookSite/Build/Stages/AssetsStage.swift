import Foundation

/// Assets: the files besides the pages and the search index: the 404 page, the contents script,
/// the sitemap, the templates' assets, KaTeX's stylesheet and fonts, and the content's own files.
///
/// Reads `assembler`, `templates`, `notes`, `content.assets`, `courseDigest`, `courseKinds`,
/// `manifest`, the files already in `site`. Adds these files to `site` (the 404 page and the
/// contents script as links to the previous site's when their key is unchanged); an error for
/// a content file that would land where lossbook writes something. Stops the build on an error (on a warning too when strict).
struct AssetsStage: BuildStage {
    let name = "assets"

    func run(_ context: inout BuildContext) throws(BuildFailure) {
        let options = context.options
        let assembler = try context.required(context.assembler, from: "math, code and pages")
        let templates = try context.required(context.templates, from: "load")
        // The 404 page (which lists the whole course) and the contents script read only what
        // every page reads: kept from the last site when that did not change, as pages are
        // (60 ms of a one-page edit at 10,000 pages).
        let key = Self.courseFilesKey(context)
        keep("404.html", key: key, &context) {
            var notFound = assembler.context(for: assembler.outline.home ?? "", html: "", toc: [], listsWholeCourse: true)
            notFound["title"] = "Page not found"
            notFound["root"] = ""
            notFound["isHome"] = false
            notFound["baseHref"] = options.address.map { .text($0.baseURL) }
            return Data(templates.render("404", notFound).utf8)
        }
        keep("assets/contents.js", key: key, &context) { Data(ContentsScript.javaScript(outline: assembler.outline).utf8) }
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

    /// The kinds of input the 404 page and the contents script read: the templates, the course
    /// settings, the address and the outline (titles, paths, order and numbers of every page),
    /// and the program that makes them.
    static let courseFileInputs: Set<PageInputs.Input> = [.program, .templates, .course, .address, .outline]

    /// The key of the files made from course-wide inputs alone; nil when one of them was not
    /// recorded (then they are made every time).
    static func courseFilesKey(_ context: BuildContext) -> String? {
        guard context.courseKinds.isSuperset(of: courseFileInputs) else { return nil }
        return FNV1a128.hex(of: ["course files 1", context.courseDigest, context.options.contentDisplayPath, context.siteTitle])
    }

    /// Takes `path` from the previous site when its key is `key` and its file is as the last
    /// build left it; makes it otherwise. Records its key for the next build.
    private func keep(_ path: String, key: String?, _ context: inout BuildContext, make: () -> Data) {
        if let key {
            context.site.keys[path] = key
            if context.site.staging != nil,
               let previous = context.manifest?.reusable(path, key: key, in: context.options.outputDirectory) {
                context.site.links[path] = previous.url
                context.keptSignatures[path] = previous.signature
                return
            }
        }
        context.site.files[path] = make()
    }
}
