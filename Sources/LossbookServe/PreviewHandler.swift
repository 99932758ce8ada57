import FlyingFox
import Foundation

/// Routes the two live-reload paths to the hub and everything else to the site.
///
/// On loopback it also refuses requests whose `Host` is not a loopback name: a web page cannot
/// then use DNS rebinding (its own name pointed at 127.0.0.1) to read the drafts being previewed.
struct PreviewHandler: HTTPHandler {
    let site: SiteFileHandler
    let hub: LiveReloadHub
    /// Whether the server listens on loopback only, so that only loopback host names are expected.
    var loopbackOnly = true

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        if loopbackOnly, let host = request.headers[.host], !Self.isLoopbackHostHeader(host) {
            let text = "This preview server only answers to 127.0.0.1, [::1] and localhost.\n"
            return HTTPResponse(statusCode: .forbidden,
                                headers: [.contentType: "text/plain; charset=utf-8", .contentLength: String(text.utf8.count)],
                                body: Data(text.utf8))
        }
        let path = request.target.path(percentEncoded: true)
        guard request.method == .GET || request.method == .HEAD else {
            return try await site.handleRequest(request)
        }
        switch path {
        case LiveReloadScript.eventsPath:
            let headers: HTTPHeaders = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"]
            if request.method == .HEAD { return HTTPResponse(statusCode: .ok, headers: headers) }
            return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventStreamBody(chunks: hub.subscribe())))
        case LiveReloadScript.path:
            let body = Data(LiveReloadScript.source.utf8)
            let headers: HTTPHeaders = [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache",
                                        .contentLength: String(body.count)]
            return HTTPResponse(statusCode: .ok, headers: headers, body: request.method == .HEAD ? Data() : body)
        default:
            return try await site.handleRequest(request)
        }
    }

    /// `127.0.0.1:8000`, `localhost`, `[::1]:8000` and the like.
    static func isLoopbackHostHeader(_ value: String) -> Bool {
        var host = value.lowercased()
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return false }
            host = String(host[host.index(after: host.startIndex) ..< end])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        if host.hasSuffix(".") { host.removeLast() }
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || PreviewServer.isLoopback(host)
    }
}
