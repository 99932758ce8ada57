import Foundation

/// The course's settings, from `lossbook.yml` beside the content folder: what the course is
/// called and by whom, under which licence, where its sources and its published site live, and
/// where its folders are. Command-line flags override the folders and the base URL.
///
/// Read through the same YAML path as front matter (`YAMLReader`, `FieldReader`), so every
/// problem is reported as `lossbook.yml:line:col: error: …`, all of them at once, and an unknown
/// key gets a "did you mean" from the known ones.
public struct CourseConfig: Sendable, Equatable {
    public static let fileName = "lossbook.yml"
    /// Larger than any sensible course settings file: the file is read whole and parsed.
    public static let maximumBytes = 64 * 1024
    /// Deepest nesting (block indentation levels or flow brackets) looked at; the settings are flat.
    public static let maximumDepth = 16

    public var title: String?
    public var subtitle: String?
    public var authors: [String] = []
    public var description: String?
    /// A BCP 47 tag such as `en` or `fr-CA`, for `<html lang>`.
    public var language: String?
    /// Free text ("CC BY-SA 4.0"), shown in the page footer.
    public var licence: String?
    /// An http(s) URL of the course's source repository, for "edit this page" links.
    public var repository: String?
    public var baseURL: String?
    /// Paths as written, relative to the folder of the config file.
    public var macros: String?
    public var content: String?
    public var templates: String?
    public var output: String?
    /// Whether the build makes `print.html`, the whole course on one page (on by default, as
    /// mdBook's `output.html.print.enable`). `lossbook pdf` makes it whatever this says.
    public var print = true

    public init() {}

    /// Reads `url`, shown in messages as `displayPath`. Every problem is returned, with nothing
    /// read when there is one.
    public static func load(from url: URL, displayPath: String) -> Result<CourseConfig, BuildFailure> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(BuildFailure([.error(.configUnreadable, at: SourceLocation(path: displayPath, line: 1, column: 1),
                                                 "cannot read the course settings file")]))
        }
        guard data.count <= maximumBytes else {
            return .failure(BuildFailure([.error(.configTooLarge, at: SourceLocation(path: displayPath, line: 1, column: 1),
                                                 "the course settings file is \(data.count) bytes; at most \(maximumBytes) are read")]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(BuildFailure([.error(.configUnreadable, at: SourceLocation(path: displayPath, line: 1, column: 1),
                                                 "the course settings file is not UTF-8 text")]))
        }
        return parse(text, path: displayPath)
    }

    /// Parses the text of a settings file.
    public static func parse(_ text: String, path: String) -> Result<CourseConfig, BuildFailure> {
        if let deep = tooDeep(text) {
            return .failure(BuildFailure([.error(.configTooDeep, at: SourceLocation(path: path, line: deep.line, column: deep.column),
                                                 "nested more than \(maximumDepth) levels deep; the course settings are one level of 'key: value' lines")]))
        }
        let value: YAMLValue
        switch YAMLReader.parse(text, path: path, origin: SourcePosition(line: 1, column: 1)) {
        case .failure(let diagnostic): return .failure(BuildFailure([diagnostic]))
        case .success(let parsed): value = parsed
        }
        var fields = FieldReader(value, path: path, subject: "the course settings")
        var config = CourseConfig()
        config.title = fields.string("title")
        config.subtitle = fields.string("subtitle")
        config.authors = fields.strings("authors") ?? []
        config.description = fields.string("description")
        config.language = fields.string("language")
        // Both spellings are accepted; only one may be given.
        let licence = fields.string("licence")
        let license = fields.string("license")
        if licence != nil, license != nil, let second = position(of: "license", in: value) {
            fields.error(.configDuplicate, at: second, "'licence' and 'license' are the same setting; keep one")
        }
        config.licence = licence ?? license
        config.repository = fields.string("repository")
        config.baseURL = fields.string("base-url")
        config.macros = fields.string("macros")
        config.content = fields.string("content")
        config.templates = fields.string("templates")
        config.output = fields.string("output")
        config.print = fields.bool("print") ?? true
        fields.rejectUnknownFields()

        if let language = config.language, !isLanguageTag(language), let at = valuePosition(of: "language", in: value) {
            fields.error(.configLanguage, at: at, "'\(language)' is not a language tag such as 'en' or 'pt-BR'")
        }
        for key in ["repository", "base-url"] {
            let text = key == "repository" ? config.repository : config.baseURL
            if let text, SiteAddress(text) == nil, let at = valuePosition(of: key, in: value) {
                fields.error(.configUrl, at: at, "'\(key)' must be an absolute http(s) URL without query or fragment, got '\(text)'")
            }
        }
        for key in ["macros", "content", "templates", "output"] {
            if let at = valuePosition(of: key, in: value), case .scalar(let text, _, _, _)? = pair(key, in: value)?.value,
               text.trimmingWhitespaces.isEmpty {
                fields.error(.configPath, at: at, "'\(key)' is an empty path")
            }
        }
        if let title = config.title, title.trimmingWhitespaces.isEmpty, let at = valuePosition(of: "title", in: value) {
            fields.error(.configTitle, at: at, "the title is empty")
        }
        if fields.hasErrors { return .failure(BuildFailure(fields.diagnostics)) }
        return .success(config)
    }

    private static func pair(_ key: String, in value: YAMLValue) -> YAMLPair? {
        guard case .mapping(let pairs, _) = value else { return nil }
        return pairs.first { $0.key == key }
    }

    private static func position(of key: String, in value: YAMLValue) -> SourcePosition? {
        pair(key, in: value)?.keyPosition
    }

    private static func valuePosition(of key: String, in value: YAMLValue) -> SourcePosition? {
        pair(key, in: value)?.value.position
    }

    /// Letters, digits and hyphens, starting with 2–3 letters: what `<html lang>` accepts.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// Where the text nests deeper than `maximumDepth` (flow brackets, or block indentation
    /// counted in steps of two), checked before the YAML parser sees it.
    static func tooDeep(_ text: String) -> SourcePosition? {
        var line = 1
        var column = 0
        var depth = 0
        var atLineStart = true
        var indentation = 0
        for byte in text.utf8 {
            column += 1
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                column = 0
                atLineStart = true
                indentation = 0
                continue
            case UInt8(ascii: " ") where atLineStart:
                indentation += 1
                if indentation / 2 > maximumDepth { return SourcePosition(line: line, column: column) }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth { return SourcePosition(line: line, column: column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
            atLineStart = false
        }
        return nil
    }
}

extension CourseConfig {
    /// Changes whenever a setting that reaches the pages does: part of every page's cache key.
    public var fingerprint: String {
        FNV1a128.hex(of: ["course settings", title ?? "-", subtitle ?? "-", authors.joined(separator: "\u{0}"),
                          description ?? "-", language ?? "-", licence ?? "-", repository ?? "-"])
    }
}
