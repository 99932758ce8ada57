import Foundation
import LossbookSite
import Synchronization

/// The build options `lossbook serve` builds with, replaced when the course settings file is
/// read again without error.
///
/// The folders stay those the server started with: the server serves, watches and guards the
/// output folder it was started on, so a changed `content`, `templates`, `output` (or cache)
/// setting is reported and waits for a restart; every other setting (title, licence, macros,
/// base URL, …) is used by the next build.
final class SettingsState: Sendable {
    private let state: Mutex<BuildOptions>

    init(_ options: BuildOptions) {
        state = Mutex(options)
    }

    var options: BuildOptions { state.withLock { $0 } }

    /// Takes `reloaded`'s settings, keeping the folders of `original`; `warn` hears of folder changes.
    func set(adopting reloaded: BuildOptions, startedWith original: BuildOptions, warn: (String) -> Void) {
        var next = reloaded
        var moved: [String] = []
        if next.contentDirectory.standardizedFileURL != original.contentDirectory.standardizedFileURL { moved.append("content") }
        if next.templatesDirectory.standardizedFileURL != original.templatesDirectory.standardizedFileURL { moved.append("templates") }
        if next.outputDirectory.standardizedFileURL != original.outputDirectory.standardizedFileURL { moved.append("output") }
        next.contentDirectory = original.contentDirectory
        next.contentDisplayPath = original.contentDisplayPath
        next.templatesDirectory = original.templatesDirectory
        next.templatesDisplayPath = original.templatesDisplayPath
        next.outputDirectory = original.outputDirectory
        next.cacheDirectory = original.cacheDirectory
        next.progress = original.progress
        if !moved.isEmpty {
            warn("lossbook: warning: the course settings now name other \(moved.joined(separator: ", ")) folders; "
                 + "this server keeps the ones it started with until it is restarted")
        }
        state.withLock { $0 = next }
    }
}
