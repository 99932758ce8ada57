import Foundation
import LossEngine

/// One number that the engine computes for the prose: a loss, a density, an arithmetic
/// expression over other computations, or a literal. `check` claims and inline values are built
/// from these.
enum Computation: Sendable {
    case literal(Double)
    case loss(name: String, args: [String: EngineValue], reduction: Reduction, at: SourcePosition)
    case density(name: String, params: [String: Double], at: Double, log: Bool, position: SourcePosition)
    case expression(Expression, with: [String: Computation], position: SourcePosition)
    case experiment(name: String, seed: UInt64, field: String, position: SourcePosition)

    /// Reads a computation from its YAML form; problems go to `fields`' diagnostics.
    static func parse(_ value: YAMLValue, fields: inout FieldReader) -> Computation? {
        if let number = FieldReader.number(value) { return .literal(number) }
        if case .scalar(let text, _, let at, let verbatim) = value {
            return parseExpression(text, with: [:], at: at, verbatim: verbatim, fields: &fields)
        }
        guard case .mapping = value else {
            fields.error(.computationType, at: value.position,
                         "expected a number or a mapping such as {loss: mse, args: {…}}, found \(value.kindName)")
            return nil
        }
        var item = FieldReader(value, path: fields.path, subject: "this computation")
        defer {
            item.rejectUnknownFields()
            for diagnostic in item.diagnostics { fields.report(diagnostic) }
        }
        if let loss = item.string("loss") {
            let args = item.value("args").flatMap { EngineValues.mapping($0, fields: &item) } ?? [:]
            let reduction = reductionField(&item)
            _ = item.int("digits")
            guard LossCatalog.descriptor(named: loss) != nil else {
                let suggestion = Spelling.closest(to: loss, among: LossCatalog.all.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                item.error(.computationUnknownLoss, at: value.position, "unknown loss '\(loss)'\(suggestion); `lossbook eval --list` lists them")
                return nil
            }
            return .loss(name: loss, args: args, reduction: reduction ?? .mean, at: value.position)
        }
        if let name = item.string("density") {
            let params = doubleMapping(item.value("params"), fields: &item)
            let at = item.double("at", required: true)
            let log = item.bool("log") ?? false
            _ = item.int("digits")
            guard let at else { return nil }
            guard DistributionCatalog.names.contains(name) else {
                item.error(.computationUnknownDistribution, at: value.position,
                           "unknown distribution '\(name)'; known: \(DistributionCatalog.names.joined(separator: ", "))")
                return nil
            }
            return .density(name: name, params: params, at: at, log: log, position: value.position)
        }
        if let name = item.string("experiment") {
            let seed = item.int("seed") ?? 7
            let field = item.string("field", required: true)
            _ = item.int("digits")
            guard let field else { return nil }
            guard ExperimentCatalog.names.contains(name) else {
                item.error(.computationUnknownExperiment, at: value.position,
                           "unknown experiment '\(name)'; known: \(ExperimentCatalog.names.joined(separator: ", "))")
                return nil
            }
            return .experiment(name: name, seed: UInt64(max(seed, 0)), field: field, position: value.position)
        }
        if let text = item.string("expr") {
            var verbatim: SourcePosition?
            if case .scalar(_, _, _, let start)? = item.value("expr") { verbatim = start }
            var with: [String: Computation] = [:]
            if case .mapping(let pairs, _)? = item.value("with") {
                for pair in pairs {
                    if let computation = Computation.parse(pair.value, fields: &item) { with[pair.key] = computation }
                }
            }
            _ = item.int("digits")
            return parseExpression(text, with: with, at: value.position, verbatim: verbatim, fields: &item)
        }
        item.error(.computationKind, at: value.position, "a computation needs one of the fields 'loss', 'density', 'experiment' or 'expr'")
        return nil
    }

    /// `verbatim` is where the expression's text starts in the file, when the file holds it as it
    /// is: then each problem is reported at its own column; otherwise all are at `at`.
    private static func parseExpression(_ text: String, with: [String: Computation], at: SourcePosition,
                                        verbatim: SourcePosition?, fields: inout FieldReader) -> Computation? {
        do {
            let expression = try Expression(text)
            let missing = expression.names.subtracting(with.keys).sorted()
            if !missing.isEmpty {
                fields.error(.computationUnknownName, at: at,
                             "the expression '\(Expression.excerpt(text))' uses \(missing.map { "'\($0)'" }.joined(separator: ", ")), which 'with' does not define")
                return nil
            }
            return .expression(expression, with: with, position: at)
        } catch {
            for problem in error.errors {
                let place = verbatim.map { SourcePosition(line: $0.line, column: $0.column + problem.byteOffset) } ?? at
                fields.error(.computationExpression, at: place,
                             "cannot read the expression '\(Expression.excerpt(text))': \(problem.message) (at character \(problem.offset + 1))")
            }
            return nil
        }
    }

    static func reductionField(_ fields: inout FieldReader) -> Reduction? {
        guard let text = fields.string("reduction") else { return nil }
        guard let reduction = Reduction(rawValue: text) else {
            fields.error(.computationReduction, at: fields.position, "unknown reduction '\(text)'; use mean, sum, none or batchmean")
            return nil
        }
        return reduction
    }

    static func doubleMapping(_ value: YAMLValue?, fields: inout FieldReader) -> [String: Double] {
        guard let value else { return [:] }
        guard case .mapping(let pairs, _) = value else {
            fields.error(.fieldType, at: value.position, "parameters must be a mapping such as {loc: 0, scale: 1}")
            return [:]
        }
        var result: [String: Double] = [:]
        for pair in pairs {
            guard let number = FieldReader.number(pair.value) else {
                fields.error(.fieldType, at: pair.value.position, "parameter '\(pair.key)' must be a number, found \(FieldReader.describe(pair.value))")
                continue
            }
            result[pair.key] = number
        }
        return result
    }

    /// The number, or a message saying why the engine refused. Experiments come from the build's
    /// `experiments`, which runs each once.
    func evaluate(experiments: ExperimentCache) -> Result<Double, ComputationError> {
        switch self {
        case .literal(let value):
            return .success(value)
        case .loss(let name, let args, let reduction, let at):
            do {
                let result = try LossCatalog.evaluate(name, args: args, reduction: reduction)
                guard let value = result.value.doubleValue else {
                    return .failure(ComputationError(position: at, message: "loss '\(name)' with reduction '\(reduction.rawValue)' gives several values; use reduction mean or sum"))
                }
                return .success(value)
            } catch {
                return .failure(ComputationError(position: at, message: "loss '\(name)': \(error)"))
            }
        case .density(let name, let params, let x, let log, let position):
            do {
                let distribution = try DistributionCatalog.make(name, params: params)
                let logProb = try distribution.logProb(x)
                return .success(log ? logProb : Foundation.exp(logProb))
            } catch {
                return .failure(ComputationError(position: position, message: "distribution '\(name)': \(error)"))
            }
        case .experiment(let name, let seed, let field, let position):
            do {
                let result = try experiments.result(name, seed: seed)
                guard let value = result.fields[field] else {
                    let known = result.fields.keys.sorted().joined(separator: ", ")
                    return .failure(ComputationError(position: position, message: "experiment '\(name)' has no field '\(field)'; its fields are \(known)"))
                }
                return .success(value)
            } catch {
                return .failure(ComputationError(position: position, message: "experiment '\(name)' failed: \(error)"))
            }
        case .expression(let expression, let with, _):
            var values: [String: Double] = [:]
            for (name, computation) in with {
                switch computation.evaluate(experiments: experiments) {
                case .success(let value): values[name] = value
                case .failure(let error): return .failure(error)
                }
            }
            return .success(expression.evaluate(values))
        }
    }
}

struct ComputationError: Error {
    var position: SourcePosition
    var message: String
}

/// Directive arguments as the engine's dynamic values: numbers, booleans, strings, nested lists.
enum EngineValues {
    static func mapping(_ value: YAMLValue, fields: inout FieldReader) -> [String: EngineValue]? {
        guard case .mapping(let pairs, _) = value else {
            fields.error(.fieldType, at: value.position, "'args' must be a mapping such as {input: [1, 2], target: [0, 0]}")
            return nil
        }
        var result: [String: EngineValue] = [:]
        for pair in pairs {
            guard let converted = convert(pair.value, fields: &fields) else { continue }
            result[pair.key] = converted
        }
        return result
    }

    static func convert(_ value: YAMLValue, fields: inout FieldReader) -> EngineValue? {
        switch value {
        case .scalar(let text, let plain, _, _):
            if plain, let number = FieldReader.number(value) { return .number(number) }
            if plain, let flag = FieldReader.bool(text) { return .bool(flag) }
            return .string(text)
        case .sequence(let items, _):
            var converted: [EngineValue] = []
            for item in items {
                guard let element = convert(item, fields: &fields) else { return nil }
                converted.append(element)
            }
            return .array(converted)
        case .mapping(_, let at):
            fields.error(.fieldType, at: at, "an argument cannot be a mapping; use a number, true/false, a string or a list")
            return nil
        case .null(let at):
            fields.error(.fieldType, at: at, "an argument has no value")
            return nil
        }
    }
}
