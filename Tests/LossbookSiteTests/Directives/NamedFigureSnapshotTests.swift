import FoundationXML
import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// The course's named figures, drawn by the plot directive through the engine and compared with
/// stored SVG in Fixtures/figures. A mismatch writes `<name>-changed.svg` beside the stored file
/// (look at both, then copy it over if the change is wanted); `LOSSBOOK_RECORD=1` re-records.
final class NamedFigureSnapshotTests: XCTestCase {
    static let figures: [(name: String, body: String)] = [
        ("sigmoid-and-derivative", "title: Sigmoid\nx: {min: -8, max: 8}\ncurves:\n  - {activation: sigmoid, both: true, label: σ}\nrules: [{y: 0.5}]"),
        ("softmax-temperature", "title: Softmax\nkind: bars\nlogits: [2, 1, 0.1]\ncategories: [cat, dog, bird]\ntemperatures: [0.5, 1, 2]"),
        ("laplace-vs-gaussian", "title: Laplace vs Gaussian\nx: {min: -5, max: 5}\nviews: [linear, log]\ncurves:\n  - {density: normal, params: {loc: 0, scale: 1}}\n  - {density: laplace, params: {loc: 0, scale: 0.7071067811865476}}"),
        ("huber-mse-mae", "title: Huber\nx: {min: -3, max: 3}\ny: {min: 0, max: 4}\ncurves:\n  - {loss: mse}\n  - {loss: mae}\n  - {loss: huber, args: {delta: 1}}\nrules: [{x: -1, label: −δ}, {x: 1, label: δ}]"),
        ("normal-mu-sigma", "title: Normal\nx: {min: -2, max: 4}\ncurves:\n  - {density: normal, params: {loc: 1, scale: 0.8}}\nrules: [{x: 1, label: μ}, {x: 0.2, label: μ − σ}, {x: 1.8, label: μ + σ}]"),
        ("bernoulli-mass", "title: Bernoulli\nkind: bars\nmass: bernoulli\nparams: {probs: 0.3}\nx: {min: 0, max: 1}"),
        ("categorical-bars", "title: Categorical\nkind: bars\nlogits: [0.2, 0.45, 0.1, 0.2, 0.05]\ntransform: none"),
        ("log-is-monotonic", "title: Log\nx: {min: -2, max: 4}\ncurves:\n  - {density: normal, params: {loc: 1, scale: 0.7}}\n  - {density: normal, params: {loc: 1, scale: 0.7}, log: true, label: log density}\nrules: [{x: 1, label: argmax}]"),
        ("least-squares-bells", "title: Bells\nkind: likelihood\nline: {slope: 1.5, intercept: 0.5}\nsigma: 0.6\ndata: {n: 30, seed: 3}\nbells: [-1.4, 0, 1.4]"),
        ("hinge-bce-zero-one", "title: Margins\nx: {min: -3, max: 3}\ny: {min: 0, max: 4}\ncurves:\n  - {loss: hinge}\n  - {loss: bce_with_logits, against: logit}\n  - {misclassification: true}"),
        ("focal-gammas", "title: Focal\nx: {min: -4, max: 4}\ncurves:\n" + [0, 0.5, 1, 2, 5].map { "  - {loss: focal, args: {gamma: \($0), alpha: -1}, label: γ = \($0)}" }.joined(separator: "\n")),
        ("mse-on-sigmoid-vs-bce-gradient", "title: Gradients\nx: {min: -8, max: 6}\ncurves:\n  - {loss: bce_with_logits, derivative: true}\n  - {loss: mse, against: logit, link: sigmoid, derivative: true}"),
        ("mae-corner-huber-join", "title: Corner\nx: {min: -3, max: 3}\ncurves:\n  - {loss: mae, derivative: true}\n  - {loss: huber, args: {delta: 1}, derivative: true}"),
    ]

    private static let folder = TestProject.repositoryRoot.appendingPathComponent("Tests/LossbookSiteTests/Fixtures/figures")

    func testNamedFiguresMatchTheirSnapshots() throws {
        let record = ProcessInfo.processInfo.environment["LOSSBOOK_RECORD"] == "1"
        for (name, body) in Self.figures {
            let (html, problems) = expand("```plot\n\(body)\n```\n")
            XCTAssertEqual(problems, [], name)
            // Two layouts of one figure: the wide one keeps the old snapshot's name, the narrow
            // one (for phones) is stored beside it as <name>-narrow.svg.
            let parts = html.components(separatedBy: "<div class=\"plot-layout plot-narrow\">")
            XCTAssertEqual(parts.count, 2, "\(name): a wide and a narrow layout")
            for (suffix, part) in zip(["", "-narrow"], parts) {
                guard let start = part.range(of: "<svg"), let end = part.range(of: "</svg>") else {
                    XCTFail("\(name)\(suffix): no SVG")
                    continue
                }
                try check(svg: String(part[start.lowerBound..<end.upperBound]) + "\n", name: name + suffix, record: record)
            }
        }
    }

    private func check(svg: String, name: String, record: Bool) throws {
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse(), "\(name): the SVG is not well-formed XML")
        XCTAssertTrue(svg.contains("<title") && svg.contains("<desc"), "\(name): title and description")
        let stored = Self.folder.appendingPathComponent("\(name).svg")
        let changed = Self.folder.appendingPathComponent("\(name)-changed.svg")
        guard !record, let expected = try? String(contentsOf: stored, encoding: .utf8) else {
            try svg.write(to: stored, atomically: true, encoding: .utf8)
            if !record { XCTFail("\(name): no stored snapshot; recorded it now, run the tests again") }
            return
        }
        if expected == svg {
            try? FileManager.default.removeItem(at: changed)
        } else {
            try svg.write(to: changed, atomically: true, encoding: .utf8)
            XCTFail("\(name): the figure changed; compare \(stored.lastPathComponent) with \(changed.lastPathComponent)")
        }
    }
}
