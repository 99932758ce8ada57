import Foundation

/// The HTML of each labelled figure, for previews of it on other pages, in
/// `.lossbook-cache/figures/` by digest: kept out of the page summaries, which every build reads
/// whole, because a figure (two SVG layouts) is large. A parsed page stores its figures; a page
/// that copies a figure of a page the build did not parse reads it back by the digest its
/// summary holds. The whole cache goes together with the summaries, so a summary's figures are
/// there whenever the summary is.
struct FigureCopies {
    let directory: URL?

    func store(_ definitions: [LabelIndex.Definition]) {
        guard let directory else { return }
        for definition in definitions {
            guard let html = definition.html, let key = definition.htmlKey else { continue }
            let url = directory.appendingPathComponent(key + ".html")
            if FileManager.default.fileExists(atPath: url.path) { continue }
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? AtomicFile.write(Data(html.utf8), to: url)
        }
    }

    func html(for target: LabelIndex.Target) -> String? {
        if let html = target.html { return html }
        guard let directory, let key = target.htmlKey,
              let data = FileManager.default.contents(atPath: directory.appendingPathComponent(key + ".html").path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Removes the copies no figure of the course has now.
    func sweep(keeping keys: Set<String>) {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasSuffix(".html") && !keys.contains(String(name.dropLast(5))) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
