/// The site-relative path a request asks for, checked before any file is touched.
///
/// Works on the raw, still percent-encoded request target, one segment at a time, so that no
/// decoding step can turn an innocent-looking target into a traversal: a segment that decodes to
/// `.` or `..`, or that contains `/`, `\` or NUL (`%2e%2e`, `%2f`, `%5c`, `%00`), is refused, as
/// is a target that is not an absolute path (`http://…`, `*`) or that has empty segments
/// (`//etc/passwd`). What passes is a list of plain names to append to the site folder; the
/// handler still checks the resolved real path against the site folder, for symlinks.
struct RequestPath: Equatable, Sendable {
    /// Decoded path segments, none empty, none `.` or `..`.
    var segments: [String]
    /// The target ended with `/` (or was `/`): a folder is asked for.
    var hasTrailingSlash: Bool

    enum Rejection: Error, Equatable {
        /// Not a path we could ever serve (malformed percent-encoding, not starting with `/`).
        case malformed
        /// A path that tries to leave the site folder or hide a separator.
        case traversal
    }

    /// Parses the path part of a request target (without its query).
    static func parse(_ rawPath: String) -> Result<RequestPath, Rejection> {
        guard rawPath.hasPrefix("/") else { return .failure(.malformed) }
        if rawPath == "/" { return .success(RequestPath(segments: [], hasTrailingSlash: true)) }
        var rawSegments = rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let trailing = rawSegments.last == ""
        if trailing { rawSegments.removeLast() }
        var segments: [String] = []
        for raw in rawSegments {
            guard !raw.isEmpty else { return .failure(.traversal) }
            guard let decoded = String(raw).removingPercentEncoding else { return .failure(.malformed) }
            if decoded == "." || decoded == ".." || decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") {
                return .failure(.traversal)
            }
            segments.append(decoded)
        }
        return .success(RequestPath(segments: segments, hasTrailingSlash: trailing))
    }

    /// The segments joined with `/`, relative to the site folder.
    var relative: String { segments.joined(separator: "/") }
}
