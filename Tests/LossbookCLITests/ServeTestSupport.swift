import Foundation
import LossbookTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `lossbook serve` process on a free loopback port (`--port 0`; the port is read from the
/// line it prints), with its output in files, stopped with SIGTERM (then SIGKILL) at the end.
final class ServeProcess {
    let process = Process()
    let project: TestProject
    private let outputFile: URL
    private let errorFile: URL
    private(set) var port: UInt16 = 0

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(project: TestProject, arguments: [String] = [], startTimeout: TimeInterval = 30) throws {
        self.project = project
        outputFile = project.root.appendingPathComponent(".serve-out.log")
        errorFile = project.root.appendingPathComponent(".serve-err.log")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = TestProject.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = project.root
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(startTimeout)
        while Date() < deadline {
            if let range = stdout.range(of: "at http://127.0.0.1:") {
                let digits = stdout[range.upperBound...].prefix { $0.isNumber }
                if let port = UInt16(digits) {
                    self.port = port
                    return
                }
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        stop()
        throw Failure(description: "serve did not start; stdout: \(stdout) stderr: \(stderr)")
    }

    var stdout: String { String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self) }
    var stderr: String { String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self) }

    /// SIGTERM, then SIGKILL if it has not exited within `timeout`. Returns the exit status.
    @discardableResult
    func stop(timeout: TimeInterval = 5) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Waits until `condition` holds for the standard error text, for at most `timeout`.
    func waitForStderr(timeout: TimeInterval = 5, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if condition(stderr) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        return condition(stderr)
    }
}

/// A blocking TCP connection to 127.0.0.1 through the C socket API: the request line goes out
/// exactly as written (no client normalises `..` or `%2e` away), with a receive timeout.
final class LoopbackSocket {
    private let descriptor: Int32

    init(port: UInt16, timeout: TimeInterval = 3) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ServeProcess.Failure(description: "socket() failed") }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw ServeProcess.Failure(description: "cannot connect to port \(port)")
        }
    }

    deinit { close(descriptor) }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }

    /// Some bytes, or nil at end of stream or when the receive timeout passed.
    func receive() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer[..<count]) : nil
    }

    /// Everything until the server closes the connection (or the timeout passes).
    func receiveAll() -> [UInt8] {
        var result: [UInt8] = []
        while let chunk = receive() { result += chunk }
        return result
    }
}

/// One HTTP response, read whole from a `Connection: close` exchange.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Sends `METHOD target` with `headers` and reads the answer.
    static func fetch(_ target: String, port: UInt16, method: String = "GET", headers: [String: String] = [:]) throws -> RawResponse {
        let socket = try LoopbackSocket(port: port)
        var request = "\(method) \(target) HTTP/1.1\r\nConnection: close\r\n"
        for (name, value) in ["Host": "127.0.0.1:\(port)"].merging(headers, uniquingKeysWith: { $1 }) {
            request += "\(name): \(value)\r\n"
        }
        socket.write(request + "\r\n")
        let bytes = socket.receiveAll()
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw ServeProcess.Failure(description: "no response to \(method) \(target): \(String(decoding: bytes, as: UTF8.self))")
        }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var parsed: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawResponse(status: status, headers: parsed, body: Array(bytes[end.upperBound...]))
    }
}

/// Reads `/__lossbook/events` as it arrives.
final class EventStreamReader {
    private let socket: LoopbackSocket
    private(set) var text = ""

    init(port: UInt16) throws {
        socket = try LoopbackSocket(port: port, timeout: 0.2)
        socket.write("GET /__lossbook/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
    }

    /// Where the text read so far ends, to wait for something that comes after it.
    var mark: Int { text.utf8.count }

    /// Reads until `text` contains `needle` (after `mark`) or `timeout` passes; true when found.
    @discardableResult
    func wait(for needle: String, after mark: Int = 0, timeout: TimeInterval = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        func found() -> Bool { String(decoding: Array(text.utf8)[mark...], as: UTF8.self).contains(needle) }
        while !found() && Date() < deadline {
            if let chunk = socket.receive() { text += String(decoding: chunk, as: UTF8.self) }
        }
        return found()
    }
}
