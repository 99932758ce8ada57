import Foundation

/// Keeps one `RenderService` (one node process, its formula cache in memory) alive from build to
/// build, for `lossbook serve`: a rebuild after an edit then renders only its new formulas,
/// without starting node or reading the cache again. A one-off build does not need one.
public final class RenderServicePool: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (service: RenderService, macros: [String: String], cacheDirectory: URL?)?

    public init() {}

    /// The living service for these macros and cache, or a new one (the old one is closed).
    func service(macros: [String: String], cacheDirectory: URL?) throws -> RenderService {
        try lock.withLock {
            if let current, current.macros == macros, current.cacheDirectory == cacheDirectory {
                return current.service
            }
            current?.service.close()
            let service = try RenderService(macros: macros, cacheDirectory: cacheDirectory)
            current = (service, macros, cacheDirectory)
            return service
        }
    }

    /// Drops the service after a failure, so the next build starts a fresh node.
    func discard() {
        lock.withLock {
            current?.service.close()
            current = nil
        }
    }

    public func close() {
        discard()
    }
}
