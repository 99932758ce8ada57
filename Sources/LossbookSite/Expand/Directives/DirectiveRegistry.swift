/// Every directive the course can use. Adding one means adding its type here.
enum DirectiveRegistry {
    static let all: [any Directive.Type] = [PlotDirective.self, LossDirective.self, CheckDirective.self, ExperimentDirective.self]
}
