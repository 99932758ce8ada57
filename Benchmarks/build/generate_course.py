#!/usr/bin/env python3
"""Writes a synthetic lossbook course of N pages shaped like ours.

Each page has front matter, a heading or two, prose, 10 inline and 2 display formulas (one of
them labelled and referenced), a table, a fenced code block and a `plot` directive (left out
with --no-plot, for timing a builder without plots).

--repeat=P (0 to 100, default 0) makes P % of all formulas repeats: such a formula is the same on
every page (one of the 12 slots' shared forms), so a builder that renders each distinct formula
once renders it once for the course; the others carry the page's number and differ from page to
page. Which formulas repeat is spread evenly over pages and slots, so the share is exact for any
multiple of 100 formulas (and within one formula in a hundred otherwise).

--layout=parts (default) spreads the pages over folders of 50 pages each, one part per folder;
--layout=flat puts every page in content/ itself, for timing a builder on one large folder.

Also writes formulas.jsonl next to content/ (one {"tex": ..., "display": ...} per formula, in
page order), for timing KaTeX alone on exactly the same formulas, and prints one line with the
counts: pages, formulas, distinct formulas and their share.

Usage: generate_course.py N OUTPUT_FOLDER [--no-plot] [--repeat=P] [--layout=parts|flat]
"""
import json
import os
import sys

PAGES_PER_PART = 50

PROSE = (
    "A loss is the negative log-likelihood of a distribution chosen for the target given the "
    "input, whose parameters the network predicts. Minimising it over a data set is maximum "
    "likelihood estimation, and the gradient of the loss with respect to the prediction tells "
    "the optimiser how to move. Choosing the distribution is choosing the loss: a normal "
    "distribution with fixed variance gives the squared error, a Laplace distribution gives the "
    "absolute error, and a Bernoulli distribution over a sigmoid gives binary cross-entropy."
)


FORMULAS_PER_PAGE = 12


def repeats(n, share):
    """Whether formula number n of the course is a repeat: exactly `share` of each 100 in a row.

    37 is prime to 100, so n * 37 mod 100 runs through every residue once in 100 consecutive n.
    """
    return (n * 37) % 100 < share


def inline_formulas(i):
    """The page's ten inline formulas; i is the page's number, or a letter for the shared forms."""
    upper = i + 2 if isinstance(i, int) else f"{i} + 2"
    return [
        f"\\ell_{{{i}}}(y, \\hat y) = (y - \\hat y)^2",
        f"p_\\theta(y \\mid x_{{{i}}})",
        f"\\sigma(z) = \\frac{{1}}{{1 + e^{{-z}}}} + {i}",
        f"\\nabla_\\theta \\mathcal{{L}}_{{{i}}}",
        f"\\log \\sum_{{k=1}}^{{{upper}}} e^{{z_k}}",
        f"\\mathbb{{E}}[y] = \\mu_{{{i}}}",
        f"\\operatorname{{softplus}}(x) = \\log(1 + e^{{x}}) + {i}",
        f"\\hat y_{{{i}}} \\in (0, 1)",
        f"\\sum_{{n=1}}^{{N_{{{i}}}}} \\ell(y_n, f(x_n))",
        f"\\lambda = {i}.5",
    ]


def display_formulas(i):
    return [
        f"\\mathcal{{L}}_{{{i}}}(\\theta) = -\\frac{{1}}{{N}} \\sum_{{n=1}}^{{N}} \\log p_\\theta(y_n \\mid x_n)",
        f"\\frac{{\\partial \\ell}}{{\\partial z}} = \\sigma(z) - y + {i} \\cdot 0",
    ]


PLOT = """```plot
title: Huber against MSE, page {i}
x: {{min: -3, max: 3}}
curves:
  - {{loss: huber, args: {{delta: 1}}}}
  - {{loss: mse}}
```
"""


def page(i, order, plot, share):
    # A repeated formula takes the letter k where a distinct one has the page's number.
    own = inline_formulas(i) + display_formulas(i)
    shared = inline_formulas("k") + display_formulas("k")
    chosen = [shared[s] if repeats(i * FORMULAS_PER_PAGE + s, share) else own[s] for s in range(FORMULAS_PER_PAGE)]
    inline, display = chosen[:10], chosen[10:]
    label = f"eq-page-{i}"
    lines = [
        "---",
        f"title: Page {i}",
        f"order: {order}",
        "---",
        "",
        f"## Setting up page {i}",
        "",
        f"{PROSE} Here the loss is ${inline[0]}$ for a model ${inline[1]}$ with the link ${inline[2]}$.",
        "",
        f"The update follows ${inline[3]}$; a stable form uses ${inline[4]}$, with ${inline[5]}$.",
        "",
        "$$",
        display[0],
        f"$$ {{#{label}}}",
        "",
        f"Equation @{label} is the average negative log-likelihood. {PROSE}",
        "",
        "## Gradients and a table",
        "",
        f"The smooth rectifier ${inline[6]}$ keeps ${inline[7]}$; summing gives ${inline[8]}$ at ${inline[9]}$.",
        "",
        "$$",
        display[1],
        "$$",
        "",
        "| loss | distribution | link |",
        "|---|---|---|",
        "| squared error | normal | identity |",
        "| absolute error | Laplace | identity |",
        f"| cross-entropy {i} | Bernoulli | sigmoid |",
        "",
        "```python",
        "import numpy as np",
        "",
        f"def loss_{i}(y, logits):",
        "    # binary cross-entropy from logits, in the stable form",
        "    return np.mean(np.maximum(logits, 0) - logits * y + np.log1p(np.exp(-np.abs(logits))))",
        "```",
        "",
    ]
    if plot:
        lines += [PLOT.format(i=i), ""]
    lines += [PROSE, ""]
    formulas = [{"tex": t, "display": False} for t in inline[:6]] + [{"tex": display[0], "display": True}] \
        + [{"tex": t, "display": False} for t in inline[6:]] + [{"tex": display[1], "display": True}]
    return "\n".join(lines), formulas


def option(name, default):
    for a in sys.argv[1:]:
        if a.startswith(f"--{name}="):
            return a.split("=", 1)[1]
    return default


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    plot = "--no-plot" not in sys.argv
    share = int(option("repeat", "0"))
    layout = option("layout", "parts")
    if len(args) != 2 or not 0 <= share <= 100 or layout not in ("parts", "flat"):
        sys.exit(__doc__)
    count, out = int(args[0]), args[1]
    content = os.path.join(out, "content")
    os.makedirs(content, exist_ok=True)
    formulas = []
    with open(os.path.join(content, "index.md"), "w") as f:
        f.write(f"---\ntitle: A synthetic course of {count} pages\n---\nWelcome. The course has {count} pages.\n")
    with open(os.path.join(content, "macros.tex"), "w") as f:
        f.write("\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\E}{\\mathbb{E}}\n")
    if layout == "flat":
        for i in range(count):
            text, page_formulas = page(i, i + 1, plot, share)
            formulas += page_formulas
            with open(os.path.join(content, f"page-{i}.md"), "w") as f:
                f.write(text)
    else:
        parts = (count + PAGES_PER_PART - 1) // PAGES_PER_PART
        for part in range(parts):
            folder = os.path.join(content, f"{part + 1}-part")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "index.md"), "w") as f:
                f.write(f"---\ntitle: Part {part + 1}\norder: {part + 1}\n---\nPart {part + 1} of the course.\n")
            for k in range(PAGES_PER_PART):
                i = part * PAGES_PER_PART + k
                if i >= count:
                    break
                text, page_formulas = page(i, k + 1, plot, share)
                formulas += page_formulas
                with open(os.path.join(folder, f"page-{i}.md"), "w") as f:
                    f.write(text)
    with open(os.path.join(out, "formulas.jsonl"), "w") as f:
        for formula in formulas:
            f.write(json.dumps(formula) + "\n")
    distinct = len({(f["tex"], f["display"]) for f in formulas})
    print(f"{count} pages ({layout}), {len(formulas)} formulas, {distinct} distinct "
          f"({100 * distinct / max(len(formulas), 1):.0f} %), {share} % repeats asked")


if __name__ == "__main__":
    main()
