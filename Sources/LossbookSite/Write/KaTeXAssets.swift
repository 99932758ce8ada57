import Foundation

/// KaTeX's stylesheet and woff2 fonts from the Debian package, copied into the site so that math
/// displays offline and from file://. Browsers take woff2 first; the other formats are not needed.
enum KaTeXAssets {
    static let directory = URL(fileURLWithPath: "/usr/share/javascript/katex")

    static func files() -> [(String, URL)] {
        var result: [(String, URL)] = [("katex.min.css", directory.appendingPathComponent("katex.min.css"))]
        let fonts = directory.appendingPathComponent("fonts")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fonts.path)) ?? []).filter { $0.hasSuffix(".woff2") }.sorted()
        for name in names { result.append(("fonts/\(name)", fonts.appendingPathComponent(name))) }
        return result
    }
}
