import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The socket `lossbook serve` listens on. Each connection is checked by a `GuardedConnection`
/// before FlyingFox, listening on a private loopback port, sees any of it: request lines, heads
/// and bodies are bounded, slow and idle connections are closed (`RequestLimits`).
///
/// When the process runs out of file descriptors, accepting fails: the guard says so once, backs
/// off and keeps accepting, and says when it accepts again, rather than stopping for good.
public final class RequestGuard: Sendable {
    public let limits: RequestLimits
    /// The port it listens on (the one asked for, or the one the system chose for port 0).
    public let port: UInt16
    private let listener: Int32
    private let backendPort = Atomic<UInt16>(0)
    private let open = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let say: @Sendable (String) -> Void

    public struct ListenError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Listens on `host` (an IPv4 or IPv6 literal) and `port`; call `start(backendPort:)` next.
    public init(host: String, port: UInt16, limits: RequestLimits = RequestLimits(),
                say: @escaping @Sendable (String) -> Void) throws(ListenError) {
        self.limits = limits
        self.say = say
        var storage = sockaddr_storage()
        var length: socklen_t
        let family: Int32
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    $0.pointee.sin_family = sa_family_t(AF_INET)
                    $0.pointee.sin_port = port.bigEndian
                    $0.pointee.sin_addr = v4
                }
            }
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    $0.pointee.sin6_family = sa_family_t(AF_INET6)
                    $0.pointee.sin6_port = port.bigEndian
                    $0.pointee.sin6_addr = v6
                }
            }
        } else {
            throw ListenError(description: "cannot listen on '\(host)': not an IP address")
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ListenError(description: "cannot listen on \(host):\(port): \(Self.lastError())") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let reason = Self.lastError()
            close(fd)
            throw ListenError(description: "cannot listen on \(host):\(port): \(reason)")
        }
        withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        let actual = withUnsafePointer(to: &storage) { pointer -> UInt16 in
            family == AF_INET
                ? pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
                : pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
        }
        listener = fd
        self.port = actual
    }

    /// Where requests go once checked: FlyingFox's loopback port. Can change while running (the
    /// server is restarted if it stops).
    public func setBackend(port: UInt16) {
        backendPort.store(port, ordering: .sequentiallyConsistent)
    }

    /// The backend port set last; 0 until the server behind listens.
    public var backendPortValue: UInt16 { backendPort.load(ordering: .sequentiallyConsistent) }

    /// Accepts connections on a thread of its own until `stop()`.
    public func start() {
        Thread.detachNewThread { [self] in
            acceptLoop()
            finished.signal()
        }
    }

    /// Stops accepting; connections already open end on their own (idle limit) or with the process.
    public func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        finished.wait()
        close(listener)
    }

    /// Connections being relayed now.
    public var openConnections: Int { open.load(ordering: .sequentiallyConsistent) }

    private func acceptLoop() {
        var exhausted = false
        while !stopped.load(ordering: .sequentiallyConsistent) {
            var ready = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            if poll(&ready, 1, 200) <= 0 { continue }
            let fd = accept(listener, nil, nil)
            if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            if fd < 0 {
                let code = errno
                if code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM {
                    if !exhausted {
                        say("lossbook: cannot accept connections: \(String(cString: strerror(code))); "
                            + "new connections wait until some close (check 'ulimit -n')")
                        exhausted = true
                    }
                    usleep(100_000)
                }
                continue
            }
            if exhausted {
                say("lossbook: accepting connections again")
                exhausted = false
            }
            if open.load(ordering: .sequentiallyConsistent) >= limits.connections {
                let refusal = GuardedConnection.response(503, "Service Unavailable", "Too many connections are open.\n")
                _ = send(fd, refusal, refusal.count, Int32(MSG_NOSIGNAL))
                close(fd)
                continue
            }
            open.add(1, ordering: .sequentiallyConsistent)
            let connection = GuardedConnection(client: fd, backendPort: backendPort.load(ordering: .sequentiallyConsistent), limits: limits)
            let started = Self.detach { [self] in
                connection.run()
                open.subtract(1, ordering: .sequentiallyConsistent)
            }
            if !started {
                // Out of threads: like running out of descriptors, the client is told and the guard goes on.
                open.subtract(1, ordering: .sequentiallyConsistent)
                let refusal = GuardedConnection.response(503, "Service Unavailable", "The preview server is out of resources; try again.\n")
                _ = send(fd, refusal, refusal.count, Int32(MSG_NOSIGNAL))
                close(fd)
            }
        }
    }

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Runs `body` on a new detached thread with a small stack; false when no thread can be made
    /// (Foundation's `Thread` gives no way to know).
    private static func detach(_ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 512 * 1024)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
        if result != 0 {
            Unmanaged<Body>.fromOpaque(context).release()
            return false
        }
        return true
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
