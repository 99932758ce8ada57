import ArgumentParser
import Foundation
import LossbookServe
import LossbookSite

/// `lossbook serve`: only parses and validates, then hands a `ServeOptions` value to
/// `PreviewServer`, which does the work (and which other front ends can reuse).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the course, serve it on this machine and rebuild on every change.",
        discussion: """
        Builds the site, serves the output folder over HTTP on loopback, watches the content and \
        templates folders and the course settings (inotify, or polling with --poll or where inotify \
        is unavailable), rebuilds \
        after each change and reloads the open pages. A failed build is printed here and shown over \
        the page in the browser, while the last good site is still served. Ctrl-C stops.
        """
    )

    @OptionGroup var project: ProjectOptions

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on: an IPv4 or IPv6 address, or 'localhost'.")
    var host = "127.0.0.1"

    @Flag(help: "Open the site in a browser (with xdg-open) once it is served.")
    var open = false

    @Flag(help: "Watch for changes by scanning every 250 ms instead of with inotify.")
    var poll = false

    func validate() throws {
        guard Self.address(host) != nil else {
            throw ValidationError("'\(host)' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or localhost)")
        }
    }

    func run() throws {
        // Refused before the server listens: each rebuild would replace the output folder.
        let buildOptions = try project.buildOptions()
        do {
            try OutputGuard.check(buildOptions)
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode(1)
        }
        // The settings file is watched too: an edit is read again and built with (flags still win).
        let project = self.project
        let settings = SettingsFile(url: URL(fileURLWithPath: project.watchedConfigPath)) { project.reloadedBuildOptions() }
        let options = ServeOptions(build: buildOptions, host: Self.address(host) ?? host, port: port,
                                   openBrowser: open, forcePolling: poll, outputDisplayPath: Self.trimmed(project.output),
                                   settings: settings)
        // A client or node going away must give EPIPE, not end the server; the server itself
        // writes to sockets with MSG_NOSIGNAL, this covers anything else that writes to a pipe.
        signal(SIGPIPE, SIG_IGN)
        let shutdown = ShutdownSignal()
        do {
            try PreviewServer(options: options).run(until: { await shutdown.wait() })
        } catch {
            FileHandle.standardError.write(Data("lossbook: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The address to bind: an IP literal as given, `localhost` as 127.0.0.1; nil for anything else.
    static func address(_ host: String) -> String? {
        if host == "localhost" { return "127.0.0.1" }
        let ipv4 = host.split(separator: ".", omittingEmptySubsequences: false)
        if ipv4.count == 4, ipv4.allSatisfy({ UInt8($0) != nil }) { return host }
        if host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) { return host }
        return nil
    }

    private static func trimmed(_ path: String) -> String {
        var result = path
        while result.count > 1, result.hasSuffix("/") { result.removeLast() }
        if result.hasPrefix("./") { result.removeFirst(2) }
        return result
    }
}
