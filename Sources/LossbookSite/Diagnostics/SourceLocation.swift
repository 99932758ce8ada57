/// A place in a file whose path the holder knows (a tree node, a YAML value, a formula): 1-based
/// line, and 1-based column in UTF-8 bytes, as cmark-gfm counts, so that editors and compilers
/// agree on where a column points. A tab is one column.
public struct SourcePosition: Hashable, Sendable, Codable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A stretch of a file from `start` to `end`, both inclusive (`end` is the last byte of the
/// stretch, as cmark-gfm reports it). Tree nodes carry one; diagnostics may, for editors and tools.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = max(start, end)
    }

    /// A range of which only the start is known (a node made by a pass, not read from the file).
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }
}

/// The one location type of the generator: a place in a content file, with its path, and
/// optionally where the problem ends. Its text form (`path:line:col`) is the start only, as
/// compilers print it; the end is for tools (the preview server's `build-error` event sends it).
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The path as the author sees it, relative to the project when possible.
    public var path: String
    public var line: Int
    public var column: Int
    /// The last byte of what the location covers, when known.
    public var end: SourcePosition?

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public init(path: String, _ position: SourcePosition) {
        self.init(path: path, line: position.line, column: position.column)
    }

    public init(path: String, range: SourceRange) {
        self.init(path: path, line: range.start.line, column: range.start.column)
        end = range.end
    }

    public var start: SourcePosition { SourcePosition(line: line, column: column) }

    /// Start and end, when the end is known.
    public var range: SourceRange? { end.map { SourceRange(start: start, end: $0) } }

    public var description: String { "\(path):\(line):\(column)" }

    /// By path, then start, then end (a known end after none), so that sorting is total.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        let left = (lhs.end?.line ?? 0, lhs.end?.column ?? 0)
        let right = (rhs.end?.line ?? 0, rhs.end?.column ?? 0)
        return (lhs.path, lhs.line, lhs.column, left.0, left.1) < (rhs.path, rhs.line, rhs.column, right.0, right.1)
    }

    /// The location `lineOffset` lines and `columnOffset` columns further on; the column offset
    /// applies only when the line does not change.
    public func advanced(lines lineOffset: Int, column newColumn: Int? = nil) -> SourceLocation {
        SourceLocation(path: path, line: line + lineOffset, column: newColumn ?? column)
    }
}
