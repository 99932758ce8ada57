/// A formula's TeX turned into the words and symbols a reader would type or recognise, for search
/// snippets and terms: `\frac{1}{2}\sigma(z)` → `1/2 σ(z)`, `\operatorname{softmax}(z)_i` →
/// `softmax(z)_i`. Layout commands (`\left`, `\,`, `\quad`, `\displaystyle`) disappear; unknown
/// commands (the course's macros) keep their name without the backslash.
enum MathText {
    static func readable(_ tex: String) -> String {
        var parser = Parser(scalars: Array(tex.unicodeScalars))
        let text = parser.sequence(until: nil)
        return collapseSpaces(text)
    }

    /// Runs of spaces, tabs and newlines become one space; leading and trailing ones go.
    /// Works on bytes (whole course texts pass through here); a `\r\n` pair is one character
    /// that is none of the three, as it is for `String`, and stays.
    static func collapseSpaces(_ text: String) -> String {
        // Read in place (no copy of the text's bytes); a text with nothing to collapse (no tab or
        // newline, no space at either end or next to another) is returned as it is.
        ByteSearch.withUTF8(text) { bytes -> String in
            if !needsCollapsing(bytes) { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let isCRLF = byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A
                if !isCRLF, byte == 0x20 || byte == 0x0A || byte == 0x09 {
                    pendingSpace = !out.isEmpty
                    index += 1
                    continue
                }
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
                if isCRLF { out.append(0x0A); index += 1 }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether `collapseSpaces` would change these bytes.
    private static func needsCollapsing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x20 || last == 0x20 { return true }
        var previousSpace = false
        for byte in bytes {
            if byte == 0x0A || byte == 0x09 { return true }
            let space = byte == 0x20
            if space && previousSpace { return true }
            previousSpace = space
        }
        return false
    }

    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
        "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "ell": "ℓ", "sum": "Σ", "prod": "Π", "int": "∫", "partial": "∂", "nabla": "∇", "infty": "∞",
        "cdot": "·", "times": "×", "pm": "±", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
        "neq": "≠", "ne": "≠", "approx": "≈", "propto": "∝", "sim": "~", "to": "→", "rightarrow": "→",
        "mapsto": "↦", "in": "∈", "mid": "|", "lvert": "|", "rvert": "|", "vert": "|", "lVert": "‖",
        "rVert": "‖", "|": "‖", "ldots": "…", "dots": "…", "cdots": "…", "sqrt": "√",
        "langle": "⟨", "rangle": "⟩", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}",
        "%": "%", "$": "$", "&": "&", "#": "#", "_": "_", "max": "max", "min": "min", "log": "log",
        "exp": "exp", "arg": "arg", "argmin": "argmin", "argmax": "argmax",
    ]

    /// Commands that only affect layout or size: dropped with nothing in their place.
    static let silent: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
        "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", ",", ";", ":", "!", " ",
        "quad", "qquad", "middle", "tag", "label", "nonumber", "notag",
    ]

    /// Commands whose single argument is shown as it is (fonts, accents, text).
    static let passThrough: Set<String> = [
        "text", "textrm", "textit", "textbf", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal",
        "mathbb", "mathfrak", "boldsymbol", "bm", "operatorname", "hat", "bar", "tilde", "vec", "dot",
        "ddot", "widehat", "widetilde", "overline", "underline", "mathop", "emph",
    ]

    /// A script in Unicode super- or subscript characters when every character has one
    /// (`^2` → ², `_{i=1}` → ᵢ₌₁, `^{-z}` → ⁻ᶻ), else marked as in plain-text math (`^(…)`).
    static func script(_ text: String, map: [Character: Character], marker: String) -> String {
        let compact = text.filter { $0 != " " }
        if compact.isEmpty { return "" }
        if compact == "′" || compact == "′′" { return compact }
        if compact.allSatisfy({ map[$0] != nil }) { return String(compact.map { map[$0]! }) }
        return marker + (compact.count == 1 ? compact : "(" + MathText.collapseSpaces(text) + ")")
    }

    static let superscripts: [Character: Character] = {
        let pairs: [(String, String)] = [
            ("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"), ("+-−=()", "⁺⁻⁻⁼⁽⁾"),
            ("abcdefghijklmnoprstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"), ("T*", "ᵀ*"),
        ]
        var map: [Character: Character] = [:]
        for (from, to) in pairs { for (a, b) in zip(from, to) { map[a] = b } }
        return map
    }()

    static let subscripts: [Character: Character] = {
        let pairs: [(String, String)] = [
            ("0123456789", "₀₁₂₃₄₅₆₇₈₉"), ("+-−=()", "₊₋₋₌₍₎"), ("aehijklmnoprstuvx", "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"),
        ]
        var map: [Character: Character] = [:]
        for (from, to) in pairs { for (a, b) in zip(from, to) { map[a] = b } }
        return map
    }()

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        /// Reads until the closing brace `until` (consumed) or the end.
        mutating func sequence(until close: Unicode.Scalar?) -> String {
            var out = ""
            while index < scalars.count {
                let scalar = scalars[index]
                if let close, scalar == close { index += 1; return out }
                out += item()
            }
            return out
        }

        /// One command, group or character.
        mutating func item() -> String {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "{": return sequence(until: "}")
            case "}": return ""
            case "\\": return command()
            case "~": return " "
            case "&": return " "
            case "^": return MathText.script(argument(), map: MathText.superscripts, marker: "^")
            case "_": return MathText.script(argument(), map: MathText.subscripts, marker: "_")
            default: return String(scalar)
            }
        }

        /// The next argument: a group or one character, with surrounding spaces skipped.
        mutating func argument() -> String {
            while index < scalars.count, scalars[index] == " " { index += 1 }
            guard index < scalars.count else { return "" }
            return item()
        }

        mutating func command() -> String {
            guard index < scalars.count else { return "" }
            var name = ""
            if Self.isLetter(scalars[index]) {
                while index < scalars.count, Self.isLetter(scalars[index]) {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
            } else {
                name = String(scalars[index])
                index += 1
            }
            if name == "\\" { return " " }
            if MathText.silent.contains(name) { return name.count == 1 ? " " : "" }
            if ["frac", "dfrac", "tfrac", "cfrac"].contains(name) {
                let numerator = argument(), denominator = argument()
                return "\(Self.wrap(numerator))/\(Self.wrap(denominator)) "
            }
            if name == "binom" {
                let n = argument(), k = argument()
                return "(\(n) choose \(k))"
            }
            if name == "begin" || name == "end" {
                _ = argument()
                return " "
            }
            if MathText.passThrough.contains(name) { return argument() }
            if let symbol = MathText.symbols[name] {
                return name.count > 1 && symbol.unicodeScalars.count > 1 ? " \(symbol) " : symbol
            }
            return name
        }

        static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        }

        static func wrap(_ text: String) -> String {
            let trimmed = MathText.collapseSpaces(text)
            return trimmed.unicodeScalars.count <= 1 || trimmed.allSatisfy({ $0.isNumber }) ? trimmed : "(\(trimmed))"
        }
    }
}
