/// A place kept in a page's summary, stored flat (`line`, `column`, and `endLine`, `endColumn`
/// when known) so that summaries written before ends were kept still load; read back as a
/// `SourceRange`. The link and reference checks replay their diagnostics from it.
protocol StoredRange {
    var line: Int { get }
    var column: Int { get }
    var endLine: Int? { get }
    var endColumn: Int? { get }
}

extension StoredRange {
    var position: SourcePosition { SourcePosition(line: line, column: column) }

    var range: SourceRange {
        guard let endLine, let endColumn else { return SourceRange(at: position) }
        return SourceRange(start: position, end: SourcePosition(line: endLine, column: endColumn))
    }
}
