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
            for asset in Self.files(under: folder.appendingPathComponent("assets")) {
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

    /// A part of the course's search index, written to `path`.
    struct SearchShard {
        var name: String
        var notes: [SourceNote]
        var key: String
        var path: String { "assets/search/\(name).js" }

        /// The shard's script, from its pages' passages.
        func script(sections: [String: [SearchSection]]) -> Data {
            var search = SearchIndex()
            for note in notes {
                search.add(page: RelativePath.encoded(note.outputPath), title: note.frontMatter.title, sections: sections[note.relativePath] ?? [])
            }
            return Data(search.shardBytes(name: name))
        }

        /// The passages of the shard's pages as the last build that made the shard kept them, by
        /// page key (`.lossbook-cache/search/`): a page whose key is unchanged has the same
        /// passages, so an edit parses only the edited page, not its whole part.
        static func cachedSections(of name: String, in cacheDirectory: URL?) -> [String: [SearchSection]] {
            guard let url = cacheDirectory?.appendingPathComponent("search/\(name).json"),
                  let data = FileManager.default.contents(atPath: url.path),
                  let sections = try? JSONDecoder().decode([String: [SearchSection]].self, from: data) else { return [:] }
            return sections
        }

        /// Keeps the passages of the shard's pages (page key → passages) for the next build.
        /// Written with `JSONText` (JSONEncoder took longer than making the shard itself); read
        /// back with JSONDecoder, which only an incremental build does, for one part.
        static func store(_ sections: [String: [SearchSection]], of name: String, in cacheDirectory: URL?) {
            guard let directory = cacheDirectory?.appendingPathComponent("search") else { return }
            var json: [UInt8] = [UInt8(ascii: "{")]
            for (index, key) in sections.keys.sorted().enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                JSONText.appendString(key, to: &json)
                json.append(contentsOf: ":[".utf8)
                for (number, section) in sections[key, default: []].enumerated() {
                    if number > 0 { json.append(UInt8(ascii: ",")) }
                    json.append(UInt8(ascii: "{"))
                    if let anchor = section.anchor {
                        json.append(contentsOf: #""anchor":"#.utf8)
                        JSONText.appendString(anchor, to: &json)
                        json.append(UInt8(ascii: ","))
                    }
                    if let heading = section.heading {
                        json.append(contentsOf: #""heading":"#.utf8)
                        JSONText.appendString(heading, to: &json)
                        json.append(UInt8(ascii: ","))
                    }
                    json.append(contentsOf: #""text":"#.utf8)
                    JSONText.appendString(section.text, to: &json)
                    json.append(UInt8(ascii: "}"))
                }
                json.append(UInt8(ascii: "]"))
            }
            json.append(UInt8(ascii: "}"))
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? AtomicFile.write(Data(json), to: directory.appendingPathComponent("\(name).json"))
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

    /// Regular files below `directory`, relative and sorted; empty when it does not exist.
    static func files(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil,
                                                              options: [.skipsHiddenFiles]) else { return [] }
        let base = directory.standardizedFileURL.path + "/"
        var result: [String] = []
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            let path = url.standardizedFileURL.path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue, path.hasPrefix(base) {
                result.append(String(path.dropFirst(base.count)))
            }
        }
        return result.sorted()
    }
}
