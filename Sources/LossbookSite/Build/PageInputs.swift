/// What one page is made from, recorded by the stages as they read it: the page's cache key is
/// the hash of what was recorded, so the list of what a page depends on is not kept by hand
/// beside the code that reads it.
///
/// Every kind of input is a case of `Input`; a page for which any kind was never recorded has no
/// key and is always made again, so a stage that forgets to record makes the build slower, never
/// stale. `PageInputsTests` changes each kind in turn and checks the key changes.
struct PageInputs: Sendable, Equatable {
    /// The kinds of input of a page, each recorded by the stage that reads it.
    enum Input: String, CaseIterable, Sendable {
        /// The lossbook program itself (its version and build): `ParseStage`.
        case program
        /// The installed KaTeX and highlight.js, which shape every formula and code block: `ParseStage`.
        case renderer
        /// The course's TeX macros: `ParseStage`.
        case macros
        /// What marks math in the notes: `ParseStage`.
        case mathDelimiters
        /// The bibliography, the glossary and which pages cite what: `ParseStage`.
        case reader
        /// The templates and their assets: `LoadStage`.
        case templates
        /// The course settings the templates show (title, authors, licence…): `LoadStage`.
        case course
        /// Where the site is published (canonical links): `LoadStage`.
        case address
        /// The sidebar, previous/next and chapter numbers: every page's path, title, description,
        /// order and number: `LoadStage`.
        case outline
        /// The footer: licence, repository, and the page's last change from git: `LoadStage`.
        case footer
        /// The note: its path, title, description and text: `LoadStage`.
        case note
        /// Every label's kind, page and number (cross-references and numbering): `LinkStage`.
        case labels
        /// What the page copies from other pages for its previews: `LinkStage`.
        case previews
    }

    private var recorded: [Input: [String]] = [:]

    init() {}

    /// Adds values of one kind (more than once adds to them).
    mutating func record(_ input: Input, _ values: [String]) {
        recorded[input, default: []] += values
    }

    /// The kinds recorded so far.
    var kinds: Set<Input> { Set(recorded.keys) }

    /// The key of a page with `self` (what every page reads) and `page` (what this page reads);
    /// nil when some kind of input was recorded for neither. For many pages, take `keyer()` once.
    func key(with page: PageInputs) -> String? {
        keyer().key(with: page)
    }

    /// What every page reads, hashed once: the labels and the outline grow with the course, and
    /// hashing them again for every page made page keys grow with its square (a tenth of a cold
    /// 1000-page build's own CPU).
    func keyer() -> Keyer {
        var fields = ["course inputs 1"]
        for input in Input.allCases {
            let values = recorded[input] ?? []
            // "absent" and "recorded empty" differ: only the latter lets a page have a key.
            fields += [input.rawValue, recorded[input] == nil ? "-" : String(values.count)] + values
        }
        return Keyer(courseKinds: kinds, courseDigest: FNV1a128.hex(of: fields))
    }

    /// Keys of pages that share one set of course-wide inputs.
    struct Keyer: Sendable {
        let courseKinds: Set<Input>
        let courseDigest: String

        /// The page's key: the course's digest and the page's own values, kind by kind.
        func key(with page: PageInputs) -> String? {
            // Hashed field by field (what `FNV1a128.hex(of:)` of the list of fields gives),
            // without building the list: 10,000 pages' keys are made on every edit.
            var hash = FNV1a128()
            hash.combine(field: "page inputs 2")
            hash.combine(field: courseDigest)
            for input in Input.allCases {
                let values = page.recorded[input]
                guard values != nil || courseKinds.contains(input) else { return nil }
                hash.combine(field: input.rawValue)
                hash.combine(field: values.map { String($0.count) } ?? "-")
                for value in values ?? [] { hash.combine(field: value) }
            }
            return hash.hex
        }
    }
}
