#!/usr/bin/env python3
"""Writes a synthetic lossbook course of N pages shaped like ours.

Each page has front matter, a heading or two, prose, 10 inline and 2 display formulas (one of
them labelled and referenced), a table, a fenced code block and a `plot` directive (left out
with --no-plot, for timing a builder without plots). Formulas differ from page to page, so that the
formula cache cannot share them across pages. Pages are spread over parts of 50 pages each.

Also writes formulas.jsonl next to content/ (one {"tex": ..., "display": ...} per formula, in
page order), for timing KaTeX alone on exactly the same formulas.

Usage: generate_course.py N OUTPUT_FOLDER [--no-plot]
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


def inline_formulas(i):
    return [
        f"\\ell_{{{i}}}(y, \\hat y) = (y - \\hat y)^2",
        f"p_\\theta(y \\mid x_{{{i}}})",
        f"\\sigma(z) = \\frac{{1}}{{1 + e^{{-z}}}} + {i}",
        f"\\nabla_\\theta \\mathcal{{L}}_{{{i}}}",
        f"\\log \\sum_{{k=1}}^{{{i + 2}}} e^{{z_k}}",
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


def page(i, order, plot):
    inline = inline_formulas(i)
    display = display_formulas(i)
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


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    plot = "--no-plot" not in sys.argv
    if len(args) != 2:
        sys.exit(__doc__)
    count, out = int(args[0]), args[1]
    content = os.path.join(out, "content")
    os.makedirs(content, exist_ok=True)
    formulas = []
    with open(os.path.join(content, "index.md"), "w") as f:
        f.write(f"---\ntitle: A synthetic course of {count} pages\n---\nWelcome. The course has {count} pages.\n")
    with open(os.path.join(content, "macros.tex"), "w") as f:
        f.write("\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand{\\E}{\\mathbb{E}}\n")
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
            text, page_formulas = page(i, k + 1, plot)
            formulas += page_formulas
            with open(os.path.join(folder, f"page-{i}.md"), "w") as f:
                f.write(text)
    with open(os.path.join(out, "formulas.jsonl"), "w") as f:
        for formula in formulas:
            f.write(json.dumps(formula) + "\n")


if __name__ == "__main__":
    main()
