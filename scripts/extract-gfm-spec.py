#!/usr/bin/env python3
"""Extracts the examples of the GitHub Flavored Markdown spec into a JSON fixture.

Source: spec.txt.gz of Debian's cmark-gfm package (0.29.0.gfm.6), at
/usr/share/doc/cmark-gfm/spec.txt.gz once `apt-get install cmark-gfm` (or `apt-get download
cmark-gfm && dpkg -x`). Run once; the fixture is committed so the test needs no package.

    scripts/extract-gfm-spec.py /usr/share/doc/cmark-gfm/spec.txt.gz \
        > Tests/LossbookSiteTests/Fixtures/commonmark/gfm-spec-examples.json
"""
import gzip
import json
import sys

FENCE = "`" * 32

def examples(lines):
    section, number, state, markdown, html, extension = "", 0, None, [], [], ""
    for line in lines:
        if state is None and line.startswith(FENCE + " example"):
            state, markdown, html = "markdown", [], []
            extension = line[len(FENCE + " example"):].strip()
            continue
        if state == "markdown" and line == ".":
            state = "html"
            continue
        if state is not None and line == FENCE:
            number += 1
            yield {"number": number, "section": section, "extension": extension,
                   "markdown": "".join(markdown).replace("→", "\t"),
                   "html": "".join(html).replace("→", "\t")}
            state = None
            continue
        if state == "markdown":
            markdown.append(line + "\n")
        elif state == "html":
            html.append(line + "\n")
        elif line.startswith("#"):
            section = line.lstrip("#").strip()

with gzip.open(sys.argv[1], "rt", encoding="utf-8") as spec:
    text = spec.read().split("\n")
print(json.dumps(list(examples(text)), ensure_ascii=False, indent=1))
