/// The files `lossbook init` writes: a course that builds at once and shows, in one short
/// chapter, every construct a note can use. Paths are relative to the new course's folder.
enum StarterCourse {
    static func files(title: String) -> [(path: String, text: String)] {
        [
            ("lossbook.yml", settings(title: title)),
            ("content/index.md", home(title: title)),
            ("content/1-basics/index.md", part),
            ("content/1-basics/squared-error.md", chapter),
            ("content/macros.tex", macros),
            (".gitignore", gitignore),
            ("README.md", readme(title: title)),
        ]
    }

    static func settings(title: String) -> String {
        """
        # The course's settings, read by every `lossbook` command run in this folder.
        # Flags (--content, --templates, --output, --base-url) override them.
        title: \(yamlQuoted(title))
        # subtitle: A short line under the title
        authors: [Your Name]
        description: A course written with lossbook.
        language: en
        licence: CC BY-SA 4.0
        # repository: https://github.com/you/your-course
        # base-url: https://you.github.io/your-course/
        macros: content/macros.tex
        content: content
        # Files here replace lossbook's default theme file by file (page.mustache, assets/lossbook.css, …).
        templates: templates
        output: site

        """
    }

    static func home(title: String) -> String {
        """
        ---
        title: \(yamlQuoted(title))
        description: What this course is about, in one sentence.
        ---

        Welcome. This page is `content/index.md`; every folder under `content/` is a part of the
        course, and every other `.md` file in it is a chapter.

        Start with [the first chapter](1-basics/squared-error.md).

        """
    }

    static let part = """
        ---
        title: Basics
        description: The first part of the course.
        order: 1
        ---

        A part's `index.md` introduces it; its chapters follow in the order their front matter gives.

        """

    static let chapter = #"""
        ---
        title: Squared error
        description: One chapter that shows each construct lossbook offers.
        order: 1
        ---

        ## Math, with a labelled equation

        The squared error of a prediction $\hat y$ for a target $y$ is

        $$
        \ell(\hat y, y) = \sq{\hat y - y}
        $$ {#eq-squared-error}

        and @eq-squared-error is the negative log-likelihood of a normal distribution with unit
        variance, up to a constant. (`\sq` is a macro from `content/macros.tex`.)

        ## A plot

        ```plot
        label: fig-squared-error
        title: Squared error against the residual
        caption: The loss grows with the square of the residual; computed by the engine at build time.
        x: {label: "residual (prediction − target)", min: -3, max: 3}
        y: {label: loss}
        curves:
          - loss: mse
            against: residual
            label: squared error
        ```

        @fig-squared-error shows it.

        ## A loss table

        ```loss
        loss: mse
        args: {input: [0.5, 2.0, -1.0], target: [0.0, 0.0, 0.0]}
        reduction: none
        ```

        ## A checked claim

        ```check
        claim: the mean squared error of residuals 3 and 4 is 12.5
        equal:
          - {loss: mse, args: {input: [3, 4], target: [0, 0]}}
          - {expr: "(9 + 16) / 2"}
        tolerance: 1e-12
        ```

        A false claim fails the build, so the prose cannot drift from the numbers.

        ## An inline value

        The squared error of 3 against 0 is `={loss: mse, args: {input: [3], target: [0]}}`.

        ## Runnable Swift

        ```swift run
        let residuals = [0.5, -1.0, 2.0]
        let total = residuals.map { $0 * $0 }.reduce(0, +)
        print("sum of squares: \(total)")
        print("LossEngine \(EngineVersion.string)")
        ```

        > [!NOTE]
        > A block whose info string is `swift run` is compiled against LossEngine and run when the
        > course is built; the page shows the code and what it printed.

        ## An exercise

        > [!EXERCISE] Doubling the residual
        > By what factor does the squared error grow when the residual doubles?
        >
        > > [!SOLUTION]
        > > By four: $(2a)^2 = 4a^2$.

        """#

    static let macros = #"""
        % KaTeX macros for every page of the course: one \newcommand per line.
        \newcommand{\sq}[1]{\left(#1\right)^2}

        """#

    static let gitignore = """
        # Built by lossbook: rebuild with `lossbook build`.
        /site/
        /.lossbook-cache/

        """

    static func readme(title: String) -> String {
        """
        # \(title)

        A course built with lossbook.

        ```bash
        lossbook build      # builds the course into site/; open site/index.html
        lossbook serve      # serves it at http://127.0.0.1:8000/ and rebuilds on every save
        lossbook check      # reports every problem without writing the site
        ```

        - `lossbook.yml`: the course's title, authors, licence, repository and folders.
        - `content/`: the notes, in Markdown; `content/1-basics/squared-error.md` shows every
          construct (math, plots, loss tables, checked claims, inline values, runnable Swift,
          callouts, exercises).
        - `templates/` (optional): a file here replaces the default theme's file of the same name,
          for instance `templates/assets/lossbook.css` or `templates/page.mustache`.

        Problems are reported as `path:line:col: error: message`.

        """
    }

    /// A YAML double-quoted scalar: the title is the author's text, whatever it contains.
    static func yamlQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
