/// One problem found in the inputs, as a value: the engine decides what is fatal.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    /// A stable identifier such as `lossbook.math.katex`, for tests and for people searching.
    public var id: DiagnosticID
    /// Where the problem is; nil for problems of the project as a whole (an unwritable output folder).
    public var location: SourceLocation?
    public var message: String

    public init(_ severity: Severity, _ id: DiagnosticID, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.id = id
        self.location = location
        self.message = message
    }

    public static func error(_ id: DiagnosticID, at location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.error, id, at: location, message)
    }

    public static func warning(_ id: DiagnosticID, at location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.warning, id, at: location, message)
    }

    /// `path:line:col: error: message`, the format compilers use, so editors can jump to it.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? "lossbook: "
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}
