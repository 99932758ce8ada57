/// Checks every relative link and image of a page and points `.md` links at the pages they become.
/// Links that leave the content folder, absolute paths, missing pages and missing anchors are errors.
struct LinkPass: TreePass {
    /// What a link can land on.
    struct Targets {
        /// Source path (`2-derivations/regression.md`) → the anchors its page defines.
        var anchors: [String: Set<String>]
        /// Other files of the content folder (images, data), by relative path.
        var assets: Set<String>
    }

    let targets: Targets
    /// The page's source path, relative to the content folder.
    let source: String
    let displayPath: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Every link and image checked, in page order, for the page's summary.
    private(set) var checks: [Check] = []

    /// A link or image as the page has it: enough to check it again without the page, at its
    /// place (`StoredRange`).
    struct Check: Codable, Hashable, Sendable, StoredRange {
        var image: Bool
        var destination: String
        var line: Int
        var column: Int
        var endLine: Int?
        var endColumn: Int?

        init(image: Bool, destination: String, at range: SourceRange) {
            self.image = image
            self.destination = destination
            line = range.start.line
            column = range.start.column
            endLine = range.end.line
            endColumn = range.end.column
        }
    }

    /// Checks a page's links and images again from its summary, reporting what `rewrite` would.
    mutating func replay(_ checks: [Check]) {
        for check in checks {
            let range = check.range
            if check.image { checkImage(check.destination, at: range) } else { _ = resolveLink(check.destination, at: range) }
        }
    }

    init(targets: Targets, source: String, displayPath: String) {
        self.targets = targets
        self.source = source
        self.displayPath = displayPath
    }

    mutating func visit(inline: Inline) -> [Inline]? {
        switch inline {
        case .link(let destination, let title, let content, let at):
            let resolved = resolveLink(destination, at: at)
            return [.link(destination: resolved, title: title, content: rewrite(content), at: at)]
        case .image(let source, let title, let alt, let at):
            checkImage(source, at: at)
            return [.image(source: source, title: title, alt: alt, at: at)]
        default:
            return nil
        }
    }

    private static func isExternal(_ link: String) -> Bool {
        if link.hasPrefix("//") { return true }
        guard let colon = link.firstIndex(of: ":") else { return false }
        let scheme = link[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    /// Checks a link and returns where it points in the site (`.md` links become `.html`).
    mutating func resolveLink(_ destination: String, at: SourceRange) -> String {
        checks.append(Check(image: false, destination: destination, at: at))
        guard !destination.isEmpty, !Self.isExternal(destination) else { return destination }
        let (path, query, fragment) = Self.split(destination)
        if path.isEmpty {
            if query != nil { return destination }
            if let fragment, !(targets.anchors[source]?.contains(fragment) ?? false) {
                report(at, "link to '#\(fragment)', which is not a heading or label of this page")
            }
            return destination
        }
        guard let target = confined(path, at: at) else { return destination }
        if target.hasSuffix(".md") {
            guard let anchors = targets.anchors[target] else {
                report(at, "link to '\(path)', which is not a note of the course (looked for content/\(target))")
                return destination
            }
            if let fragment, !anchors.contains(fragment) {
                report(at, "link to '\(path)#\(fragment)': that page has no heading or label '\(fragment)'")
            }
            return Self.href(to: target, from: source, query: query, fragment: fragment)
        }
        if !targets.assets.contains(target) {
            report(at, "link to '\(path)', which does not exist in the content folder")
        }
        return destination
    }

    /// Where a link to another page lands, as `resolveLink` writes it: the target's source path,
    /// the fragment, and the href (`../2-derivations/regression.html#step-2`). Nil for links that
    /// are not to a page of the course (external, same page, outside the content folder, assets).
    static func page(_ destination: String, from source: String) -> (target: String, fragment: String?, href: String)? {
        guard !destination.isEmpty, !isExternal(destination) else { return nil }
        let (path, query, fragment) = split(destination)
        guard !path.isEmpty, !path.hasPrefix("/"),
              let target = RelativePath.resolve(path.removingPercentEncoding ?? path, from: source), target.hasSuffix(".md") else { return nil }
        return (target, fragment, href(to: target, from: source, query: query, fragment: fragment))
    }

    private static func href(to target: String, from source: String, query: String?, fragment: String?) -> String {
        let outputPage = String(source.dropLast(3)) + ".html"
        let outputTarget = String(target.dropLast(3)) + ".html"
        return RelativePath.from(outputPage, to: outputTarget) + (query.map { "?\($0)" } ?? "") + (fragment.map { "#\($0)" } ?? "")
    }

    /// Checks an image's source.
    mutating func checkImage(_ source: String, at: SourceRange) {
        checks.append(Check(image: true, destination: source, at: at))
        guard !Self.isExternal(source), !source.hasPrefix("data:") else { return }
        let (path, _, _) = Self.split(source)
        guard let target = confined(path, at: at) else { return }
        if !targets.assets.contains(target) {
            report(at, "image '\(path)' does not exist in the content folder")
        }
    }

    /// The link as a path inside the content folder, or nil (with an error) when it leaves it.
    private mutating func confined(_ path: String, at: SourceRange) -> String? {
        if path.hasPrefix("/") {
            report(at, "refused: '\(path)' is an absolute path; link relative to this note so the site works from any folder")
            return nil
        }
        let decoded = path.removingPercentEncoding ?? path
        guard let resolved = RelativePath.resolve(decoded, from: source) else {
            report(at, "refused: '\(path)' leads outside the content folder")
            return nil
        }
        return resolved
    }

    /// Path, query and fragment as a browser splits a link: the path ends at the first `?` or
    /// `#`, so a file whose name holds one must be linked with it percent-encoded (`%3F`, `%23`).
    static func split(_ link: String) -> (path: String, query: String?, fragment: String?) {
        var rest = Substring(link)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            let text = String(rest[rest.index(after: hash)...])
            fragment = text.isEmpty ? nil : text
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        return (String(rest), query, fragment)
    }

    /// A problem of a link or image: printed at its `[` (or `!`), carrying its end for tools.
    private mutating func report(_ at: SourceRange, _ message: String) {
        diagnostics.append(.error(.linkBroken, at: SourceLocation(path: displayPath, range: at), message))
    }
}
