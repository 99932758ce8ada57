import Foundation
import LossbookSite
import Synchronization

/// The pages open in browsers, each listening on `/__lossbook/events`, and what to tell them.
///
/// Server-sent events rather than a WebSocket: the browser only listens, `EventSource`
/// reconnects by itself, and the stream is plain HTTP text that a test can read from a socket.
/// Thread-safe: the rebuild thread publishes, connection tasks subscribe.
public final class LiveReloadHub: Sendable {
    /// What the browser is told.
    enum Event {
        /// The site was rebuilt: reload. `state` names the site now served.
        case reload(state: String)
        /// The last build failed; the previous site is still served.
        case buildFailed([Diagnostic])
        /// Sent first on every connection, so that a page that reconnects (after a restart of the
        /// server, or a rebuild it missed) can tell that the site changed under it.
        case hello(state: String)
        /// Keeps idle connections from timing out and finds clients that went away.
        case heartbeat
    }

    /// Who listens and what they were last told, behind one lock.
    private struct State {
        var subscribers: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
        var nextSubscriber = 0
        var generation = 0
        var failure: [Diagnostic]?
        var closed = false
    }

    private let state = Mutex(State())
    private let session = String(UInt32.random(in: .min ... .max), radix: 36)

    public init() {}

    /// A token for the site being served: changes with every successful build and every run.
    private func token(_ state: State) -> String { "\(session)-\(state.generation)" }

    /// A stream of event-stream bytes for one browser, starting with where things stand.
    func subscribe() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id: Int? = state.withLock { state in
            if state.closed { return nil }
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = continuation
            // Yielded under the lock, so that no event published meanwhile can overtake the greeting.
            continuation.yield(Array("retry: 500\n\n".utf8))
            continuation.yield(Self.encode(.hello(state: token(state))))
            if let failure = state.failure { continuation.yield(Self.encode(.buildFailed(failure))) }
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    private func remove(_ id: Int) {
        state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
    }

    var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// A build succeeded: every page reloads.
    public func buildSucceeded() {
        let (event, targets) = state.withLock { state in
            state.generation += 1
            state.failure = nil
            return (Self.encode(.reload(state: token(state))), Array(state.subscribers.values))
        }
        targets.forEach { $0.yield(event) }
    }

    /// A build failed: every page shows the problems over the last good site.
    public func buildFailed(_ diagnostics: [Diagnostic]) {
        let targets = state.withLock { state in
            state.failure = diagnostics
            return Array(state.subscribers.values)
        }
        let event = Self.encode(.buildFailed(diagnostics))
        targets.forEach { $0.yield(event) }
    }

    func heartbeat() {
        let targets = state.withLock { Array($0.subscribers.values) }
        let event = Self.encode(.heartbeat)
        targets.forEach { $0.yield(event) }
    }

    /// Ends every stream, so that connections close and the server can stop.
    public func close() {
        let targets = state.withLock { state in
            state.closed = true
            let targets = Array(state.subscribers.values)
            state.subscribers = [:]
            return targets
        }
        targets.forEach { $0.finish() }
    }

    // MARK: - The wire format

    /// One event in `text/event-stream` form. Data is one line of JSON: the encoder escapes line
    /// breaks inside strings, so a message cannot end an event early or forge another.
    static func encode(_ event: Event) -> [UInt8] {
        switch event {
        case .heartbeat:
            return Array(": heartbeat\n\n".utf8)
        case .hello(let state):
            return frame("hello", json(["state": state]))
        case .reload(let state):
            return frame("reload", json(["state": state]))
        case .buildFailed(let diagnostics):
            return frame("build-error", json(BuildErrorPayload(diagnostics: diagnostics)))
        }
    }

    private static func frame(_ name: String, _ data: String) -> [UInt8] {
        Array("event: \(name)\ndata: \(data)\n\n".utf8)
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The `build-error` event's data: the diagnostics as `build` prints them, and their parts.
    struct BuildErrorPayload: Encodable {
        struct Item: Encodable {
            var severity: String
            var id: String
            var path: String?
            var line: Int?
            var column: Int?
            /// The last line and column the problem covers, when known (for editors to underline).
            var endLine: Int?
            var endColumn: Int?
            var message: String
            /// `path:line:col: error: message`, exactly the terminal's line.
            var text: String
        }

        var diagnostics: [Item]

        init(diagnostics: [Diagnostic]) {
            self.diagnostics = diagnostics.map {
                Item(severity: $0.severity.rawValue, id: $0.id.rawValue, path: $0.location?.path, line: $0.location?.line,
                     column: $0.location?.column, endLine: $0.location?.end?.line, endColumn: $0.location?.end?.column,
                     message: $0.message, text: $0.description)
            }
        }
    }
}
