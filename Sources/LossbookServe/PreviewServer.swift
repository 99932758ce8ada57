import FlyingFox
import Foundation
import LossbookSite
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `lossbook serve` was asked to do, validated by the command line.
public struct ServeOptions: Sendable {
    public var build: BuildOptions
    /// The address to listen on: an IPv4 or IPv6 literal. Loopback unless the author says otherwise.
    public var host: String
    /// 0 picks a free port (the URL printed says which).
    public var port: UInt16
    public var openBrowser: Bool
    /// Skip inotify and scan for changes instead.
    public var forcePolling: Bool
    /// The output folder as the author named it, for messages.
    public var outputDisplayPath: String
    /// The course settings file, watched: an edit to it is read again before the next build.
    public var settings: SettingsFile?

    public init(build: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 8000, openBrowser: Bool = false,
                forcePolling: Bool = false, outputDisplayPath: String = "site", settings: SettingsFile? = nil) {
        self.build = build
        self.settings = settings
        self.host = host
        self.port = port
        self.openBrowser = openBrowser
        self.forcePolling = forcePolling
        self.outputDisplayPath = outputDisplayPath
    }
}

/// The course settings file (`lossbook.yml`) as `lossbook serve` follows it.
public struct SettingsFile: Sendable {
    /// The file, watched for changes.
    public var url: URL
    /// Reads the file again and returns the build options it gives (with the command line's
    /// flags still overriding it), or every problem in it, located.
    public var reload: @Sendable () -> Result<BuildOptions, BuildFailure>

    public init(url: URL, reload: @escaping @Sendable () -> Result<BuildOptions, BuildFailure>) {
        self.url = url
        self.reload = reload
    }
}

/// `lossbook serve`: builds the course, serves the site folder on loopback, rebuilds when a note,
/// a template, the macros file or the course settings change, and reloads the open pages.
///
/// The HTTP server is FlyingFox: a small async/await server with no dependencies of its own
/// beyond its socket layer, which adds a few seconds to a cold build (our dependencies build in
/// ~24 s with it, against ~100 s and 27 packages with Hummingbird on SwiftNIO). A preview server
/// for one author on loopback needs none of NIO's throughput, and FlyingFox has what we use:
/// custom handlers, streamed response bodies (for server-sent events) and a clean stop.
///
/// The pieces, each in its own file: `SiteFileHandler` (files, safely), `LiveReloadHub` and
/// `LiveReloadScript` (server-sent events and the overlay), `FileWatcher` (inotify or polling),
/// `RebuildScheduler` (debounced, one build at a time). This type wires them together.
public struct PreviewServer: Sendable {
    public let options: ServeOptions
    private let hub = LiveReloadHub()
    private let terminal = Terminal()
    /// One KaTeX process for the whole session: a rebuild renders only the formulas that changed.
    private let renderers = RenderServicePool()
    /// The build options in force: those of the last course settings that were read without error.
    private let current: SettingsState

    public init(options: ServeOptions) {
        self.options = options
        current = SettingsState(options.build)
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotListen(String)

        public var description: String {
            switch self {
            case .cannotListen(let reason): return reason
            }
        }
    }

    /// Builds, serves and watches until `stopRequested` returns, then stops cleanly (after letting
    /// a build in progress finish, so that no staging folder is left behind). Throws when the
    /// server cannot listen.
    ///
    /// How a stop is asked for is the caller's business: the command line waits for SIGINT or
    /// SIGTERM; a library has no business changing how the process reacts to signals. Writes to
    /// sockets use `MSG_NOSIGNAL`, so a client that goes away cannot raise SIGPIPE either.
    public func run(until stopRequested: @escaping @Sendable () async -> Void) throws {
        let watcher = FileWatchers.make(trees: watchedTrees, forcePolling: options.forcePolling)
        let scheduler = RebuildScheduler { paths in self.build(changed: paths) }
        scheduler.start()
        watcher.start { paths in scheduler.changed(paths) }
        scheduler.buildNowAndWait()

        let result = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await self.serve(watcher: watcher, until: stopRequested)
                result.set(nil)
            } catch {
                result.set(error)
            }
            done.signal()
        }
        done.wait()
        watcher.stop()
        if !scheduler.stop(timeout: 60) {
            terminal.error("lossbook: stopped while a build was still running")
        }
        hub.close()
        renderers.close()
        if let error = result.error { throw error }
        terminal.say("Stopped.")
    }

    private var watchedTrees: WatchedTrees {
        let build = options.build
        return WatchedTrees(roots: [build.contentDirectory, build.templatesDirectory],
                            excluded: [build.outputDirectory] + (build.cacheDirectory.map { [$0] } ?? []),
                            files: (options.settings.map { [$0.url] } ?? []) + (build.macrosFile.map { [$0.url] } ?? []))
    }

    /// Listens until a stop is asked for. The author's address belongs to a `RequestGuard`,
    /// which bounds what clients send; FlyingFox answers behind it on a private loopback port and
    /// is started again if it ever stops (it stops for good when accepting fails).
    private func serve(watcher: FileWatcher, until stopRequested: @Sendable () async -> Void) async throws {
        let front: RequestGuard
        do {
            front = try RequestGuard(host: options.host, port: options.port, say: { [terminal] in terminal.error($0) })
        } catch {
            throw Failure.cannotListen(error.description)
        }
        let handler = PreviewHandler(site: SiteFileHandler(root: options.build.outputDirectory, injectLiveReload: true), hub: hub,
                                     loopbackOnly: Self.isLoopback(options.host))
        let backend = Task { [terminal] in
            while !Task.isCancelled {
                let server: HTTPServer
                do {
                    server = HTTPServer(config: .init(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), timeout: 15, logger: .disabled),
                                        handler: handler)
                } catch {
                    return
                }
                let publish = Task {
                    while await !server.isListening {
                        if Task.isCancelled { return }
                        try? await Task.sleep(nanoseconds: 10_000_000)
                    }
                    if case .ip4(_, let port)? = await server.listeningAddress { front.setBackend(port: port) }
                }
                var reason = "it returned"
                do { try await server.run() } catch { reason = Self.reason(error) }
                publish.cancel()
                if Task.isCancelled { return }
                terminal.error("lossbook: the HTTP server stopped (\(reason)); starting it again")
                try? await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        let deadline = Date().addingTimeInterval(10)
        while front.backendPortValue == 0 {
            guard Date() < deadline else {
                backend.cancel()
                front.stop()
                throw Failure.cannotListen("cannot start the HTTP server on a loopback port: timed out")
            }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        front.start()
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let url = "http://\(host):\(front.port)/"
        terminal.say("Serving \(options.outputDisplayPath)/ at \(url) (watching \(options.build.contentDisplayPath)/ and "
                     + "\(options.build.templatesDisplayPath)/ with \(watcher.description); Ctrl-C to stop)")
        if !Self.isLoopback(options.host) {
            terminal.error("lossbook: warning: listening on \(options.host): other machines can read the site")
        }
        if options.openBrowser { BrowserOpener.open(url) }

        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 15_000_000_000)
                hub.heartbeat()
            }
        }
        await stopRequested()
        terminal.say("Stopping…")
        heartbeat.cancel()
        hub.close()
        front.stop()
        backend.cancel()
        _ = await backend.result
    }

    /// One build, reported like `lossbook build` reports it, then told to the open pages.
    private func build(changed paths: [String]) {
        if !paths.isEmpty {
            terminal.say("Changed: " + Self.describe(paths))
        }
        if let settings = options.settings, Self.mentions(paths, settings.url) {
            switch settings.reload() {
            case .failure(let failure):
                terminal.diagnostics(failure.diagnostics)
                let errors = failure.diagnostics.filter { $0.severity == .error }.count
                terminal.error("lossbook: \(errors) error\(errors == 1 ? "" : "s") in the course settings; "
                               + "still serving the last good \(options.outputDisplayPath)/")
                hub.buildFailed(failure.diagnostics)
                return
            case .success(let reloaded):
                current.set(adopting: reloaded, startedWith: options.build, warn: { [terminal] in terminal.error($0) })
            }
        }
        do {
            var buildOptions = current.options
            buildOptions.renderers = renderers
            let summary = try SiteBuilder(options: buildOptions).build()
            terminal.diagnostics(summary.warnings)
            let milliseconds = Int((summary.seconds * 1000).rounded())
            if summary.upToDate {
                terminal.say("Nothing changed since the last build (checked in \(milliseconds) ms)")
            } else {
                terminal.say("Built \(summary.pages) pages, \(summary.formulas) formulas (\(summary.formulasRendered) rendered), "
                             + "\(summary.figures) figures into \(options.outputDisplayPath)/ in \(milliseconds) ms")
            }
            hub.buildSucceeded()
        } catch {
            terminal.diagnostics(error.diagnostics)
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            terminal.error("lossbook: build failed with \(errors) error\(errors == 1 ? "" : "s"); "
                           + "still serving the last good \(options.outputDisplayPath)/")
            hub.buildFailed(error.diagnostics)
        }
    }

    /// Whether `url` is among the changed paths (or a folder above it is, or the watcher lost count).
    static func mentions(_ paths: [String], _ url: URL) -> Bool {
        let path = url.standardizedFileURL.path
        return paths.contains { $0 == path || $0.isEmpty || path.hasPrefix($0 + "/") }
    }

    /// Changed paths relative to the working folder, at most three named.
    private static func describe(_ paths: [String]) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let shown = paths.prefix(3).map { $0.hasPrefix(cwd) ? String($0.dropFirst(cwd.count)) : $0 }
        return shown.joined(separator: ", ") + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
    }

    static func isLoopback(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return (parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }) || host == "::1"
    }

    private static func reason(_ error: Error) -> String {
        if let socketError = error as? LocalizedError, let description = socketError.errorDescription { return description }
        return "\(error)"
    }
}

/// Progress on standard output and problems on standard error, unbuffered, so that a terminal
/// (or a test reading a pipe) sees each line as it happens.
struct Terminal: Sendable {
    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `path:line:col: error: message`, one a line, exactly as `lossbook build` prints them.
    func diagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }
}

/// How the serving task ended, handed back to the thread that waits for it.
private final class ResultBox: Sendable {
    private let stored = Mutex<(any Error)?>(nil)

    func set(_ error: (any Error)?) {
        stored.withLock { $0 = error }
    }

    var error: (any Error)? {
        stored.withLock { $0 }
    }
}
