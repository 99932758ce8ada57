import Foundation
import MarkupEscaping

/// A page template: the part of Mustache the course's templates use, parsed once and rendered for
/// every page. Variables (`{{name}}` escaped, `{{{name}}}` and `{{& name}}` not), sections
/// (`{{#name}}…{{/name}}`: once for a true value or an object, once per element of a list, not for
/// a missing, false or empty value), inverted sections (`{{^name}}`), partials (`{{> name}}`) and
/// comments (`{{! … }}`). Names are looked up from the innermost section outwards; `a.b` looks up
/// `b` in `a`; `.` is the current element. A tag alone on its line takes the whole line with it.
///
/// Why not swift-mustache, which the project used first: it looks every name up by casting values
/// to its protocols, which made templating the most expensive part of a cold build after KaTeX
/// (about 0.85 ms of CPU a page, most of it the sidebar). This renderer works on the plain values
/// the page assembler builds (`TemplateValue`); with it, a cold build of the 1000-page benchmark
/// course uses 0.65 s less CPU, for the same bytes. Changing delimiters (`{{=…=}}`) and lambdas are not supported.
struct PageTemplate: Sendable {
    enum Node: Sendable {
        /// Literal text, as the UTF-8 it is appended as (a page appends about five hundred).
        case text([UInt8])
        case variable(name: Name, escaped: Bool)
        case section(name: Name, inverted: Bool, children: [Node])
        case partial(name: String, indentation: String)
    }

    /// A name as looked up: `.`, or its dot-separated parts (split once, when parsing).
    struct Name: Sendable {
        var parts: [String]
        var isCurrent: Bool { parts.isEmpty }

        init(_ text: String) {
            parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// A template's syntax error: where in the template (`SourcePosition`, the build's one way of
    /// counting lines and columns), and what.
    struct SyntaxError: Error, Equatable {
        var position: SourcePosition
        var message: String

        init(line: Int, column: Int, message: String) {
            position = SourcePosition(line: line, column: column)
            self.message = message
        }

        var line: Int { position.line }
        var column: Int { position.column }
    }

    let nodes: [Node]

    /// The names of the partials the template includes, for checking that they exist.
    var partialNames: Set<String> {
        var names: Set<String> = []
        func collect(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .partial(let name, _): names.insert(name)
                case .section(_, _, let children): collect(children)
                default: break
                }
            }
        }
        collect(nodes)
        return names
    }

    init(parsing text: String) throws(SyntaxError) {
        nodes = try Parser(text).parse()
    }

    /// Renders the template with `context`; `partials` are the other templates, by name.
    func render(_ context: TemplateContext, partials: [String: PageTemplate]) -> String {
        String(decoding: renderBytes(context, partials: partials).bytes, as: UTF8.self)
    }

    /// The same as UTF-8 bytes, the form a page is written in, with where each `.markup` value
    /// went in unescaped (`markupSlots`, in order; nil when one went through an indented partial,
    /// which moves its bytes). `capacity`, when the caller knows better, is the room to reserve.
    func renderBytes(_ context: TemplateContext, partials: [String: PageTemplate], capacity: Int? = nil) -> Rendered {
        var out: [UInt8] = []
        // Room for the page's own values (its HTML is most of a page) and the template around
        // them, so that the page is not copied each time the buffer outgrows its storage.
        out.reserveCapacity(capacity ?? context.values.reduce(16 * 1024) { $0 + ($1.text?.utf8.count ?? $1.markup?.count ?? 0) })
        var renderer = Renderer(partials: partials, stack: [.object(context)])
        renderer.render(nodes, into: &out)
        return Rendered(bytes: out, markupSlots: renderer.indentedMarkup ? nil : renderer.markupSlots)
    }

    /// `renderBytes` into `Data`, for a page too large to copy again (the print page): the
    /// same bytes, and where each `.markup` value was put (in order; an indented partial's
    /// indentation may have changed what lies there, so a caller compares before relying on one).
    func renderData(_ context: TemplateContext, partials: [String: PageTemplate], capacity: Int) -> (data: Data, markupSlots: [Range<Int>]) {
        var out = Data()
        out.reserveCapacity(capacity)
        var renderer = Renderer(partials: partials, stack: [.object(context)])
        renderer.render(nodes, into: &out)
        return (out, renderer.markupSlots)
    }

    struct Rendered {
        var bytes: [UInt8]
        var markupSlots: [Range<Int>]?
    }
}

// MARK: - Parsing

private struct Parser {
    enum TagKind { case variable, raw, section, inverted, close, partial, comment }

    enum Token {
        case text(String)
        case tag(kind: TagKind, name: String, line: Int, column: Int)
        /// A line break (kept as it is: "\n" or "\r\n").
        case newline(String)
    }

    let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    func parse() throws(PageTemplate.SyntaxError) -> [PageTemplate.Node] {
        let lines = try tokenLines()
        var flat: [(token: Token, indentation: String)] = []
        for line in lines {
            flat += Self.withoutStandaloneWhitespace(line)
        }
        var index = 0
        let nodes = try build(flat, from: &index, closing: nil, depth: 0)
        return nodes
    }

    /// The tokens, line by line (each line ends with its newline token, except maybe the last).
    private func tokenLines() throws(PageTemplate.SyntaxError) -> [[Token]] {
        var lines: [[Token]] = [[]]
        var line = 1
        var lineStart = 0
        var index = 0
        var textStart = 0
        func flushText(upTo end: Int) {
            if end > textStart { lines[lines.count - 1].append(.text(String(decoding: bytes[textStart..<end], as: UTF8.self))) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                let breakStart = index > textStart && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
                flushText(upTo: breakStart)
                lines[lines.count - 1].append(.newline(String(decoding: bytes[breakStart...index], as: UTF8.self)))
                lines.append([])
                index += 1
                textStart = index
                line += 1
                lineStart = index
                continue
            }
            guard byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            flushText(upTo: index)
            let column = index - lineStart + 1
            let triple = index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{")
            let contentStart = index + (triple ? 3 : 2)
            let closer: [UInt8] = triple ? Array("}}}".utf8) : Array("}}".utf8)
            guard let close = find(closer, from: contentStart, stoppingAtNewline: true) else {
                throw .init(line: line, column: column, message: "a tag is not finished (missing '\(triple ? "}}}" : "}}")')")
            }
            var content = String(decoding: bytes[contentStart..<close], as: UTF8.self)
            var kind = TagKind.variable
            if triple {
                kind = .raw
            } else if let first = content.first {
                switch first {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "!": kind = .comment
                case "&": kind = .raw
                case "=":
                    throw .init(line: line, column: column, message: "changing the delimiters ('{{=…=}}') is not supported")
                default: break
                }
                if kind != .variable { content.removeFirst() }
            }
            let name = content.trimmingSpaces
            if kind != .comment, !Self.isName(name) {
                throw .init(line: line, column: column, message: name.isEmpty ? "a tag has no name" : "'\(name)' is not a name (letters, digits, '-', '_', '.')")
            }
            lines[lines.count - 1].append(.tag(kind: kind, name: name, line: line, column: column))
            index = close + closer.count
            textStart = index
        }
        flushText(upTo: bytes.count)
        return lines
    }

    /// A line holding one section, inverted, close, partial or comment tag and otherwise only
    /// spaces and tabs is dropped, tag apart: its whitespace and its line break do not reach the
    /// output (a partial keeps the whitespace as the indentation of its lines).
    private static func withoutStandaloneWhitespace(_ line: [Token]) -> [(token: Token, indentation: String)] {
        var tags: [Token] = []
        var whitespace = ""
        var onlyWhitespace = true
        for token in line {
            switch token {
            case .tag(let kind, _, _, _):
                if kind == .variable || kind == .raw { onlyWhitespace = false }
                tags.append(token)
            case .text(let text):
                if text.allSatisfy({ $0 == " " || $0 == "\t" }) { if tags.isEmpty { whitespace += text } } else { onlyWhitespace = false }
            case .newline:
                break
            }
        }
        guard onlyWhitespace, tags.count == 1, case .tag(let kind, _, _, _) = tags[0] else {
            return line.map { ($0, "") }
        }
        return [(tags[0], kind == .partial ? whitespace : "")]
    }

    private func build(_ tokens: [(token: Token, indentation: String)], from index: inout Int,
                       closing open: (name: String, line: Int, column: Int)?, depth: Int) throws(PageTemplate.SyntaxError) -> [PageTemplate.Node] {
        var nodes: [PageTemplate.Node] = []
        while index < tokens.count {
            let (token, indentation) = tokens[index]
            index += 1
            switch token {
            case .text(let text), .newline(let text):
                if case .text(let previous)? = nodes.last {
                    nodes[nodes.count - 1] = .text(previous + Array(text.utf8))
                } else {
                    nodes.append(.text(Array(text.utf8)))
                }
            case .tag(let kind, let name, let line, let column):
                switch kind {
                case .variable: nodes.append(.variable(name: PageTemplate.Name(name), escaped: true))
                case .raw: nodes.append(.variable(name: PageTemplate.Name(name), escaped: false))
                case .comment: break
                case .partial: nodes.append(.partial(name: name, indentation: indentation))
                case .section, .inverted:
                    // Parsing and rendering recurse once per open section.
                    guard depth < Limits.templateSectionDepth else {
                        throw .init(line: line, column: column, message: "sections nest deeper than \(Limits.templateSectionDepth) levels")
                    }
                    let children = try build(tokens, from: &index, closing: (name, line, column), depth: depth + 1)
                    nodes.append(.section(name: PageTemplate.Name(name), inverted: kind == .inverted, children: children))
                case .close:
                    guard let open else {
                        throw .init(line: line, column: column, message: "'{{/\(name)}}' closes a section that was never opened")
                    }
                    guard open.name == name else {
                        throw .init(line: line, column: column,
                                    message: "a section is closed with a different name than it was opened with ('{{#\(open.name)}}' at line \(open.line), closed by '{{/\(name)}}')")
                    }
                    return nodes
                }
            }
        }
        if let open {
            throw .init(line: open.line, column: open.column, message: "a section is never closed (missing '{{/\(open.name)}}')")
        }
        return nodes
    }

    private func find(_ needle: [UInt8], from start: Int, stoppingAtNewline: Bool) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if stoppingAtNewline && bytes[index] == UInt8(ascii: "\n") { return nil }
            if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
            default: false
            }
        }
    }
}

// MARK: - Rendering

private struct Renderer {
    let partials: [String: PageTemplate]
    var stack: [TemplateValue]
    var partialDepth = 0
    /// Where `.markup` values went in unescaped; whether one went in inside an indented partial.
    var markupSlots: [Range<Int>] = []
    var indentedMarkup = false
    var indenting = 0

    /// Renders into `out`: a page's `[UInt8]`, or the print page's `Data` (tens of megabytes,
    /// which the site holds as `Data`: made there, it is not copied again).
    mutating func render<Out: TemplateOutput>(_ nodes: [PageTemplate.Node], into out: inout Out) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                guard let value = lookUp(name) else { continue }
                switch value {
                case .text(let text): if escaped { out.appendEscaped(text) } else { out.append(contentsOf: text.utf8) }
                case .markup(let bytes):
                    if escaped {
                        out.appendEscaped(String(decoding: bytes, as: UTF8.self))
                    } else {
                        markupSlots.append(out.count..<(out.count + bytes.count))
                        if indenting > 0 { indentedMarkup = true }
                        out.append(contentsOf: bytes)
                    }
                case .number(let number): out.append(contentsOf: String(number).utf8)
                case .flag(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
                case .list, .object: break  // nothing sensible to print
                }
            case .section(let name, let inverted, let children):
                let value = lookUp(name)
                if inverted {
                    if !Self.isTrue(value) { render(children, into: &out) }
                    continue
                }
                switch value {
                case .list(let items)?:
                    for item in items { renderPushing(item, children, into: &out) }
                case .flag(let flag)?:
                    if flag { render(children, into: &out) }
                case let value?:
                    if Self.isTrue(value) { renderPushing(value, children, into: &out) }
                case nil:
                    break
                }
            case .partial(let name, let indentation):
                // TemplateSet refuses partials that include themselves; this is the backstop.
                guard let partial = partials[name], partialDepth < Limits.partialDepth else { continue }
                partialDepth += 1
                defer { partialDepth -= 1 }
                if indentation.isEmpty {
                    render(partial.nodes, into: &out)
                } else {
                    var included: [UInt8] = []
                    indenting += 1
                    render(partial.nodes, into: &included)
                    indenting -= 1
                    Self.appendIndented(included, by: indentation, to: &out)
                }
            }
        }
    }

    private mutating func renderPushing<Out: TemplateOutput>(_ value: TemplateValue, _ nodes: [PageTemplate.Node], into out: inout Out) {
        stack.append(value)
        render(nodes, into: &out)
        stack.removeLast()
    }

    /// The value of `name`, looked up from the innermost section outwards.
    private func lookUp(_ name: PageTemplate.Name) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var value: TemplateValue?
        for scope in stack.reversed() {
            if case .object(let members) = scope, let found = members[first] {
                value = found
                break
            }
        }
        for part in name.parts.dropFirst() {
            value = value?[part]
        }
        return value
    }

    /// False, missing, empty text and empty lists are false; everything else is true.
    private static func isTrue(_ value: TemplateValue?) -> Bool {
        switch value {
        case nil: false
        case .flag(let flag)?: flag
        case .text(let text)?: !text.isEmpty
        case .markup(let bytes)?: !bytes.isEmpty
        case .list(let items)?: !items.isEmpty
        case .number?, .object?: true
        }
    }

    /// `text` with `indentation` before each of its lines (a line starts after every "\n", which
    /// ends a character in UTF-8 and in Unicode's grapheme rules alike, if anything follows it).
    /// Appended a line at a time: byte by byte, a print page whose template indents its chapters
    /// (tens of megabytes into `Data`) took over a second.
    static func appendIndented<Out: TemplateOutput>(_ text: [UInt8], by indentation: String, to out: inout Out) {
        let indentation = Array(indentation.utf8)
        text.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                let end = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: start).map { $0 + 1 } ?? bytes.count
                out.append(contentsOf: indentation)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
    }
}

/// Where a template renders to: a page's bytes, or the print page's `Data`.
protocol TemplateOutput: RangeReplaceableCollection where Element == UInt8 {
    mutating func appendEscaped(_ text: String)
}

extension Array: TemplateOutput where Element == UInt8 {
    mutating func appendEscaped(_ text: String) { MarkupEscaping.appendEscaped(text, to: &self) }
}

extension Data: TemplateOutput {
    mutating func appendEscaped(_ text: String) {
        var escaped: [UInt8] = []
        MarkupEscaping.appendEscaped(text, to: &escaped)
        append(contentsOf: escaped)
    }
}

private extension String {
    var trimmingSpaces: String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
