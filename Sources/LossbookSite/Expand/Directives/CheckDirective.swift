import Foundation

/// `check`: a numerical claim of the prose that the build verifies. All values under `equal`
/// must agree within `tolerance` (absolute, and relative to the larger magnitude). A false claim
/// stops the build at the directive; a true one shows as the claim in words, with its numbers:
/// `{=1}`, `{=2}`, … in the claim stand for the values of `equal`, counted from 1, shown with
/// `digits` significant digits. Formulas between dollars render.
///
/// Values are compared as finite numbers: infinity would "agree" with anything within a
/// relative tolerance, and NaN with nothing. A value that is not finite is therefore an error,
/// unless the claim says it is about infinity with `infinite: true`; then every value must be
/// the same infinity (all +∞ or all −∞).
enum CheckDirective: Directive {
    static let name = "check"

    static func run(_ fields: inout FieldReader, context: DirectiveContext) -> GeneratedBlock? {
        let claimPosition = fields.value("claim")?.position ?? fields.position
        let claim = fields.string("claim", required: true)
        let tolerance = fields.double("tolerance") ?? 1e-9
        let aboutInfinity = fields.bool("infinite") ?? false
        let digits = fields.int("digits") ?? 4
        var computations: [Computation] = []
        var positions: [SourcePosition] = []
        if let equal = fields.value("equal", required: true) {
            guard case .sequence(let items, _) = equal, items.count >= 2 else {
                fields.error(.checkEqual, at: equal.position, "'equal' must be a list of at least two values to compare")
                return nil
            }
            for item in items {
                if let computation = Computation.parse(item, fields: &fields) {
                    computations.append(computation)
                    positions.append(item.position)
                }
            }
        }
        if !(1...17).contains(digits) {
            fields.error(.checkDigits, at: fields.position, "'digits' must be between 1 and 17, found \(digits)")
        }
        guard let claim, !fields.hasErrors else { return nil }
        let template = ClaimTemplate(claim)
        if let bad = template.indices.first(where: { $0 < 1 || $0 > computations.count }) {
            fields.error(.checkPlaceholder, at: claimPosition,
                         "the claim uses {=\(bad)}, but 'equal' has \(computations.count) values ({=1} to {=\(computations.count)})")
            return nil
        }
        var values: [Double] = []
        for computation in computations {
            switch computation.evaluate(experiments: context.experiments) {
            case .success(let value): values.append(value)
            case .failure(let error):
                fields.error(.checkCompute, at: error.position, error.message)
                return nil
            }
        }
        guard let first = values.first else { return nil }
        // Swift prints a NaN with its sign bit ("-nan"), which means nothing to a reader.
        let described = values.map { $0.isNaN ? "nan" : "\($0)" }
        let listed = described.joined(separator: " vs ")
        if aboutInfinity {
            guard first.isInfinite, values.allSatisfy({ $0 == first }) else {
                fields.error(.checkFailed, at: fields.position,
                             "check failed: \(claim): the claim is about infinity ('infinite: true'), but the values are not all the same infinity (\(listed))")
                return nil
            }
        } else if let index = values.firstIndex(where: { !$0.isFinite }) {
            fields.error(.checkNonFinite, at: positions[index],
                         "check failed: \(claim): value \(index + 1) is \(described[index]), not a finite number (\(listed)); "
                         + "a check compares finite values (write 'infinite: true' if the claim is that they are all infinite)")
            return nil
        }
        for value in values.dropFirst() {
            let scale = max(Swift.abs(first), Swift.abs(value))
            let agrees = value == first || Swift.abs(value - first) <= tolerance * max(1, scale)
            if !agrees {
                fields.error(.checkFailed, at: fields.position,
                             "check failed: \(claim): the values differ (\(listed)), beyond the tolerance \(tolerance)")
                return nil
            }
        }
        let shown = values.map { NumberFormat.format($0, digits: digits) }
        var writer = HTMLWriter()
        writer.element("p", ["class": "check", "id": context.idPrefix]) { w in
            w.element("span", ["class": "check-mark", "aria-hidden": "true",
                                "title": "Verified numerically whenever the course is built"], text: "✓")
            w.text(" ")
            if template.indices.isEmpty {
                // A claim without placeholders is followed by its value (or its values, when they
                // differ at the digits shown).
                DirectiveText.write(claim, into: &w)
                var distinct: [String] = []
                for text in shown where !distinct.contains(text) { distinct.append(text) }
                w.text(" (" + distinct.joined(separator: " ≈ ") + ").")
            } else {
                DirectiveText.write(template.filled(shown), into: &w)
            }
        }
        return GeneratedBlock(label: nil, number: nil, html: writer.html)
    }
}

/// A claim's text with `{=n}` placeholders for the computed values.
struct ClaimTemplate {
    let text: String
    /// The placeholders' numbers, in order of appearance.
    let indices: [Int]

    init(_ text: String) {
        self.text = text
        indices = Self.matches(in: text).map(\.index)
    }

    /// The claim with each `{=n}` replaced by `values[n - 1]`.
    func filled(_ values: [String]) -> String {
        var out = ""
        var last = text.startIndex
        for match in Self.matches(in: text) {
            out += text[last..<match.range.lowerBound]
            out += values.indices.contains(match.index - 1) ? values[match.index - 1] : String(text[match.range])
            last = match.range.upperBound
        }
        return out + text[last...]
    }

    private static func matches(in text: String) -> [(range: Range<String.Index>, index: Int)] {
        var found: [(Range<String.Index>, Int)] = []
        var rest = text[...]
        while let open = rest.range(of: "{=") {
            let digits = rest[open.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
            let after = digits.endIndex
            if !digits.isEmpty, digits.count <= 4, after < rest.endIndex, rest[after] == "}", let number = Int(digits) {
                found.append((open.lowerBound..<rest.index(after: after), number))
                rest = rest[rest.index(after: after)...]
            } else {
                rest = rest[open.upperBound...]
            }
        }
        return found
    }
}
