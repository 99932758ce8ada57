import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One client connection of `RequestGuard`: reads each request head itself, within
/// `RequestLimits`, and relays only complete, bounded requests to the HTTP server on its loopback
/// port, and the server's answers back. Runs on a thread of its own until either side closes, the
/// connection is idle too long, or a request is refused.
struct GuardedConnection {
    let client: Int32
    let backendPort: UInt16
    let limits: RequestLimits

    /// Bytes held for a side that is not reading; past this, the other side is not read either.
    private static let window = 256 * 1024

    func run() {
        var backend: Int32 = -1
        defer {
            close(client)
            if backend >= 0 { close(backend) }
        }
        Self.setNonBlocking(client)
        var toBackend: [UInt8] = []
        var toClient: [UInt8] = []
        var head: [UInt8] = []
        var scanned = 0
        var headStarted: Date?
        var bodyLeft = 0
        var clientReading = true, backendReading = true, backendWriteShut = false
        var refusing = false  // a refusal is being written; nothing more is read or relayed
        var lastActivity = Date()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        func refuse(_ status: Int, _ reason: String, _ message: String) {
            toClient = Self.response(status, reason, message)
            refusing = true
            clientReading = false
            if backend >= 0 {
                close(backend)
                backend = -1
            }
        }

        while true {
            if refusing && toClient.isEmpty { return }
            if !refusing && backend < 0 && !clientReading && toBackend.isEmpty { return }
            if !refusing && backend >= 0 && !backendReading && toClient.isEmpty { return }
            // Open the server side once there is a whole request for it.
            if backend < 0 && !toBackend.isEmpty && !refusing {
                backend = Self.connectLoopback(port: backendPort)
                if backend < 0 {
                    refuse(503, "Service Unavailable", "The preview server is out of resources; try again.\n")
                    continue
                }
            }
            let now = Date()
            if now.timeIntervalSince(lastActivity) > limits.idleSeconds { return }
            if let started = headStarted, now.timeIntervalSince(started) > limits.headSeconds, !refusing {
                refuse(408, "Request Timeout", "The request took too long to arrive.\n")
                continue
            }
            var events = [pollfd(fd: client, events: 0, revents: 0), pollfd(fd: backend, events: 0, revents: 0)]
            if clientReading && toBackend.count < Self.window { events[0].events |= Int16(POLLIN) }
            if !toClient.isEmpty { events[0].events |= Int16(POLLOUT) }
            if backend >= 0 {
                if backendReading && toClient.count < Self.window { events[1].events |= Int16(POLLIN) }
                if !toBackend.isEmpty { events[1].events |= Int16(POLLOUT) }
            }
            let ready = poll(&events, 2, 1000)
            if ready < 0 && errno != EINTR { return }
            if ready <= 0 { continue }

            if events[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 && clientReading {
                let count = read(client, &buffer, buffer.count)
                if count > 0 {
                    lastActivity = Date()
                    var chunk = buffer[0..<count]
                    while !chunk.isEmpty && !refusing {
                        if bodyLeft > 0 {
                            let taken = min(bodyLeft, chunk.count)
                            toBackend += chunk.prefix(taken)
                            chunk = chunk.dropFirst(taken)
                            bodyLeft -= taken
                            continue
                        }
                        if head.isEmpty { headStarted = Date() }
                        head += chunk
                        chunk = []
                        switch RequestHead.check(head, scanned: &scanned, limits: limits) {
                        case .incomplete:
                            break
                        case .refused(let status, let reason, let message):
                            refuse(status, reason, message)
                        case .complete(let length, let bodyLength):
                            toBackend += head[..<length]
                            chunk = head[length...]
                            head = []
                            scanned = 0
                            headStarted = nil
                            bodyLeft = bodyLength
                        }
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    clientReading = false
                }
            }
            if events[0].revents & Int16(POLLOUT) != 0 && !toClient.isEmpty {
                let written = send(client, toClient, toClient.count, Int32(MSG_NOSIGNAL))
                if written > 0 {
                    toClient.removeFirst(written)
                    lastActivity = Date()
                } else if written < 0 && errno != EINTR && errno != EAGAIN {
                    return
                }
            }
            if backend >= 0 && events[1].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 && backendReading {
                let count = read(backend, &buffer, buffer.count)
                if count > 0 {
                    toClient += buffer[0..<count]
                    lastActivity = Date()
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    backendReading = false
                }
            }
            if backend >= 0 && events[1].revents & Int16(POLLOUT) != 0 && !toBackend.isEmpty {
                let written = send(backend, toBackend, toBackend.count, Int32(MSG_NOSIGNAL))
                if written > 0 {
                    toBackend.removeFirst(written)
                } else if written < 0 && errno != EINTR && errno != EAGAIN {
                    backendReading = false
                }
            }
            // The client finished sending: tell the server, once all it sent is through.
            if backend >= 0 && !clientReading && toBackend.isEmpty && !backendWriteShut {
                shutdown(backend, Int32(SHUT_WR))
                backendWriteShut = true
            }
        }
    }

    /// A plain-text refusal that closes the connection.
    static func response(_ status: Int, _ reason: String, _ message: String) -> [UInt8] {
        let body = Array(message.utf8)
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + body
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// A non-blocking socket connected to 127.0.0.1:`port`, or -1.
    static func connectLoopback(port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return -1
        }
        setNonBlocking(fd)
        return fd
    }
}
