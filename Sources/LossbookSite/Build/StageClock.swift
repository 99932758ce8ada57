import Foundation

/// Times the stages of a build.
struct StageClock {
    private var last = Date()
    private(set) var stages: [(name: String, seconds: Double)] = []
    let progress: (@Sendable (String) -> Void)?

    init(progress: (@Sendable (String) -> Void)?) {
        self.progress = progress
    }

    /// Ends the current stage under `name` and announces the next one.
    mutating func finish(_ name: String, next: String? = nil) {
        let now = Date()
        stages.append((name, now.timeIntervalSince(last)))
        last = now
        if let next { progress?(next) }
    }
}
