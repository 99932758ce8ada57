import Foundation
import LossbookTestSupport

/// A small course held as values, written out as content/ and templates/ files, and the random
/// edits an author makes to it. The model keeps the course valid (a deleted note takes the
/// references to its labels with it); the `Breakage` edits make it invalid on purpose, for one
/// build, so that failed incremental builds are compared with failed fresh builds too.
struct EditableCourse {
    /// One block of a note, in order.
    enum Block: Equatable {
        case prose(String)
        case heading(String)
        case equation(label: String, tex: String)
        case plot(label: String, delta: Double)
        case lossTable(inputs: [Double])
        case check(value: Int)
        case inlineValue(Int)
        case runnable(Int)
        case reference(String)
        /// A link to another note's heading: (note path relative to content/, heading slug).
        case link(note: String, anchor: String)
    }

    struct Note: Equatable {
        /// Relative to content/, e.g. `1-basics/first.md`.
        var path: String
        var title: String
        var order: Int
        var blocks: [Block]
    }

    var notes: [Note] = []
    var macroVariant = 0
    /// Template file name → how many times it was edited (a marker comment per edit).
    var templateEdits: [String: Int] = [:]
    /// A counter that makes every new name and every prose change unique.
    var serial = 0

    static let macroVariants = ["\\mathcal{L}", "\\ell", "\\mathcal{J}", "J"]
    static let editableTemplates = ["page.mustache", "footer.mustache", "sidebar.mustache", "header.mustache", "home.mustache"]

    /// The starting course: two chapters, every kind of block, one runnable Swift block.
    static func fixture() -> EditableCourse {
        var course = EditableCourse()
        course.notes = [
            Note(path: "index.md", title: "A course", order: 0, blocks: [
                .prose("Welcome to $\\loss(x)$, the course."),
                .inlineValue(2),
            ]),
            Note(path: "1-basics/index.md", title: "Basics", order: 1, blocks: [.prose("The first part.")]),
            Note(path: "1-basics/first.md", title: "First", order: 1, blocks: [
                .heading("Start"),
                .prose("A loss $\\loss$ measures error."),
                .equation(label: "eq-mse", tex: "\\loss(\\hat y) = (\\hat y - y)^2"),
                .reference("eq-nll"),
                .lossTable(inputs: [0.5, 2]),
            ]),
            Note(path: "1-basics/second.md", title: "Second", order: 2, blocks: [
                .heading("Later"),
                .prose("Back to the start."),
                .link(note: "1-basics/first.md", anchor: "start"),
                .plot(label: "fig-huber", delta: 1),
                .reference("eq-mse"),
                .check(value: 3),
            ]),
            Note(path: "2-losses/index.md", title: "Losses", order: 2, blocks: [.prose("The second part.")]),
            Note(path: "2-losses/nll.md", title: "Likelihood", order: 1, blocks: [
                .heading("Negative log-likelihood"),
                .equation(label: "eq-nll", tex: "\\loss(\\theta) = -\\log p_\\theta(y)"),
                .reference("fig-huber"),
                .inlineValue(4),
                .runnable(3),
            ]),
        ]
        return course
    }

    // MARK: Writing the files

    /// Every file of the course: content/ and the edited templates (relative to the project).
    func files(templates original: [String: String]) -> [String: String] {
        var files: [String: String] = [:]
        files["content/macros.tex"] = "\\newcommand{\\loss}{\(Self.macroVariants[macroVariant])}\n\\newcommand{\\R}{\\mathbb{R}}\n"
        for note in notes {
            files["content/" + note.path] = text(of: note)
        }
        for (name, text) in original {
            let edits = templateEdits[name] ?? 0
            files["templates/" + name] = edits == 0 ? text : text + (1...edits).map { "<!-- edit \($0) -->\n" }.joined()
        }
        return files
    }

    private func text(of note: Note) -> String {
        var text = "---\ntitle: \(note.title)\norder: \(note.order)\n---\n"
        for block in note.blocks {
            text += "\n" + markdown(block, in: note) + "\n"
        }
        return text
    }

    private func markdown(_ block: Block, in note: Note) -> String {
        switch block {
        case .prose(let prose):
            return prose
        case .heading(let heading):
            return "## \(heading)"
        case .equation(let label, let tex):
            return "$$\n\(tex)\n$$ {#\(label)}"
        case .plot(let label, let delta):
            return "```plot\nlabel: \(label)\ntitle: Huber with delta \(delta)\nx: {min: -3, max: 3}\ncurves:\n  - {loss: huber, args: {delta: \(delta)}}\n  - {loss: mse}\n```"
        case .lossTable(let inputs):
            let list = inputs.map { String($0) }.joined(separator: ", ")
            let targets = inputs.map { _ in "0" }.joined(separator: ", ")
            return "```loss\nloss: huber\nargs: {input: [\(list)], target: [\(targets)], delta: 1}\ncaption: Residuals against $\\loss$.\n```"
        case .check(let value):
            return "```check\nclaim: \"MSE of \(value) against 0 is {=1}, the square {=2}\"\nequal:\n  - {loss: mse, args: {input: [\(value)], target: [0]}}\n  - {expr: \"\(value)^2\"}\n```"
        case .inlineValue(let value):
            return "The MSE of \(value) is `={loss: mse, args: {input: [\(value)], target: [0]}}`."
        case .runnable(let value):
            return "```swift run\nlet r = try LossCatalog.evaluate(\"mse\", args: [\"input\": EngineValue([\(value).0]), \"target\": EngineValue([0.0])])\nprint(\"mse =\", r.value.doubleValue ?? .nan)\n```"
        case .reference(let label):
            return "As @\(label) shows."
        case .link(let target, let anchor):
            return "See [that section](\(RelativeLink.from(note.path, to: target))#\(anchor))."
        }
    }

    // MARK: Edits

    /// The kinds of edit, each one a step of the schedule.
    enum Edit: String, CaseIterable {
        case prose, moveEquationLabel, moveFigureLabel, deleteNote, addChapter, template, macro, runnable
        case plotParameters, lossTableParameters, checkParameters, inlineValueParameters
    }

    /// Content made invalid for one build; the next step writes the model's files again.
    enum Breakage: String, CaseIterable {
        case unknownReference, falseCheck, plotWithoutRange, katexError, duplicateLabel, runnableCompileError
    }

    /// Notes that are not a part's index or the home page (they can be deleted, hold labels).
    var pageNotes: [Int] {
        notes.indices.filter { !notes[$0].path.hasSuffix("index.md") }
    }

    private mutating func next() -> Int {
        serial += 1
        return serial
    }

    /// Applies `edit`, choosing its target with `random`; returns what was done, for messages.
    mutating func apply(_ edit: Edit, _ random: inout SeededRandom) -> String {
        switch edit {
        case .prose:
            let index = random.below(notes.count)
            let word = ["loss", "risk", "error", "likelihood", "$\\loss_\(next())$"][random.below(5)]
            let prose = Block.prose("A sentence about \(word), number \(next()).")
            let position = random.below(notes[index].blocks.count + 1)
            if let existing = notes[index].blocks.indices.first(where: { if case .prose = notes[index].blocks[$0] { true } else { false } }),
               random.below(2) == 0 {
                notes[index].blocks[existing] = prose
                return "prose of \(notes[index].path) rewritten"
            }
            notes[index].blocks.insert(prose, at: position)
            return "prose added to \(notes[index].path)"
        case .moveEquationLabel, .moveFigureLabel:
            let wantsFigure = edit == .moveFigureLabel
            let holders = notes.indices.flatMap { note in
                notes[note].blocks.indices.filter { block in
                    switch notes[note].blocks[block] {
                    case .equation: !wantsFigure
                    case .plot: wantsFigure
                    default: false
                    }
                }.map { (note, $0) }
            }
            let destinations = pageNotes
            guard !holders.isEmpty, !destinations.isEmpty else { return apply(.prose, &random) }
            let (from, block) = holders[random.below(holders.count)]
            let moved = notes[from].blocks.remove(at: block)
            // Another note when there is one: the label changes page (and number).
            let others = destinations.filter { $0 != from }
            let to = others.isEmpty ? destinations[random.below(destinations.count)] : others[random.below(others.count)]
            notes[to].blocks.insert(moved, at: random.below(notes[to].blocks.count + 1))
            return "\(moved) moved from \(notes[from].path) to \(notes[to].path)"
        case .deleteNote:
            let candidates = pageNotes
            guard candidates.count > 1 else { return apply(.addChapter, &random) }
            let removed = notes.remove(at: candidates[random.below(candidates.count)])
            let gone = Set(removed.blocks.compactMap { block -> String? in
                switch block {
                case .equation(let label, _), .plot(let label, _): label
                default: nil
                }
            })
            for index in notes.indices {
                notes[index].blocks.removeAll { block in
                    switch block {
                    case .reference(let label): gone.contains(label)
                    case .link(let target, _): target == removed.path
                    default: false
                    }
                }
            }
            return "\(removed.path) deleted"
        case .addChapter:
            let number = next()
            // Sometimes before the others (renumbering every label), sometimes after.
            let order = random.below(2) == 0 ? 0 : 100 + number
            let folder = "\(order)-chapter-\(number)"
            notes.append(Note(path: "\(folder)/index.md", title: "Chapter \(number)", order: order, blocks: [.prose("Part \(number).")]))
            var blocks: [Block] = [.heading("Opening \(number)"), .equation(label: "eq-new-\(number)", tex: "\\loss_{\(number)} = \(number)")]
            let labels = allLabels
            if !labels.isEmpty { blocks.append(.reference(labels[random.below(labels.count)])) }
            if let target = pageNotes.randomElement(using: &random), let anchor = firstHeadingSlug(of: notes[target]) {
                blocks.append(.link(note: notes[target].path, anchor: anchor))
            }
            notes.append(Note(path: "\(folder)/opening.md", title: "Opening \(number)", order: 1, blocks: blocks))
            return "chapter \(folder) added"
        case .template:
            let name = Self.editableTemplates[random.below(Self.editableTemplates.count)]
            templateEdits[name, default: 0] += 1
            return "templates/\(name) edited"
        case .macro:
            macroVariant = (macroVariant + 1 + random.below(Self.macroVariants.count - 1)) % Self.macroVariants.count
            return "\\loss is now \(Self.macroVariants[macroVariant])"
        case .runnable:
            return changeFirst(where: { if case .runnable = $0 { true } else { false } },
                               edit: { if case .runnable(let old) = $0 { .runnable(old % 9 + 1) } else { .runnable(1) } }, random: &random)
        case .plotParameters:
            let deltas = [0.5, 1.5, 2, 0.25]
            let step = 1 + random.below(deltas.count - 1)
            return changeFirst(where: { if case .plot = $0 { true } else { false } }, edit: { block in
                guard case .plot(let label, let delta) = block else { return block }
                return .plot(label: label, delta: deltas[((deltas.firstIndex(of: delta) ?? 0) + step) % deltas.count])
            }, random: &random)
        case .lossTableParameters:
            let extra = Double(1 + random.below(9)) / 2
            return changeFirst(where: { if case .lossTable = $0 { true } else { false } }, edit: { block in
                guard case .lossTable(let inputs) = block else { return .lossTable(inputs: [extra]) }
                // One more item, or one fewer: never the same table.
                return .lossTable(inputs: inputs.count > 2 ? Array(inputs.dropFirst()) : inputs + [extra])
            }, random: &random)
        case .checkParameters:
            let step = 1 + random.below(8)
            return changeFirst(where: { if case .check = $0 { true } else { false } },
                               edit: { if case .check(let old) = $0 { .check(value: (old + step) % 9 + 1) } else { .check(value: 2) } }, random: &random)
        case .inlineValueParameters:
            let step = 1 + random.below(8)
            return changeFirst(where: { if case .inlineValue = $0 { true } else { false } },
                               edit: { if case .inlineValue(let old) = $0 { .inlineValue((old + step) % 9 + 1) } else { .inlineValue(2) } }, random: &random)
        }
    }

    /// Changes one block that `matches` (a random one); adds one to a random page when none is left.
    private mutating func changeFirst(where matches: (Block) -> Bool, edit: (Block) -> Block, random: inout SeededRandom) -> String {
        let holders = notes.indices.flatMap { note in notes[note].blocks.indices.filter { matches(notes[note].blocks[$0]) }.map { (note, $0) } }
        if holders.isEmpty {
            let target = pageNotes[random.below(pageNotes.count)]
            let seed: Block = .inlineValue(0)
            let made = edit(seed)
            let block: Block = made == seed ? .plot(label: "fig-\(next())", delta: 1) : made
            notes[target].blocks.append(block)
            return "\(block) added to \(notes[target].path)"
        }
        let (note, index) = holders[random.below(holders.count)]
        let before = notes[note].blocks[index]
        notes[note].blocks[index] = edit(before)
        return "\(before) → \(notes[note].blocks[index]) in \(notes[note].path)"
    }

    var allLabels: [String] {
        notes.flatMap { note in
            note.blocks.compactMap { block -> String? in
                switch block {
                case .equation(let label, _), .plot(let label, _): label
                default: nil
                }
            }
        }.sorted()
    }

    private func firstHeadingSlug(of note: Note) -> String? {
        for case .heading(let text) in note.blocks {
            return text.lowercased().split(separator: " ").joined(separator: "-")
        }
        return nil
    }

    /// The model's files with one invalid change, for one build.
    func broken(_ breakage: Breakage, files: [String: String], _ random: inout SeededRandom) -> ([String: String], String) {
        var files = files
        let pages = pageNotes.map { notes[$0].path }
        let path = "content/" + pages[random.below(pages.count)]
        let text = files[path] ?? ""
        switch breakage {
        case .unknownReference:
            files[path] = text + "\nSee @eq-nowhere.\n"
        case .falseCheck:
            files[path] = text + "\n```check\nclaim: one is two\nequal: [{expr: \"1\"}, {expr: \"2\"}]\n```\n"
        case .plotWithoutRange:
            files[path] = text + "\n```plot\ntitle: No range\ncurves: [{loss: mse}]\n```\n"
        case .katexError:
            files[path] = text + "\nBroken $\\frac{1}{$ math.\n"
        case .runnableCompileError:
            // The block's code made wrong where it is: a compiler error mapped to the note's line.
            guard let holder = notes.first(where: { $0.blocks.contains { if case .runnable = $0 { true } else { false } } }),
                  let original = files["content/" + holder.path], original.contains("print(\"mse =\"") else {
                return broken(.katexError, files: files, &random)
            }
            files["content/" + holder.path] = original.replacingOccurrences(of: "print(\"mse =\"", with: "let wrong: Int = \"text\"\nprint(\"mse =\"")
            return (files, "runnableCompileError in content/\(holder.path)")
        case .duplicateLabel:
            guard let label = allLabels.first(where: { $0.hasPrefix("eq-") }) else { return broken(.katexError, files: files, &random) }
            files[path] = text + "\n$$\nx = y\n$$ {#\(label)}\n"
        }
        return (files, "\(breakage) in \(path)")
    }
}

/// A relative link between two notes, as an author writes it in Markdown.
enum RelativeLink {
    static func from(_ source: String, to target: String) -> String {
        let sourceFolders = source.split(separator: "/").dropLast()
        let targetParts = target.split(separator: "/")
        var common = 0
        while common < sourceFolders.count, common < targetParts.count - 1, sourceFolders[common] == targetParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: sourceFolders.count - common)
        return (ups + targetParts[common...].map(String.init)).joined(separator: "/")
    }
}
