@testable import LossPlot

/// Test helpers: render one panel of marks and get both the text and the typed tree.
enum Render {
    static func figure(
        _ marks: [Mark], x: Axis = Axis(), y: Axis = Axis(),
        title: String = "Test", legend: LegendPlacement = .top, idPrefix: String = "t"
    ) -> Figure {
        Figure(title: title, panels: [Panel(x: x, y: y, marks: marks)], width: 400, height: 300, legend: legend, idPrefix: idPrefix)
    }

    static func tree(_ figure: Figure) -> SVGNode {
        FigureRenderer(figure: figure).render()
    }

    static func elements(_ figure: Figure, class name: String) -> [SVGElement] {
        tree(figure).allElements.filter { ($0.attribute("class") ?? "").split(separator: " ").contains(Substring(name)) }
    }

    static func layout(_ marks: [Mark], x: Axis = Axis(), y: Axis = Axis()) -> PanelLayout {
        FigureRenderer(figure: figure(marks, x: x, y: y)).layouts()[0]
    }

    /// The numbers in a path's `d`, as pairs after M and L commands.
    static func points(inPath d: String) -> [(Double, Double)] {
        var result: [(Double, Double)] = []
        var current = ""
        var numbers: [Double] = []
        for ch in d + "M" {
            if ch.isNumber || ch == "." || (ch == "-" && current.isEmpty) {
                current.append(ch)
            } else {
                if let v = Double(current) { numbers.append(v) }
                current = ch == "-" ? "-" : ""
                if ch.isLetter, ch != "e" {
                    while numbers.count >= 2 { result.append((numbers[0], numbers[1])); numbers.removeFirst(2) }
                    numbers = []
                }
            }
        }
        return result
    }

    /// How many subpaths (`M` commands) a path has.
    static func runCount(_ d: String) -> Int { d.filter { $0 == "M" }.count }
}
