import FlyingFox
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves the files of the site folder, and nothing outside it.
///
/// FlyingFox's own `DirectoryHTTPHandler` is not used: it has no 404 page, no conditional
/// requests, no HEAD without a body, and no check of where symlinks lead. This handler:
/// - parses the raw request target itself (`RequestPath`), refusing traversal with 403;
/// - resolves the real path and refuses, with 403, anything that resolves outside the site folder's
///   real path (symlinks included);
/// - answers folders with their `index.html` (redirecting `/part` to `/part/` so relative links work),
///   missing files with the site's `404.html` and status 404;
/// - sends `ETag` (a hash of the bytes sent) and `Last-Modified`, and answers `If-None-Match` /
///   `If-Modified-Since` with 304; `Cache-Control: no-cache` makes the browser always ask;
/// - adds the live-reload script to HTML responses (and only to the response, never to the file).
struct SiteFileHandler: HTTPHandler {
    /// The site folder. Looked up afresh on every request: each build replaces the folder.
    let root: URL
    /// Whether HTML responses get the live-reload script.
    let injectLiveReload: Bool

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let isHead = request.method == .HEAD
        guard request.method == .GET || isHead else {
            return Self.plain(.methodNotAllowed, "Only GET and HEAD are served.\n", head: false, extra: [.init("Allow"): "GET, HEAD"])
        }
        let rawPath = request.target.path(percentEncoded: true)
        let path: RequestPath
        switch RequestPath.parse(rawPath) {
        case .success(let parsed): path = parsed
        case .failure(.malformed): return Self.plain(.badRequest, "Bad request.\n", head: isHead)
        case .failure(.traversal): return Self.plain(.forbidden, "Forbidden.\n", head: isHead)
        }
        guard let rootReal = Self.realPath(root.path) else {
            return notFound(head: isHead)
        }
        let candidate = path.segments.isEmpty ? rootReal : rootReal + "/" + path.relative
        var resolved: String
        switch Self.resolve(candidate, inside: rootReal) {
        case .missing: return notFound(head: isHead)
        case .outside: return Self.plain(.forbidden, "Forbidden.\n", head: isHead)
        case .inside(let real): resolved = real
        }
        var info = stat()
        guard stat(resolved, &info) == 0 else { return notFound(head: isHead) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard path.hasTrailingSlash else {
                let query = request.target.query(percentEncoded: true)
                let location = rawPath + "/" + (query.isEmpty ? "" : "?" + query)
                return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: location, .contentLength: "0"]))
            }
            switch Self.resolve(resolved + "/index.html", inside: rootReal) {
            case .missing: return notFound(head: isHead)
            case .outside: return Self.plain(.forbidden, "Forbidden.\n", head: isHead)
            case .inside(let real): resolved = real
            }
            guard stat(resolved, &info) == 0 else { return notFound(head: isHead) }
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return Self.plain(.forbidden, "Forbidden.\n", head: isHead)
        }
        // The file is there (stat said so): failing to read it now (out of file descriptors, say)
        // is not "not found", which a browser would show and cache as the page being gone.
        guard let data = FileManager.default.contents(atPath: resolved) else {
            return Self.plain(.serviceUnavailable, "The file exists but cannot be read now; try again.\n", head: isHead,
                              extra: [.init("Retry-After"): "1"])
        }
        let name = resolved.split(separator: "/").last.map(String.init) ?? ""
        return respond(with: data, contentType: ContentTypes.forFile(named: name), status: .ok,
                       modified: Int(info.st_mtim.tv_sec), isHead: isHead, conditions: request.headers)
    }

    /// The response for a file: body (with the script for HTML), validators, 304 when the
    /// browser's copy is current, headers only for HEAD.
    private func respond(with data: Data, contentType: String, status: HTTPStatusCode, modified: Int?,
                         isHead: Bool, conditions: HTTPHeaders) -> HTTPResponse {
        var body = [UInt8](data)
        if injectLiveReload && ContentTypes.isHTML(contentType) {
            body = LiveReloadScript.inject(into: body)
        }
        var headers: HTTPHeaders = [
            .contentType: contentType,
            .contentLength: String(body.count),
            .cacheControl: "no-cache",
            .init("X-Content-Type-Options"): "nosniff",
        ]
        if status == .ok {
            let tag = body.withUnsafeBytes { EntityTag.of($0) }
            headers[.eTag] = tag
            if let modified { headers[.lastModified] = HTTPDate.format(modified) }
            if Self.isNotModified(conditions, tag: tag, modified: modified) {
                return HTTPResponse(statusCode: .notModified, headers: headers)
            }
        }
        if isHead {
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(body))
    }

    /// RFC 9110 §13.2.2: `If-None-Match` decides when present; `If-Modified-Since` only without it.
    static func isNotModified(_ conditions: HTTPHeaders, tag: String, modified: Int?) -> Bool {
        if let match = conditions[.ifNoneMatch] {
            return EntityTag.matches(ifNoneMatch: match, tag: tag)
        }
        if let since = conditions[.ifModifiedSince].flatMap(HTTPDate.parse), let modified {
            return modified <= since
        }
        return false
    }

    /// The site's own `404.html` with status 404, or a short page when the site has none (yet).
    private func notFound(head: Bool) -> HTTPResponse {
        var data = Data("<!doctype html><title>Not found</title><body><h1>Not found</h1><p>The site has no such page (yet).</p></body>".utf8)
        if let rootReal = Self.realPath(root.path), case .inside(let page) = Self.resolve(rootReal + "/404.html", inside: rootReal),
           let contents = FileManager.default.contents(atPath: page) {
            data = contents
        }
        return respond(with: data, contentType: ContentTypes.byExtension["html"]!, status: .notFound, modified: nil,
                       isHead: head, conditions: [:])
    }

    private static func plain(_ status: HTTPStatusCode, _ text: String, head: Bool, extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = extra
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentLength] = String(text.utf8.count)
        headers[.cacheControl] = "no-cache"
        return HTTPResponse(statusCode: status, headers: headers, body: head ? Data() : Data(text.utf8))
    }

    // MARK: - Paths

    enum Resolution: Equatable {
        case inside(String)
        case outside
        case missing
    }

    /// Where `path` really is, following every symlink, and whether that is within `rootReal`.
    static func resolve(_ path: String, inside rootReal: String) -> Resolution {
        guard let real = realPath(path) else { return .missing }
        if real == rootReal || real.hasPrefix(rootReal.hasSuffix("/") ? rootReal : rootReal + "/") {
            return .inside(real)
        }
        return .outside
    }

    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
