/// Collects the diagnostics of a build so that an author sees every problem at once, not only the first.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func report(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    /// Errors, plus warnings when the build is strict.
    public func hasFatal(strict: Bool) -> Bool {
        diagnostics.contains { $0.severity == .error || strict }
    }

    /// Diagnostics in file order (then by message), so output is stable whatever order stages ran in.
    public func sorted(strict: Bool) -> [Diagnostic] {
        let promoted = diagnostics.map { diagnostic -> Diagnostic in
            var copy = diagnostic
            if strict { copy.severity = .error }
            return copy
        }
        return Array(Set(promoted)).sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return (lhs.id, lhs.message) < (rhs.id, rhs.message)
            }
        }
    }
}

/// A build that stopped because of problems in its inputs; carries all of them.
public struct BuildFailure: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
