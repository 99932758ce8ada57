/// A place in a content file. Lines and columns are 1-based; columns count UTF-8 bytes,
/// as cmark-gfm reports them, so that editors and compilers agree on where `col` points.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The path as the author sees it, relative to the project when possible.
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }

    /// The location `lineOffset` lines and `columnOffset` columns further on; the column offset
    /// applies only when the line does not change.
    public func advanced(lines lineOffset: Int, column newColumn: Int? = nil) -> SourceLocation {
        SourceLocation(path: path, line: line + lineOffset, column: newColumn ?? column)
    }
}
