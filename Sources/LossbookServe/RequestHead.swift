/// Bounds on what a client may send before lossbook's HTTP server sees it, and the check of one
/// request head (request line and header fields) against them.
///
/// FlyingFox reads a request line by line without a bound, and its line reader is quadratic: a
/// 250 KB header cost about 40 s of CPU. `RequestGuard` therefore reads each request head itself,
/// checks it here, and passes only heads within these bounds on. The preview server serves files
/// for `GET` and `HEAD`; what it reads stays far below every bound.
public struct RequestLimits: Sendable {
    /// The request line (`GET /path HTTP/1.1`), in bytes.
    public var requestLine = 8 * 1024
    /// The whole head: request line and every header field.
    public var head = 32 * 1024
    public var headerFields = 100
    /// A request body (the server reads none; larger ones are refused before they are sent on).
    public var body = 64 * 1024
    /// Seconds a head may take to arrive once its first byte has (slow clients hold a connection).
    public var headSeconds = 10.0
    /// Seconds a connection may stay silent in both directions. Live-reload streams send a
    /// heartbeat every 15 s, so they stay open.
    public var idleSeconds = 60.0
    /// Connections open at once; more wait in the listening queue.
    public var connections = 512

    public init() {}
}

/// The verdict on the bytes received so far at the start of a request.
enum RequestHead: Equatable {
    /// The head is not complete yet and within the bounds so far.
    case incomplete
    /// A complete head of `length` bytes, followed by a body of `bodyLength` bytes.
    case complete(length: Int, bodyLength: Int)
    /// The request is refused with this status and reason.
    case refused(status: Int, reason: String, message: String)

    /// Checks `bytes`, the start of a request. `scanned` is how far an earlier call looked for the
    /// head's end (so that a head arriving byte by byte is scanned once, not once per byte).
    static func check(_ bytes: [UInt8], scanned: inout Int, limits: RequestLimits) -> RequestHead {
        let newline = UInt8(ascii: "\n")
        // The request line: bytes up to the first newline.
        guard let lineEnd = bytes.firstIndex(of: newline) else {
            if bytes.count > limits.requestLine { return tooLong }
            return .incomplete
        }
        if lineEnd > limits.requestLine { return tooLong }
        // The head ends at an empty line ("\r\n\r\n" or "\n\n").
        var index = max(scanned, lineEnd)
        var end: Int?
        while index < bytes.count {
            if bytes[index] == newline {
                if index + 1 < bytes.count, bytes[index + 1] == newline { end = index + 2; break }
                if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\r"), bytes[index + 2] == newline { end = index + 3; break }
            }
            index += 1
        }
        scanned = max(lineEnd, index - 2)
        guard let end else {
            return bytes.count > limits.head ? headerTooLarge(limits) : .incomplete
        }
        if end > limits.head { return headerTooLarge(limits) }
        return fields(bytes[..<end], limits: limits)
    }

    private static let tooLong = RequestHead.refused(status: 414, reason: "URI Too Long", message: "The request line is too long.\n")

    private static func headerTooLarge(_ limits: RequestLimits) -> RequestHead {
        .refused(status: 431, reason: "Request Header Fields Too Large",
                 message: "The request's header is larger than \(limits.head / 1024) KB or has more than \(limits.headerFields) fields.\n")
    }

    /// Counts the header fields and reads the body's length.
    private static func fields(_ head: ArraySlice<UInt8>, limits: RequestLimits) -> RequestHead {
        let lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropFirst()
        var count = 0
        var bodyLength = 0
        for line in lines {
            let text = String(decoding: line, as: UTF8.self).trimmingSuffixCarriageReturn
            if text.isEmpty { continue }
            count += 1
            if count > limits.headerFields { return headerTooLarge(limits) }
            guard let colon = text.firstIndex(of: ":") else {
                return .refused(status: 400, reason: "Bad Request", message: "A header field has no ':'.\n")
            }
            let name = text[..<colon].lowercased()
            let value = text[text.index(after: colon)...].trimmingSpaces
            if name == "transfer-encoding" {
                return .refused(status: 501, reason: "Not Implemented", message: "Request bodies in chunks are not accepted.\n")
            }
            if name == "content-length" {
                guard let length = Int(value), length >= 0, bodyLength == 0 || bodyLength == length else {
                    return .refused(status: 400, reason: "Bad Request", message: "The Content-Length is not a single number.\n")
                }
                if length > limits.body {
                    return .refused(status: 413, reason: "Content Too Large", message: "The request body is too large.\n")
                }
                bodyLength = length
            }
        }
        return .complete(length: head.count, bodyLength: bodyLength)
    }
}

private extension String {
    var trimmingSuffixCarriageReturn: String { hasSuffix("\r") ? String(dropLast()) : self }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
