import Foundation

/// Where node, KaTeX, highlight.js and `renderer.js` are, and fingerprints of what they are.
///
/// Lookup order: the environment variable (`LOSSBOOK_NODE`, `LOSSBOOK_KATEX`,
/// `LOSSBOOK_HIGHLIGHT_JS`), then the Debian locations. The paths found here are handed to
/// `renderer.js` through the same variables, so Swift and node always agree on which KaTeX is used.
///
/// The fingerprints go into the cache keys instead of a version string: they are hashes of the
/// files themselves (renderer.js + katex.js for math; renderer.js + highlight.js's package.json for
/// code), so a new KaTeX, a patched Debian build or a changed option in renderer.js all invalidate
/// the cache, and a fully cached build never has to start node to ask for a version.
struct RendererInstallation: Sendable, Equatable {
    var node: URL
    var script: URL
    var katex: URL
    var highlightJS: URL?
    var mathFingerprint: String
    var codeFingerprint: String
    /// How long node may stay silent while answers are due before the build gives up on it
    /// (`LOSSBOOK_RENDER_TIMEOUT`, in seconds; a minute by default). KaTeX limits macro expansion
    /// and highlight.js's grammars are regular, so a stuck renderer is a bug, not a big batch:
    /// answers stream back a few hundred a second.
    var answerTimeout: Double = 60

    static let debianKaTeX = [
        "/usr/share/javascript/katex/katex.js",
        "/usr/share/nodejs/katex/dist/katex.js",
    ]
    static let debianHighlightJS = ["/usr/share/nodejs/highlight.js/lib/index.js"]

    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RendererInstallation {
        let fileManager = FileManager.default

        guard let node = findNode(environment: environment) else { throw RenderError.nodeNotFound }

        guard let script = rendererScript(), let scriptBytes = fileManager.contents(atPath: script.path) else {
            throw RenderError.scriptNotFound
        }

        let katexCandidates = (environment["LOSSBOOK_KATEX"].map { [$0] } ?? debianKaTeX)
        guard let katexPath = katexCandidates.first(where: { fileManager.isReadableFile(atPath: $0) }),
              let katexBytes = fileManager.contents(atPath: katexPath) else {
            throw RenderError.katexNotFound
        }

        let highlightCandidates = environment["LOSSBOOK_HIGHLIGHT_JS"].map { [$0] } ?? debianHighlightJS
        let highlightPath = highlightCandidates.first(where: { fileManager.isReadableFile(atPath: $0) })

        var math = FNV1a128()
        math.combine(field: "math")
        math.combine(length: scriptBytes.count)
        math.combine(bytes: scriptBytes)
        math.combine(length: katexBytes.count)
        math.combine(bytes: katexBytes)

        var code = FNV1a128()
        code.combine(field: "code")
        code.combine(length: scriptBytes.count)
        code.combine(bytes: scriptBytes)
        if let highlightPath {
            code.combine(field: highlightPath)
            let package = packageJSON(above: URL(fileURLWithPath: highlightPath))
            code.combine(length: package.count)
            code.combine(bytes: package)
        }

        return RendererInstallation(
            node: node,
            script: script,
            katex: URL(fileURLWithPath: katexPath),
            highlightJS: highlightPath.map { URL(fileURLWithPath: $0) },
            mathFingerprint: math.hex,
            codeFingerprint: code.hex,
            answerTimeout: environment["LOSSBOOK_RENDER_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 60
        )
    }

    /// `renderer.js`: installed with lossbook (`PREFIX/share/lossbook/`), or in the resource
    /// bundle SwiftPM puts beside the executable. Looked up by hand rather than through
    /// `Bundle.module`, which stops the program when its bundle is missing (an installed
    /// lossbook whose checkout was deleted).
    static func rendererScript(executable: URL? = Bundle.main.executableURL) -> URL? {
        guard let folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent() else { return nil }
        let candidates = [
            folder.deletingLastPathComponent().appendingPathComponent("share/lossbook/renderer.js"),
            folder.appendingPathComponent("lossbook_LossbookSite.resources/renderer.js"),
        ]
        return candidates.first { FileManager.default.isReadableFile(atPath: $0.path) }
    }

    /// The environment `renderer.js` runs with.
    func environment(inheriting base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment = base
        // The renderer opens no connection; with this set (as on many CI images) node parses the
        // whole certificate bundle as it starts, about 35 ms of CPU on every build.
        environment.removeValue(forKey: "NODE_EXTRA_CA_CERTS")
        environment["LOSSBOOK_KATEX"] = katex.path
        if let highlightJS {
            environment["LOSSBOOK_HIGHLIGHT_JS"] = highlightJS.path
        } else {
            environment.removeValue(forKey: "LOSSBOOK_HIGHLIGHT_JS")
        }
        return environment
    }

    private static func findNode(environment: [String: String]) -> URL? {
        let fileManager = FileManager.default
        if let explicit = environment["LOSSBOOK_NODE"] {
            return fileManager.isExecutableFile(atPath: explicit) ? URL(fileURLWithPath: explicit) : nil
        }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for name in ["node", "nodejs"] {
            for directory in directories where !directory.isEmpty {
                let path = directory + "/" + name
                if fileManager.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
            }
        }
        return nil
    }

    /// The bytes of the nearest package.json above `file` (highlight.js 9 has no version property).
    private static func packageJSON(above file: URL) -> Data {
        var directory = file.deletingLastPathComponent()
        for _ in 0..<3 {
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent("package.json").path) {
                return data
            }
            directory = directory.deletingLastPathComponent()
        }
        return Data()
    }
}
