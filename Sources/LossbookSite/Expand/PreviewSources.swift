import Foundation

/// What the other pages of the course offer to previews of links to them: each page's title and
/// description, and each of its sections' heading and first paragraph, as Markdown source. A page
/// that links to `other.md#section` (or to `other.md`) gets a copy of that heading and paragraph
/// (or of the title and description) in a `<template>` at its end (see `PreviewBlocks`), so the
/// preview needs no fetch and works from file://. Kept in each page's summary, so a page the build
/// does not parse still offers its sections.
struct PreviewSources: Sendable {
    /// A section as its page's source has it.
    struct Section: Codable, Hashable, Sendable {
        /// The heading's text, without its `#`s.
        var heading: String
        /// The first paragraph after the heading, if the section starts with one.
        var paragraph: String?
    }

    struct Page: Sendable {
        var title: String
        var description: String?
        var outputPath: String
        var sections: [String: Section]
    }

    /// By source path relative to the content folder (`2-derivations/regression.md`).
    var pages: [String: Page] = [:]
    /// Where the figures of pages the build did not parse are kept.
    var figures = FigureCopies(directory: nil)

    /// A paragraph longer than this is cut at a word, so a preview stays small.
    static let paragraphLimit = 700

    /// The sections of a parsed page: every top-level heading with its first paragraph's source.
    static func sections(of document: MarkdownDocument, body: String, firstLine: Int) -> [String: Section] {
        let lines = SourceLines.split(body)
        func line(_ number: Int) -> Substring? {
            let index = number - firstLine
            return lines.indices.contains(index) ? lines[index] : nil
        }
        var result: [String: Section] = [:]
        for (index, block) in document.blocks.enumerated() {
            guard case .heading(_, _, let anchor) = block.kind, !anchor.isEmpty, result[anchor] == nil,
                  let source = line(block.position.line) else { continue }
            var section = Section(heading: headingText(source), paragraph: nil)
            if index + 1 < document.blocks.count, case .paragraph = document.blocks[index + 1].kind {
                var text: [Substring] = []
                var number = document.blocks[index + 1].position.line
                while let next = line(number), !Blank.isBlank(next) {
                    text.append(next)
                    number += 1
                }
                section.paragraph = shortened(text.joined(separator: "\n"))
            }
            result[anchor] = section
        }
        return result
    }

    /// `## Title ##` → `Title`.
    static func headingText(_ line: Substring) -> String {
        var text = line.drop { $0 == "#" }.trimmingWhitespaces
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimmingWhitespaces
    }

    private static func shortened(_ text: String) -> String {
        guard text.count > paragraphLimit else { return text }
        var cut = String(text.prefix(paragraphLimit))
        if let space = cut.lastIndex(where: { $0 == " " || $0 == "\n" }) { cut = String(cut[..<space]) }
        // An unbalanced `$` would swallow the rest; drop the open formula.
        if cut.filter({ $0 == "$" }).count % 2 == 1, let dollar = cut.lastIndex(of: "$") { cut = String(cut[..<dollar]) }
        return cut.trimmingWhitespaces + " …"
    }

    /// A link of a page to another page of the course: where it lands and the href the page has.
    struct Target: Hashable {
        var href: String
        var source: String
        var fragment: String?
    }

    /// The page's links to other pages, each once, in page order: `checks` are its link checks
    /// (`LinkPass`), `source` its own source path.
    func targets(of checks: [LinkPass.Check], from source: String) -> [Target] {
        var seen: Set<String> = []
        var result: [Target] = []
        for check in checks where !check.image {
            guard let (target, fragment, href) = LinkPass.page(check.destination, from: source),
                  target != source, pages[target] != nil, seen.insert(href).inserted else { continue }
            if let fragment, pages[target]?.sections[fragment] == nil { continue }
            result.append(Target(href: href, source: target, fragment: fragment))
        }
        return result
    }

    /// What the previews of these links show, for the page's key: it changes when a linked
    /// section, title or description does.
    func fingerprint(of checks: [LinkPass.Check], from source: String) -> [String] {
        targets(of: checks, from: source).flatMap { target -> [String] in
            guard let page = pages[target.source] else { return [] }
            if let fragment = target.fragment, let section = page.sections[fragment] {
                return [target.href, section.heading, section.paragraph ?? ""]
            }
            return [target.href, page.title, page.description ?? ""]
        }
    }

    /// Markdown of another page made to read well out of place: links become their text,
    /// citations and footnote marks go, cross-references become "Equation (5.4)" and "Figure 5.2",
    /// and author–year citations in the text become "Huber (1964)". Nil when the text computes
    /// values (inline values need the page's own expansion).
    static func readable(_ markdown: String, labels: LabelIndex, bibliography: Bibliography) -> String? {
        if markdown.contains("`=") { return nil }
        var text = markdown
        func replace(_ pattern: String, _ transform: (NSTextCheckingResult, NSString) -> String) {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return }
            let source = text as NSString
            var result = ""
            var last = 0
            for match in expression.matches(in: text, range: NSRange(location: 0, length: source.length)) {
                result += source.substring(with: NSRange(location: last, length: match.range.location - last))
                result += transform(match, source)
                last = match.range.location + match.range.length
            }
            result += source.substring(from: last)
            text = result
        }
        replace(#"!\[[^\]]*\]\([^)]*\)"#) { _, _ in "" }
        replace(#" ?\[-?@[^\]]*\]"#) { _, _ in "" }
        replace(#"\[\^[^\]]+\]"#) { _, _ in "" }
        replace(#"\[([^\]]*)\]\([^)]*\)"#) { match, source in source.substring(with: match.range(at: 1)) }
        replace(#"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_:.-]*[A-Za-z0-9_])"#) { match, source in
            let key = source.substring(with: match.range(at: 1))
            if let target = labels.targets[key] {
                return target.kind == .equation ? "Equation (\(target.number))" : "Figure \(target.number)"
            }
            if let reference = bibliography.references[key] { return "\(reference.citedAuthors) (\(reference.citedYear))" }
            return source.substring(with: match.range)
        }
        return text
    }
}
