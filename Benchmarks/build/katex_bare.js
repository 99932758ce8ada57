// The bare cost of KaTeX on a course's formulas: one node process, formulas streamed in as JSON
// lines ({"tex": ..., "display": ...}) on standard input, rendered the way lossbook renders them
// (htmlAndMathml, with the course's macros), output streamed out without waiting for replies.
// Usage: node --single-threaded-gc katex_bare.js MACROS_FILE < formulas.jsonl > /dev/null
// (the flag is the one lossbook starts node with).
"use strict";
const katex = require("/usr/share/javascript/katex/katex.js");
const fs = require("fs");
const readline = require("readline");

const macros = {};
const file = process.argv[2];
if (file && fs.existsSync(file)) {
  for (const match of fs.readFileSync(file, "utf8").matchAll(/\\newcommand\{(\\[A-Za-z]+)\}\{(.*)\}/g)) {
    macros[match[1]] = match[2];
  }
}
let count = 0;
let bytes = 0;
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (!line) return;
  const formula = JSON.parse(line);
  const html = katex.renderToString(formula.tex, {
    displayMode: formula.display, output: "htmlAndMathml", throwOnError: false, macros: Object.assign({}, macros),
  });
  bytes += html.length;
  count += 1;
  process.stdout.write(JSON.stringify({ html }) + "\n");
});
lines.on("close", () => process.stderr.write(`${count} formulas, ${bytes} characters of HTML\n`));
