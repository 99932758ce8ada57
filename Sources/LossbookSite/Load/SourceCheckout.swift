import Foundation

/// The lossbook checkout a program was built from, when the program is running from that
/// checkout's `.build` folder: there it may use the checkout's `templates/` as its default theme
/// and LossEngine's sources as a fallback. An installed lossbook never looks at a checkout,
/// whether or not one is still on the disk, so what it needs must have been installed with it.
enum SourceCheckout {
    /// The repository root, from this file's path at compile time (Sources/LossbookSite/Load/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `root` when `executable` lies inside its `.build` folder (and the checkout is still there).
    static func root(for executable: URL? = Bundle.main.executableURL) -> URL? {
        guard let executable = executable?.resolvingSymlinksInPath().standardizedFileURL.path else { return nil }
        let build = root.standardizedFileURL.path + "/.build/"
        guard executable.hasPrefix(build), FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else { return nil }
        return root
    }
}
