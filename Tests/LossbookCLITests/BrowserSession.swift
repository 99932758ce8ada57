import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// One headless Chromium for one test, driven over the DevTools protocol by `Browser/driver.mjs`
/// (node 20 with its built-in WebSocket). The test owns the browser process: `close()` stops it by
/// its pid, and then any process still running with this instance's private profile folder.
final class BrowserSession {
    let process: Process
    let profile: URL
    let webSocketURL: String
    private var closed = false

    /// The committed driver, found next to this file.
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser/driver.mjs")

    static func executable(_ names: [String], environment key: String) -> URL? {
        if let path = ProcessInfo.processInfo.environment[key], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for name in names {
            for directory in directories {
                let path = directory + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
            }
        }
        return nil
    }

    static var chromium: URL? { executable(["chromium", "chromium-browser", "google-chrome"], environment: "LOSSBOOK_CHROMIUM") }
    static var node: URL? {
        // Debian's node first: the pyenv/nvm shims on some machines are older.
        FileManager.default.isExecutableFile(atPath: "/usr/bin/node") ? URL(fileURLWithPath: "/usr/bin/node") : executable(["node"], environment: "LOSSBOOK_NODE")
    }

    /// Starts Chromium on a free port and waits (at most `timeout` seconds) for its DevTools endpoint.
    /// Skips the test when Chromium or node is not installed (`scripts/install-deps.sh` installs both).
    static func launch(timeout: TimeInterval = 20) throws -> BrowserSession {
        guard let chromium else { throw XCTSkip("Chromium is not installed (scripts/install-deps.sh installs it)") }
        guard node != nil else { throw XCTSkip("node is not installed") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = chromium
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--mute-audio", "--hide-scrollbars", "--force-color-profile=srgb",
            "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
            "--user-data-dir=\(profile.path)", "about:blank",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let portFile = profile.appendingPathComponent("DevToolsActivePort")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: portFile, encoding: .utf8) {
                let lines = text.split(separator: "\n").map(String.init)
                if lines.count >= 2, let port = Int(lines[0]), port > 0 {
                    return BrowserSession(process: process, profile: profile, webSocketURL: "ws://127.0.0.1:\(port)\(lines[1])")
                }
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Self.stop(process, profile: profile)
        throw BrowserError("Chromium did not open its DevTools port within \(Int(timeout)) s")
    }

    private init(process: Process, profile: URL, webSocketURL: String) {
        self.process = process
        self.profile = profile
        self.webSocketURL = webSocketURL
    }

    deinit { close() }

    /// Runs one scenario of the driver and returns its JSON answer. The driver is killed by its pid
    /// if it has not answered within `timeout` seconds.
    func run(_ scenario: String, _ parameters: [String: Any], timeout: TimeInterval = 120) throws -> [String: Any] {
        guard let node = Self.node else { throw XCTSkip("node is not installed") }
        let data = try JSONSerialization.data(withJSONObject: parameters, options: [.sortedKeys])
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-driver-\(UUID().uuidString).json")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let driver = Process()
        driver.executableURL = node
        driver.arguments = ["--experimental-websocket", "--no-warnings", Self.driver.path, webSocketURL, scenario, String(decoding: data, as: UTF8.self)]
        driver.standardOutput = try FileHandle(forWritingTo: output)
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let deadline = Date().addingTimeInterval(timeout)
        while driver.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if driver.isRunning {
            kill(driver.processIdentifier, SIGKILL)
            driver.waitUntilExit()
            throw BrowserError("the browser driver did not finish '\(scenario)' within \(Int(timeout)) s")
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").last,
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw BrowserError("the browser driver printed no answer for '\(scenario)': \(text)")
        }
        if let error = object["error"] as? String { throw BrowserError("browser driver, '\(scenario)': \(error)") }
        return object
    }

    /// Stops Chromium: SIGTERM to its pid, SIGKILL after 5 s, then any leftover process of this
    /// instance (found by its private profile folder), and removes the profile.
    func close() {
        guard !closed else { return }
        closed = true
        Self.stop(process, profile: profile)
    }

    private static func stop(_ process: Process, profile: URL) {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        for pid in leftoverProcesses(using: profile) { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: profile)
    }

    /// Processes whose command line names this instance's profile folder (Chromium's helpers).
    static func leftoverProcesses(using profile: URL) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            return String(decoding: data, as: UTF8.self).contains(profile.path) ? pid : nil
        }
    }
}

struct BrowserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
