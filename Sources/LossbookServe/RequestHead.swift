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

    private static let malformed = RequestHead.refused(status: 400, reason: "Bad Request", message: "The request is malformed.\n")

    /// `METHOD target HTTP/x.y`, with a target of visible ASCII: anything else, FlyingFox closes
    /// without an answer.
    private static func isRequestLine(_ line: ArraySlice<UInt8>) -> Bool {
        var bytes = line
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        let parts = bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte), !parts[1].isEmpty,
              parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }), parts[2].starts(with: Array("HTTP/".utf8)) else { return false }
        return true
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// Counts the header fields and reads the body's length.
    private static func fields(_ head: ArraySlice<UInt8>, limits: RequestLimits) -> RequestHead {
        let all = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let first = all.first, isRequestLine(first) else { return malformed }
        let lines = all.dropFirst()
        // Field names are tokens; values have no control characters but tab and are UTF-8 (FlyingFox
        // drops the connection otherwise); a line starting with a space (folding) is refused.
        for line in lines where !line.isEmpty && line != [UInt8(ascii: "\r")] {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[..<colon].allSatisfy(isTokenByte),
                  line[(colon + 1)...].allSatisfy({ $0 >= 0x20 || $0 == 0x09 || $0 == 0x0D }), !line.contains(0x7F),
                  String(validatingUTF8: Array(line).map { CChar(bitPattern: $0) } + [0]) != nil else { return malformed }
        }
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
