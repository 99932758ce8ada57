/// The kind of value an argument takes, as written in `lossbook eval --list --json`.
public enum ArgKind: String, Sendable, Equatable {
    case array, number, intArray = "int-array", bool, string
}

/// One argument of a loss: name, kind, default and a short description.
public struct ArgSpec: Sendable, Equatable {
    public let name: String
    public let kind: ArgKind
    /// The value used when the argument is absent; nil for required and for optional-with-no-default.
    public let defaultValue: EngineValue?
    /// True if the argument must be given.
    public let isRequired: Bool
    /// Allowed values of a string argument (empty: any).
    public let options: [String]
    public let summary: String

    init(_ name: String, _ kind: ArgKind, default defaultValue: EngineValue? = nil, required: Bool,
         options: [String] = [], _ summary: String = "") {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.isRequired = required
        self.options = options
        self.summary = summary
    }

    static func array(_ name: String, _ summary: String = "") -> ArgSpec { ArgSpec(name, .array, required: true, summary) }
    static func ints(_ name: String, _ summary: String = "") -> ArgSpec { ArgSpec(name, .intArray, required: true, summary) }
    static func optionalArray(_ name: String, _ summary: String = "") -> ArgSpec { ArgSpec(name, .array, required: false, summary) }
    static func number(_ name: String, _ value: Double, _ summary: String = "") -> ArgSpec {
        ArgSpec(name, .number, default: .number(value), required: false, summary)
    }
    static func requiredNumber(_ name: String, _ summary: String = "") -> ArgSpec { ArgSpec(name, .number, required: true, summary) }
    static func bool(_ name: String, _ value: Bool, _ summary: String = "") -> ArgSpec {
        ArgSpec(name, .bool, default: .bool(value), required: false, summary)
    }
    static func string(_ name: String, _ value: String, options: [String], _ summary: String = "") -> ArgSpec {
        ArgSpec(name, .string, default: .string(value), required: false, options: options, summary)
    }
}

/// The family a loss belongs to (the folder of its source file).
public enum LossFamily: String, Sendable, CaseIterable {
    case regression, likelihood, binary, multiclass, metric, structured, generative
}

/// Everything the catalog knows about one loss, for `--list` and for the course's tables.
public struct LossDescriptor: Sendable, Equatable {
    public let name: String
    public let family: LossFamily
    public let summary: String
    public let args: [ArgSpec]
    /// Names of the arguments the gradient is taken with respect to.
    public let differentiable: [String]
    public let reductions: [Reduction]
    public let aliases: [String]
    /// Where the semantics come from (PyTorch function or paper and year).
    public let reference: String

    init(_ name: String, _ family: LossFamily, _ summary: String, args: [ArgSpec], differentiable: [String],
         reductions: [Reduction] = Reduction.standard, aliases: [String] = [], reference: String) {
        self.name = name
        self.family = family
        self.summary = summary
        self.args = args
        self.differentiable = differentiable
        self.reductions = reductions
        self.aliases = aliases
        self.reference = reference
    }

    public func arg(_ name: String) -> ArgSpec? { args.first { $0.name == name } }
}

/// The result of ``LossCatalog/evaluate(_:args:reduction:)``.
public struct LossEvaluation: Equatable, Sendable {
    /// A number, or for `.none` the per-item losses in the item shape.
    public var value: EngineValue
    /// d(value)/d(argument) for each differentiable argument, in that argument's shape
    /// (for `.none`, the gradient of the sum of the items).
    public var gradients: [String: EngineValue]

    public init(value: EngineValue, gradients: [String: EngineValue]) {
        self.value = value
        self.gradients = gradients
    }
}
