// lossbook renderer: KaTeX and highlight.js behind a JSON-lines protocol.
//
// One process per build. stdin carries one JSON request per line; stdout carries exactly one
// answer per request, in request order. Requests are answered as soon as they are read, so a
// client can stream a whole batch without waiting for each answer.
//
// An answer is a JSON line, except the common one that carries only HTML: that is the line
// `=ID BYTES` followed by the HTML itself (BYTES bytes of UTF-8) and a newline, so that neither
// side spends time escaping and unescaping the tens of megabytes a large course renders.
//
// Requests:
//   {"kind":"config","macros":{"\\R":"\\mathbb{R}"}}          no answer; sets the course macros
//   {"id":1,"kind":"version"}           -> {"id":1,"katex":"0.16.4","highlight":"9.18.5"|null}
//   {"id":2,"kind":"math","tex":"x^2","display":false}
//                                       -> {"id":2,"html":"<span class=\"katex\">…"}
//                                       or {"id":2,"error":"Expected '}', got 'EOF'","position":8}
//   {"id":3,"kind":"code","lang":"swift","code":"let x = 1"}
//                                       -> {"id":3,"html":"<span class=\"hljs-keyword\">let</span> …"}
// A formula answer may also carry "warnings": [{"message":"unicodeTextInMathMode: …","position":4}]
// (KaTeX strict-mode reports, see below; `position` as for errors, or null). A request that
// cannot be understood is answered with {"id":…,"error":"…"} (no position). A missing KaTeX is
// reported once as {"fatal":"…"} before the process exits with status 3.
//
// Choices:
// - `position` is KaTeX's 0-based offset into the TeX in UTF-16 code units (a JavaScript string
//   index); `error` is KaTeX's message without the "KaTeX parse error: " prefix and without the
//   "at position N: …" excerpt (the client reports its own file location).
// - `strict` is a function that records every LaTeX-incompatibility report as a warning and
//   never fails: the formula renders as KaTeX would with strict: "ignore", nothing is printed,
//   and the client tells the author where.
// - Macros are copied for each formula, so a \gdef in one formula cannot leak into the next.
// - Only the protocol is written to fd 1. console.log/info/debug are redirected to stderr before
//   highlight.js is loaded, so its "Version 9 … EOL" notice (printed by console.log on first use)
//   can never corrupt the protocol.
"use strict";

const fs = require("fs");
const util = require("util");

for (const name of ["log", "info", "debug", "warn"]) {
  console[name] = (...args) => process.stderr.write(util.format(...args) + "\n");
}

const KATEX_CANDIDATES = [
  process.env.LOSSBOOK_KATEX,
  "/usr/share/javascript/katex/katex.js",
  "/usr/share/nodejs/katex/dist/katex.js",
  "katex",
].filter(Boolean);
const HIGHLIGHT_CANDIDATES = [
  process.env.LOSSBOOK_HIGHLIGHT_JS,
  "/usr/share/nodejs/highlight.js/lib/index.js",
  "highlight.js",
].filter(Boolean);

function requireFirst(candidates) {
  for (const candidate of candidates) {
    try {
      const module = require(candidate);
      return { module, path: require.resolve(candidate) };
    } catch (error) {
      // try the next one
    }
  }
  return null;
}

// The version in the nearest package.json above `file` (highlight.js 9 has no version property).
function packageVersion(file) {
  const path = require("path");
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version || null;
    } catch (error) {
      // keep looking
    }
  }
  return null;
}

// ---- output: answers are buffered and flushed together once the current input chunk is done,
// or once about 48 KB have gathered: a larger buffer is mapped and unmapped afresh on every flush,
// which cost node a tenth of its CPU time in page faults on a large course.

let pending = [];
let pendingLength = 0;
function answer(object) {
  const keys = Object.keys(object);
  let text;
  if (keys.length === 2 && typeof object.id === "number" && typeof object.html === "string") {
    text = "=" + object.id + " " + Buffer.byteLength(object.html, "utf8") + "\n" + object.html;
  } else {
    text = JSON.stringify(object);
  }
  pending.push(text);
  pendingLength += text.length;
  if (pendingLength >= 48 * 1024) flush();
}
function flush() {
  if (pending.length === 0) return;
  const text = pending.join("\n") + "\n";
  pending = [];
  pendingLength = 0;
  writeAll(Buffer.from(text, "utf8"));
}
function writeAll(buffer) {
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(1, buffer, offset, buffer.length - offset);
    } catch (error) {
      if (error.code === "EAGAIN") continue;
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    }
  }
}

const katexModule = requireFirst(KATEX_CANDIDATES);
const katex = katexModule && katexModule.module;
if (!katex || typeof katex.renderToString !== "function") {
  answer({ fatal: "KaTeX not found: install libjs-katex (apt-get install libjs-katex)" });
  flush();
  process.exit(3);
}

// ---- text

// KaTeX works on UTF-16 code units, so its messages can contain half of a surrogate pair (an
// "unknown symbol" warning about an emoji names only its first unit). JSON.stringify writes that
// as a lone \udXXX escape, which strict JSON parsers (Swift's) reject: replace lone surrogates
// with U+FFFD in everything sent back.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function wellFormed(text) {
  return /[\ud800-\udfff]/.test(text) ? text.replace(LONE_SURROGATE, "\ufffd") : text;
}

// ---- math

let macros = {};
let warnings = [];

function strict(errorCode, message, token) {
  const position = token && token.loc && typeof token.loc.start === "number" ? token.loc.start : null;
  warnings.push({ message: wellFormed(errorCode + ": " + message), position });
  return "ignore";
}

function errorMessage(error) {
  let message = String(error && error.message !== undefined ? error.message : error);
  const prefix = "KaTeX parse error: ";
  if (message.startsWith(prefix)) message = message.slice(prefix.length);
  for (const marker of [" at position ", " at end of input: "]) {
    const at = message.indexOf(marker);
    if (at >= 0 && error.position !== undefined) {
      message = message.slice(0, at);
      break;
    }
  }
  return message;
}

function renderMath(request) {
  warnings = [];
  const result = { id: request.id };
  try {
    result.html = wellFormed(katex.renderToString(String(request.tex), {
      displayMode: request.display === true,
      output: "htmlAndMathml",
      throwOnError: true,
      strict: strict,
      trust: false,
      macros: Object.assign({}, request.macros || macros),
    }));
  } catch (error) {
    result.error = wellFormed(errorMessage(error));
    if (error instanceof katex.ParseError && typeof error.position === "number") {
      result.position = error.position;
    }
  }
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

// ---- code

// highlight.js 9's index.js requires all of its 185 languages, which costs node about 50 ms of
// CPU at start-up, on the build's longest path. When the index sits next to the core and its
// languages/ folder (the npm and Debian layout), the core is loaded alone and each language is
// registered the first time a block asks for it, with the languages it embeds (`subLanguage`).
// A name with no file of its own (an alias such as "js"), or a language that embeds any language
// (`subLanguage: []`), loads them all, so the output is always what the full index gives.
let hljs;  // undefined: not loaded yet; null: not installed
let hljsVersion = null;
let hljsLanguages = null;  // the languages/ folder while loading on demand; null once all are loaded
let hljsIndex = null;

function highlighter() {
  if (hljs === undefined) {
    const found = requireFirst(HIGHLIGHT_CANDIDATES.map((candidate) => coreBeside(candidate) || candidate));
    hljs = found && found.module;
    if (found) {
      hljsVersion = found.module.versionString || packageVersion(found.path);
      hljsIndex = HIGHLIGHT_CANDIDATES.find((candidate) => coreBeside(candidate) === found.path) || null;
      if (hljsIndex) hljsLanguages = require("path").join(require("path").dirname(hljsIndex), "languages");
    }
  }
  return hljs;
}

// The core module next to an index.js that has a languages/ folder beside it, or null.
function coreBeside(index) {
  const path = require("path");
  if (!path.isAbsolute(index) || path.basename(index) !== "index.js") return null;
  const core = path.join(path.dirname(index), "highlight.js");
  return fs.existsSync(core) && fs.existsSync(path.join(path.dirname(index), "languages")) ? core : null;
}

function loadAllLanguages() {
  if (hljsLanguages === null) return;
  hljsLanguages = null;
  require(hljsIndex);  // registers every language on the same core module
}

// Makes `name` known to hljs, with everything it embeds.
function loadLanguage(name) {
  if (hljsLanguages === null || hljs.getLanguage(name)) return;
  const file = require("path").join(hljsLanguages, name + ".js");
  if (!/^[a-z0-9_-]+$/.test(name) || !fs.existsSync(file)) {
    loadAllLanguages();
    return;
  }
  hljs.registerLanguage(name, require(file));
  for (const embedded of embeddedLanguages(hljs.getLanguage(name))) {
    if (embedded === null) {
      loadAllLanguages();
      return;
    }
    loadLanguage(embedded);
  }
}

// The `subLanguage` names in a language definition (null for "any language").
function embeddedLanguages(definition) {
  const names = new Set();
  const seen = new Set();
  const visit = (mode) => {
    if (!mode || typeof mode !== "object" || seen.has(mode)) return;
    seen.add(mode);
    if (Array.isArray(mode.subLanguage)) {
      if (mode.subLanguage.length === 0) names.add(null);
      for (const name of mode.subLanguage) names.add(name);
    } else if (typeof mode.subLanguage === "string") {
      names.add(mode.subLanguage);
    }
    for (const key of ["contains", "variants"]) {
      if (Array.isArray(mode[key])) mode[key].forEach(visit);
    }
    visit(mode.starts);
  };
  visit(definition);
  return names;
}

const LANGUAGE_ALIASES = {
  "": null, text: null, txt: null, plain: null, plaintext: null, "no-highlight": null,
  sh: "bash", shell: "bash", zsh: "bash", console: "bash",
  py: "python", python3: "python",
};

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function highlightCode(request) {
  const code = String(request.code);
  const requested = String(request.lang || "").trim().toLowerCase();
  const hl = highlighter();
  if (hl === null) return { id: request.id, error: "highlight.js not found: install node-highlight.js (apt-get install node-highlight.js)" };
  const language = Object.prototype.hasOwnProperty.call(LANGUAGE_ALIASES, requested)
    ? LANGUAGE_ALIASES[requested]
    : requested;
  if (language !== null) loadLanguage(language);
  if (language === null || !hl.getLanguage(language)) {
    return { id: request.id, html: escapeHTML(code) };
  }
  return { id: request.id, html: wellFormed(hl.highlight(language, code, true).value) };
}

// ---- dispatch

function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    answer({ id: null, error: "request is not JSON: " + error.message });
    return;
  }
  switch (request.kind) {
    case "config":
      macros = request.macros || {};
      return;
    case "version": {
      highlighter();
      answer({ id: request.id, katex: katex.version, highlight: hljsVersion });
      return;
    }
    case "math":
      answer(renderMath(request));
      return;
    case "code":
      try {
        answer(highlightCode(request));
      } catch (error) {
        answer({ id: request.id, error: String(error && error.message || error) });
      }
      return;
    default:
      answer({ id: request.id === undefined ? null : request.id, error: "unknown request kind: " + request.kind });
  }
}

let rest = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  const lines = (rest + chunk).split("\n");
  rest = lines.pop();
  for (const line of lines) {
    if (line.length > 0) handle(line);
  }
  flush();
});
process.stdin.on("end", () => {
  if (rest.length > 0) handle(rest);
  rest = "";
  flush();
});
