import Foundation
import Synchronization

/// Keeps one `RenderService` (its node processes, its formula cache in memory) alive from build to
/// build, for `lossbook serve`: a rebuild after an edit then renders only its new formulas,
/// without starting node or reading the cache again. A one-off build does not need one.
public final class RenderServicePool: Sendable {
    private struct Entry {
        var service: RenderService
        var macros: [String: String]
        var cacheDirectory: URL?
    }

    private let current = Mutex<Entry?>(nil)

    public init() {}

    /// The living service for these macros and cache, or a new one (the old one is closed).
    func service(macros: [String: String], cacheDirectory: URL?) throws -> RenderService {
        try current.withLock { current throws -> RenderService in
            if let current, current.macros == macros, current.cacheDirectory == cacheDirectory {
                return current.service
            }
            current?.service.close()
            let service = try RenderService(macros: macros, cacheDirectory: cacheDirectory)
            current = Entry(service: service, macros: macros, cacheDirectory: cacheDirectory)
            return service
        }
    }

    /// Drops the service after a failure, so the next build starts a fresh node.
    func discard() {
        current.withLock { current in
            current?.service.close()
            current = nil
        }
    }

    public func close() {
        discard()
    }
}
