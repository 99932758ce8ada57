import Foundation

/// Where the site will be published (`--base-url https://example.org/lossbook/`) and what that
/// adds: `sitemap.xml` with absolute URLs, a canonical link on every page, and a `<base>` on the
/// 404 page so that its links and styles work at whatever depth the server shows it.
///
/// Without a base URL there is no sitemap: the sitemap protocol requires absolute URLs, and a
/// relative one would be ignored by every crawler. Links inside the site stay relative either way,
/// so the same build reads from file:// and from any sub-path.
public struct SiteAddress: Sendable, Equatable {
    /// Absolute, with a trailing slash.
    public let baseURL: String

    /// nil when `text` is not an absolute http(s) URL without query or fragment.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespaces
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              !trimmed.contains("?"), !trimmed.contains("#"), !trimmed.contains(" "),
              let host = trimmed.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first,
              !host.isEmpty else { return nil }
        baseURL = trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    /// The public URL of a page given by its path in the site; a folder's `index.html` is
    /// addressed as the folder.
    public func url(of page: String) -> String {
        if page == "index.html" { return baseURL }
        if page.hasSuffix("/index.html") { return baseURL + RelativePath.encoded(String(page.dropLast("index.html".count))) }
        return baseURL + RelativePath.encoded(page)
    }

    /// `sitemap.xml` for `pages` (paths in the site, in reading order). No `<lastmod>`: the build
    /// is deterministic and carries no timestamps.
    public func sitemap(pages: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            xml += "<url><loc>\(HTMLWriter.escape(url(of: page)))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }
}
