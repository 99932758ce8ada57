// KaTeX and highlight.js renderer, one long-lived process per build.
