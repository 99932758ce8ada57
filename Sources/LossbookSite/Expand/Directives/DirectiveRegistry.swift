/// A fenced block whose info string names it, with a YAML body: the generator runs it and puts
/// what it computed (a figure, a table, a verdict) in its place.
protocol Directive: Sendable {
    /// The info string that selects it: `plot`, `loss`, …
    static var name: String { get }
    /// Whether its output is a figure, for the build's count of figures.
    static var drawsFigure: Bool { get }
    /// Runs the directive on its parsed body. Problems go to `fields` (with positions); the result
    /// is nil when there were errors.
    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock?
}

extension Directive {
    static var drawsFigure: Bool { false }
}

/// What a directive may know about where it is.
struct DirectiveContext {
    /// Page-unique ids for generated SVG and HTML (figure ids must not clash on one page).
    var idPrefix: String
    /// The experiments this build has run (the build's own, from its compute cache).
    var experiments: ExperimentCache
}

/// Every directive the course can use, and the only list of their names: the directive stage
/// looks a fenced block's info string up here, and its "unknown directive, did you mean" message
/// suggests and lists names from here. Adding a directive means writing its type and adding it
/// to `all`; nothing else names it.
enum DirectiveRegistry {
    static let all: [any Directive.Type] = [PlotDirective.self, LossDirective.self, CheckDirective.self, ExperimentDirective.self]

    static var names: [String] { all.map { $0.name } }

    static func directive(named name: String) -> (any Directive.Type)? {
        all.first { $0.name == name }
    }
}
