import Foundation

/// The pieces of a build that `SiteBuilder.assemble` runs, each with everything it needs passed in.
extension SiteBuilder {
    /// The course's KaTeX macros (`content/macros.tex`); a malformed definition is an error at its line.
    static func macros(of content: LoadedContent, log: inout DiagnosticLog) -> [String: String] {
        guard let (text, displayPath) = content.macros else { return [:] }
        do {
            return try RenderService.parseMacros(text)
        } catch let error as MacroParseError {
            log.report(.error("lossbook.math.macros", at: SourceLocation(path: displayPath, line: error.line, column: error.column), error.message))
        } catch {
            log.report(.error("lossbook.math.macros", at: SourceLocation(path: displayPath, line: 1, column: 1), "\(error)"))
        }
        return [:]
    }

    /// A page whose formulas and code are rendered, through the HTML renderer and its template.
    func page(_ note: SourceNote, document: MarkdownDocument, assembler: PageAssembler, templates: TemplateSet,
              footer: PageFooter? = nil) -> Data {
        let html = HTMLRenderer().render(document)
        var context = assembler.context(for: note.relativePath, html: html, toc: AnchorCollector.headings(in: document))
        context["footer"] = footer?.context(for: note)
        context["hasToc"] = .flag(context["toc"] != nil)
        context["canonical"] = options.address.map { .text($0.url(of: note.outputPath)) }
        let template = note.relativePath == assembler.outline.home ? "home" : "page"
        return Data(templates.render(template, context).utf8)
    }

    /// The files besides the pages and the search index: the 404 page, the contents script, the
    /// sitemap, the templates' assets, KaTeX's stylesheet and fonts, and the content's own files
    /// (an error for one that would land where lossbook writes something).
    func addSupportFiles(to site: inout AssembledSite, content: LoadedContent, notes: [SourceNote], assembler: PageAssembler,
                         templates: TemplateSet, log: inout DiagnosticLog) {
        var notFound = assembler.context(for: assembler.outline.home ?? "", html: "", toc: [], listsWholeCourse: true)
        notFound["title"] = "Page not found"
        notFound["root"] = ""
        notFound["isHome"] = false
        notFound["baseHref"] = options.address.map { .text($0.baseURL) }
        site.files["404.html"] = Data(templates.render("404", notFound).utf8)
        site.files["assets/contents.js"] = Data(ContentsScript.javaScript(outline: assembler.outline).utf8)
        if let address = options.address { site.files["sitemap.xml"] = Data(address.sitemap(pages: notes.map(\.outputPath)).utf8) }

        // The theme's assets, then the templates folder's, which replace them file by file.
        for folder in [options.themeDirectory, options.templatesDirectory].compactMap({ $0 }) {
            for asset in FileListing.regularFiles(under: folder.appendingPathComponent("assets")) {
                site.copies["assets/\(asset)"] = folder.appendingPathComponent("assets/\(asset)")
            }
        }
        for (relative, source) in KaTeXAssets.files() {
            site.copies["assets/katex/\(relative)"] = source
        }
        for asset in content.assets {
            if site.files[asset] != nil || site.copies[asset] != nil || site.links[asset] != nil {
                log.report(.error("lossbook.output.collision", at: SourceLocation(path: "\(options.contentDisplayPath)/\(asset)", line: 1, column: 1),
                                  "this file would be written to \(asset) in the site, where a page or asset of lossbook already goes; rename it"))
                continue
            }
            site.copies[asset] = options.contentDirectory.appendingPathComponent(asset)
        }
    }


    /// The notes of each search shard, in reading order: one shard per top-level folder (a part),
    /// and one for the pages at the top.
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
