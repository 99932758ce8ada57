/// A value a page template sees. Typed rather than `Any`, so that the renderer looks names up and
/// tests truth with a switch instead of dynamic casts, which took a third of its time.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    /// Trusted HTML as UTF-8 bytes (a page's article, a part of the print page): `{{{name}}}`
    /// inserts it as it is, without making a String of it first.
    case markup([UInt8])
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The member `key` of an object; nil for anything else.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var markup: [UInt8]? {
        if case .markup(let bytes) = self { return bytes }
        return nil
    }

    public var items: [TemplateValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var flag: Bool? {
        if case .flag(let flag) = self { return flag }
        return nil
    }
}

/// The values of one page: its names and what they stand for.
public typealias TemplateContext = [String: TemplateValue]

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
