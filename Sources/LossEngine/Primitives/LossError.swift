/// Everything that can be wrong with a loss evaluation, each naming the argument at fault.
///
/// The engine never traps on user input: every check of shapes, domains and names throws one of
/// these. `description` is a sentence meant for people, e.g.
/// `argument 'target': class index 7 out of range 0..<3`.
public enum LossError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No loss (or alias) of this name.
    case unknownLoss(String)
    /// No distribution of this name in ``DistributionCatalog``.
    case unknownDistribution(String)
    /// The loss has no argument of this name.
    case unknownArgument(loss: String, argument: String)
    /// A required argument was not given.
    case missingArgument(loss: String, argument: String)
    /// The argument has the wrong kind (e.g. a string where numbers were expected).
    case wrongType(argument: String, expected: String, found: String)
    /// Shapes do not agree.
    case shapeMismatch(argument: String, expected: [Int], found: [Int])
    /// A nested array whose rows have different lengths, or the wrong number of dimensions.
    case badShape(argument: String, reason: String)
    /// An argument with no elements where at least one is needed.
    case emptyInput(argument: String)
    /// A class index outside `0..<classCount`.
    case classIndexOutOfRange(argument: String, index: Int, classCount: Int)
    /// A number that must be an integer is not.
    case notAnInteger(argument: String, value: Double)
    /// A probability outside [0, 1].
    case probabilityOutOfRange(argument: String, value: Double)
    /// A scale, rate, concentration, ... that must be > 0.
    case nonPositive(argument: String, value: Double)
    /// Any other value outside the argument's domain, with the domain written out.
    case outOfDomain(argument: String, value: Double, domain: String)
    /// NaN or ±infinity in an input.
    case nonFinite(argument: String)
    /// A string option that is not one of the allowed values.
    case unknownOption(argument: String, value: String, allowed: [String])
    /// The loss does not accept this reduction.
    case unsupportedReduction(loss: String, reduction: String, allowed: [String])
    /// More elements than the engine accepts in one case.
    case tooLarge(argument: String, count: Int, limit: Int)
    /// Anything else wrong with one argument.
    case invalidArgument(argument: String, reason: String)
    /// An input that could not be read at all (not JSON, wrong envelope, ...).
    case malformedInput(String)

    public var description: String {
        switch self {
        case .unknownLoss(let name):
            return "unknown loss '\(Self.shown(name))' (see `lossbook eval --list`)"
        case .unknownDistribution(let name):
            return "unknown distribution '\(Self.shown(name))'"
        case .unknownArgument(let loss, let argument):
            return "argument '\(Self.shown(argument))': loss '\(Self.shown(loss))' has no argument of this name"
        case .missingArgument(let loss, let argument):
            return "argument '\(Self.shown(argument))': missing (required by loss '\(Self.shown(loss))')"
        case .wrongType(let argument, let expected, let found):
            return "argument '\(Self.shown(argument))': expected \(expected), found \(found)"
        case .shapeMismatch(let argument, let expected, let found):
            return "argument '\(Self.shown(argument))': shape \(found) does not match expected shape \(expected)"
        case .badShape(let argument, let reason):
            return "argument '\(Self.shown(argument))': \(reason)"
        case .emptyInput(let argument):
            return "argument '\(Self.shown(argument))': empty input, at least one element is needed"
        case .classIndexOutOfRange(let argument, let index, let classCount):
            return "argument '\(Self.shown(argument))': class index \(index) out of range 0..<\(classCount)"
        case .notAnInteger(let argument, let value):
            return "argument '\(Self.shown(argument))': \(value) is not an integer"
        case .probabilityOutOfRange(let argument, let value):
            return "argument '\(Self.shown(argument))': probability \(value) outside [0, 1]"
        case .nonPositive(let argument, let value):
            return "argument '\(Self.shown(argument))': must be positive, found \(value)"
        case .outOfDomain(let argument, let value, let domain):
            return "argument '\(Self.shown(argument))': \(value) outside the domain \(domain)"
        case .nonFinite(let argument):
            return "argument '\(Self.shown(argument))': contains a non-finite number (NaN or infinity)"
        case .unknownOption(let argument, let value, let allowed):
            return "argument '\(Self.shown(argument))': unknown option '\(Self.shown(value))', expected one of \(allowed.joined(separator: ", "))"
        case .unsupportedReduction(let loss, let reduction, let allowed):
            return "argument 'reduction': '\(Self.shown(reduction))' is not allowed for loss '\(Self.shown(loss))' (allowed: \(allowed.joined(separator: ", ")))"
        case .tooLarge(let argument, let count, let limit):
            return "argument '\(Self.shown(argument))': too large (\(count) elements, limit \(limit))"
        case .invalidArgument(let argument, let reason):
            return "argument '\(Self.shown(argument))': \(reason)"
        case .malformedInput(let reason):
            return "malformed input: \(reason)"
        }
    }

    /// A name or value as the user wrote it, cut to 80 characters: an error must not echo a
    /// megabyte-long "loss name" back (lossbook eval answers every line it reads).
    static func shown(_ text: String) -> String {
        let limit = 80
        guard text.utf8.count > limit else { return text }
        return String(text.prefix(limit)) + "… (\(text.utf8.count) bytes)"
    }
}
