// Transitional: Build/ is being restructured on another branch and still names its diagnostics
// with string literals. These overloads keep it compiling until the integrator converts those few
// literals to `DiagnosticID` cases; then this file is deleted.

extension Diagnostic {
    @available(*, deprecated, message: "use a DiagnosticID case")
    public static func error(_ id: String, at location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.error, DiagnosticID(transitional: id), at: location, message)
    }

    @available(*, deprecated, message: "use a DiagnosticID case")
    public static func warning(_ id: String, at location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.warning, DiagnosticID(transitional: id), at: location, message)
    }
}

extension DiagnosticID {
    /// An identifier named by its text. Every literal in Build/ is a known identifier (a test scans
    /// the sources for unknown ones), so the fallback never shows; it only keeps this total.
    fileprivate init(transitional text: String) {
        self = DiagnosticID(rawValue: text) ?? .renderFailed
    }

    @available(*, deprecated, message: "compare with a DiagnosticID case")
    public static func == (lhs: DiagnosticID, rhs: String) -> Bool {
        lhs.rawValue == rhs
    }
}
