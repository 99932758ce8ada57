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
    /// nil when some kind of input was recorded for neither. For many pages, digest `self` once
    /// (`digested()`) and ask the digest.
    func key(with page: PageInputs) -> String? {
        digested().key(with: page)
    }

    /// What every page reads, hashed once kind by kind.
    func digested() -> CourseDigest {
        CourseDigest(kinds: recorded.mapValues { values in FNV1a128.hex(of: [String(values.count)] + values) })
    }

    /// The course's part of every page's key, hashed once: a page's key then costs what that page
    /// recorded. (Hashing the course's values again for each page made the keys quadratic in the
    /// course's size: the outline and the labels grow with every page.)
    struct CourseDigest: Sendable {
        let kinds: [Input: String]

        /// The key of a page that recorded `page`; nil when some kind was recorded for neither.
        func key(with page: PageInputs) -> String? {
            var fields = ["page inputs 2"]
            for input in Input.allCases {
                guard kinds[input] != nil || page.recorded[input] != nil else { return nil }
                let values = page.recorded[input] ?? []
                fields += [input.rawValue, kinds[input] ?? "-", String(values.count)] + values
            }
            return FNV1a128.hex(of: fields)
        }
    }
}
