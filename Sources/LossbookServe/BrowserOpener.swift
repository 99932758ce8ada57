import Foundation

/// `--open`: asks the desktop to open the URL with `xdg-open` (or `open` on macOS), when there
/// is one. Fails quietly: a server without a desktop is the common case, not an error.
enum BrowserOpener {
    static func open(_ url: String) {
        let names = ["xdg-open", "open"]
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in names {
            for folder in folders {
                let candidate = "\(folder)/\(name)"
                guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: candidate)
                process.arguments = [url]
                process.standardInput = FileHandle.nullDevice
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                if (try? process.run()) != nil { return }
            }
        }
    }
}
