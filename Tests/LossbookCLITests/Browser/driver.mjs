// A small Chrome DevTools Protocol driver for lossbook's browser tests (node 20 with
// --experimental-websocket; no packages). The Swift test starts Chromium, then runs
//
//   node --experimental-websocket driver.mjs WS_URL SCENARIO PARAMS_JSON
//
// and reads one JSON object from stdout. The driver never starts or stops Chromium itself: the
// test owns the browser process and kills it by pid. Every wait here is bounded.

const [wsURL, scenario, paramsText] = process.argv.slice(2);
const params = JSON.parse(paramsText || "{}");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

class Browser {
  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(typeof event.data === "string" ? event.data : Buffer.from(event.data).toString());
      if (message.id && this.pending.has(message.id)) {
        const { resolve, reject, method } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`)); else resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners) listener(message);
      }
    });
  }

  static async connect(url) {
    const socket = new WebSocket(url);
    await withTimeout(new Promise((resolve, reject) => {
      socket.addEventListener("open", resolve, { once: true });
      socket.addEventListener("error", () => reject(new Error("cannot connect to Chromium")), { once: true });
    }), 10000, "connecting to Chromium");
    return new Browser(socket);
  }

  send(method, params = {}, sessionId, ms = 20000) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    const promise = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
    this.socket.send(JSON.stringify(message));
    return withTimeout(promise, ms, method);
  }

  on(listener) { this.listeners.push(listener); }

  async newPage(width, height) {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new Page(this, targetId, sessionId);
    await page.init(width, height);
    return page;
  }

  close() { try { this.socket.close(); } catch (e) { /* already closed */ } }
}

class Page {
  constructor(browser, targetId, sessionId) {
    this.browser = browser;
    this.targetId = targetId;
    this.sessionId = sessionId;
    this.problems = [];
    this.loadWaiters = [];
    browser.on((message) => {
      if (message.sessionId !== sessionId) return;
      const p = message.params || {};
      switch (message.method) {
        case "Runtime.exceptionThrown":
          this.problems.push(`exception: ${p.exceptionDetails?.exception?.description || p.exceptionDetails?.text}`);
          break;
        case "Runtime.consoleAPICalled":
          if (p.type === "error" || p.type === "assert" || p.type === "warning") {
            this.problems.push(`console.${p.type}: ${(p.args || []).map((a) => a.value ?? a.description).join(" ")}`);
          }
          break;
        case "Log.entryAdded":
          if (p.entry?.level === "error" || p.entry?.level === "warning") this.problems.push(`log ${p.entry.level}: ${p.entry.text} ${p.entry.url || ""}`);
          break;
        case "Network.loadingFailed":
          if (!p.canceled) this.problems.push(`request failed: ${p.errorText} ${this.requests?.get(p.requestId) || ""}`);
          break;
        case "Network.requestWillBeSent":
          (this.requests ||= new Map()).set(p.requestId, p.request.url);
          break;
        case "Network.responseReceived":
          if (p.response.status >= 400) this.problems.push(`HTTP ${p.response.status}: ${p.response.url}`);
          break;
        case "Page.loadEventFired": {
          const waiters = this.loadWaiters; this.loadWaiters = [];
          waiters.forEach((resolve) => resolve());
          break;
        }
      }
    });
  }

  send(method, params, ms) { return this.browser.send(method, params, this.sessionId, ms); }

  async init(width, height) {
    await this.send("Page.enable");
    await this.send("Runtime.enable");
    await this.send("Log.enable");
    await this.send("Network.enable");
    await this.resize(width, height);
  }

  async resize(width, height) {
    await this.send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
  }

  async goto(url) {
    const loaded = new Promise((resolve) => this.loadWaiters.push(resolve));
    await this.send("Page.navigate", { url });
    await withTimeout(loaded, 15000, `loading ${url}`);
    await this.settle();
  }

  async reload() {
    const loaded = new Promise((resolve) => this.loadWaiters.push(resolve));
    await this.send("Page.reload", {});
    await withTimeout(loaded, 15000, "reloading");
    await this.settle();
  }

  /// Fonts loaded and two animation frames painted.
  async settle() {
    await this.eval("document.fonts ? document.fonts.ready.then(() => true) : true");
    await this.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
  }

  async eval(expression, ms) {
    const result = await this.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, ms);
    if (result.exceptionDetails) {
      throw new Error(`evaluation failed: ${result.exceptionDetails.exception?.description || result.exceptionDetails.text}`);
    }
    return result.result.value;
  }

  async waitFor(expression, ms = 5000) {
    const start = Date.now();
    while (Date.now() - start < ms) {
      if (await this.eval(expression)) return true;
      await sleep(50);
    }
    throw new Error(`timed out after ${ms} ms waiting for ${expression}`);
  }

  async key(key, code = key, keyCode = 0, text) {
    const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
    await this.send("Input.dispatchKeyEvent", { type: text ? "keyDown" : "rawKeyDown", ...base, ...(text ? { text } : {}) });
    await this.send("Input.dispatchKeyEvent", { type: "keyUp", ...base });
  }

  async type(text) { await this.send("Input.insertText", { text }); }

  async screenshot(path) {
    const { data } = await this.send("Page.captureScreenshot", { format: "png" });
    const fs = await import("node:fs");
    fs.writeFileSync(path, Buffer.from(data, "base64"));
  }

  async close() { await this.browser.send("Target.closeTarget", { targetId: this.targetId }); }
}

/// What the tests check on every page, computed in the page.
const PROBE = `(() => {
  const article = document.querySelector("main article");
  const clone = article ? article.cloneNode(true) : document.createElement("div");
  clone.querySelectorAll("pre, code, .katex, script, style, svg").forEach((n) => n.remove());
  const text = clone.textContent;
  const raw = [];
  for (const needle of ["$$", "\\\\frac", "\\\\sum", "\\\\begin{", "\\\\mathbb", "\\\\left(", "\\\\("]) {
    if (text.includes(needle)) raw.push(needle);
  }
  if (/(^|[^\\w$])\\$[^$\\s][^$]*\\$/.test(text)) raw.push("$…$");
  const headings = [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")]
    .map((h) => Number(h.tagName[1]));
  const skips = [];
  for (let i = 1; i < headings.length; i++) {
    if (headings[i] > headings[i - 1] + 1) skips.push(headings[i - 1] + "→" + headings[i]);
  }
  const svgs = [...document.querySelectorAll("figure.plot svg")];
  return {
    url: location.href,
    title: document.title,
    h1: document.querySelectorAll("h1").length,
    headingSkips: skips,
    rawTeX: raw,
    plots: document.querySelectorAll("figure.plot").length,
    plotsWithTitleAndDesc: svgs.filter((s) => s.querySelector("title") && s.querySelector("desc")).length,
    plotSVGs: svgs.length,
    mathML: document.querySelectorAll(".katex math").length,
    katexErrors: document.querySelectorAll(".katex-error").length,
    horizontalOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    skipLink: !!document.querySelector("a.skip-link[href='#main']") && !!document.getElementById("main"),
    imagesBroken: [...document.images].filter((i) => i.complete && i.naturalWidth === 0).map((i) => i.src),
  };
})()`;

/// Every element wider than the viewport that is not inside something that scrolls on its own.
const OVERFLOWERS = `(() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("main *, header *")) {
    const r = el.getBoundingClientRect();
    if (r.right <= width + 1) continue;
    let scroller = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === "auto" || s.overflowX === "scroll" || s.overflowX === "hidden") { scroller = true; break; }
    }
    if (!scroller) out.push(el.tagName.toLowerCase() + "." + [...el.classList].join(".") + " right=" + Math.round(r.right));
  }
  return out.slice(0, 10);
})()`;

/// Issue 16: what a phone reader sees. Rendered size of every figure text, figures inside the
/// viewport, every wide table or equation inside a named, focusable scroll box with a cue.
const PHONE_PROBE = `(() => {
  const shown = (el) => { for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e); if (s.display === 'none' || s.visibility === 'hidden') return false; } return true; };
  const width = document.documentElement.clientWidth;
  let smallest = Infinity, texts = 0;
  const small = [], cut = [];
  for (const svg of document.querySelectorAll('figure.plot svg')) {
    if (!shown(svg)) continue;
    const box = svg.getBoundingClientRect();
    const viewBox = svg.viewBox && svg.viewBox.baseVal;
    const scale = viewBox && viewBox.width ? box.width / viewBox.width : 1;
    if (box.left < -1 || box.right > width + 1) cut.push('svg outside the viewport: ' + svg.id + ' ' + Math.round(box.right));
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      texts += 1;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < smallest) smallest = size;
      if (size < 11) small.push(t.textContent + ' ' + size.toFixed(1));
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2) cut.push('text cut: ' + t.textContent);
    }
  }
  const outputs = [...document.querySelectorAll('figure.plot output')].filter(shown).map((o) => parseFloat(getComputedStyle(o).fontSize));
  const unboxed = [], unnamed = [], noCue = [];
  const article = document.querySelector('main article');
  const column = article ? article.clientWidth : width;
  for (const el of document.querySelectorAll('main table, main .katex-display')) {
    if (!shown(el)) continue;
    if (el.getBoundingClientRect().width <= column + 1) continue;
    let scroller = null;
    for (let p = el.parentElement; p && p !== article; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') { scroller = p; break; }
    }
    const what = el.tagName.toLowerCase() + ' ' + (el.textContent || '').slice(0, 40);
    if (!scroller || scroller.getBoundingClientRect().right > width + 1) { unboxed.push(what); continue; }
    if (scroller.getAttribute('tabindex') !== '0' || scroller.getAttribute('role') !== 'region' || !scroller.getAttribute('aria-label')) unnamed.push(what);
    if (!/gradient/.test(getComputedStyle(scroller).backgroundImage)) noCue.push(what);
  }
  const cardLabels = [...document.querySelectorAll('table.cards td[data-label]:not(:first-child)')].filter(shown)
    .map((td) => getComputedStyle(td, '::before').content).filter((c) => c && c !== 'none' && c !== 'normal');
  // Each top-level \\qquad pair: whether what follows the \\qquad starts a new line.
  const pairs = [...document.querySelectorAll('.math-display .katex-html')].map((k) => k.querySelector(':scope > .base > .mspace[style*="margin-right:2em"]'))
    .filter(Boolean).map((q) => {
      const after = q.nextElementSibling || q.parentElement.nextElementSibling;
      return after && after.getBoundingClientRect().left < q.getBoundingClientRect().left - 1 ? 1 : 0;
    });
  return { cardLabels, pairs, texts, smallest: texts ? smallest : null, small: small.slice(0, 10), cut: cut.slice(0, 10), outputs,
           wide: document.querySelectorAll('main table, main .katex-display').length, unboxed, unnamed, noCue,
           horizontalOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
})()`;

const scenarios = {
  /// PHONE_PROBE on every URL at the given width, in the given theme.
  async phone(browser) {
    const results = [];
    for (const url of params.urls) {
      const page = await browser.newPage(params.width || 390, params.height || 844);
      if (params.theme) await page.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: params.theme }] });
      await page.goto(url);
      const probe = await page.eval(PHONE_PROBE);
      probe.url = url;
      probe.problems = page.problems;
      results.push(probe);
      await page.close();
    }
    return { pages: results };
  },

  /// axe-core (its bundled axe.min.js, read from params.axe) on every URL at one width in one
  /// theme; the violations with their impact and first few targets.
  async audit(browser) {
    const fs = await import("node:fs");
    const source = fs.readFileSync(params.axe, "utf8");
    const results = [];
    for (const url of params.urls) {
      const page = await browser.newPage(params.width || 1280, params.height || 900);
      if (params.theme) await page.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: params.theme }] });
      await page.goto(url);
      await page.send("Runtime.evaluate", { expression: source });
      // KaTeX's visual HTML is aria-hidden (its MathML is what assistive technology reads), and
      // on math-heavy pages it is most of the DOM: leaving it out keeps a run to seconds.
      const violations = await page.eval(`axe.run({ exclude: [[".katex-html"]] }, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({
        id: v.id, impact: v.impact, count: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) })))`, 120000);
      results.push({ url, violations, version: await page.eval("axe.version") });
      await page.close();
    }
    return { pages: results };
  },

  /// The page's frame on a phone and a desktop: "On this page" folded or open, the drawer's
  /// dimming of the page, the "/" hint on a touch screen, punctuation kept with its formula.
  async chrome(browser) {
    const page = await browser.newPage(params.width || 390, params.height || 844);
    if (params.touch) await page.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
    // Headless Chromium has no pointing device to report: say which kind of screen this is.
    const touch = !!params.touch;
    await page.send("Emulation.setEmulatedMedia", { features: [
      { name: "hover", value: touch ? "none" : "hover" }, { name: "any-hover", value: touch ? "none" : "hover" },
      { name: "pointer", value: touch ? "coarse" : "fine" }] });
    await page.goto(params.url);
    const read = () => page.eval(`(() => {
      const toc = document.querySelector('.toc-details');
      const list = toc && toc.querySelector('ul');
      const key = document.querySelector('.search-key');
      return {
        tocOpen: toc ? toc.open : null,
        tocListVisible: list ? list.checkVisibility() && list.getBoundingClientRect().height > 0 : null,
        dim: getComputedStyle(document.body, '::after').opacity,
        searchKeyShown: key ? getComputedStyle(key).display !== 'none' : null,
        hoverNone: matchMedia('(hover: none)').matches,
        coarse: matchMedia('(pointer: coarse)').matches,
        nowrap: [...document.querySelectorAll('.math-nowrap')].map((n) => getComputedStyle(n).whiteSpace)
      };
    })()`);
    const before = await read();
    let open = null;
    if (params.openDrawer) {
      await page.eval("document.getElementById('sidebar-toggle').click()");
      await sleep(400);
      open = await read();
    }
    const problems = page.problems;
    await page.close();
    return { before, open, problems };
  },

  /// A search landing: the page opened with ?highlight= and a #heading, at a phone's width.
  /// Where the heading ends up against the sticky top bar and highlight bar, and the folded
  /// solutions that hold matches.
  async landing(browser) {
    const page = await browser.newPage(params.width || 390, params.height || 844);
    await page.goto(params.url);
    await sleep(200);
    const state = await page.eval(`(() => {
      const bar = document.querySelector('.highlight-bar');
      const top = document.querySelector('.topbar');
      const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      const hits = [...document.querySelectorAll('mark.search-hit')];
      return {
        bar: bar ? bar.textContent : null,
        barBottom: bar ? bar.getBoundingClientRect().bottom : null,
        topBottom: top ? top.getBoundingClientRect().bottom : null,
        targetTop: target ? target.getBoundingClientRect().top : null,
        hitsInClosedDetails: hits.filter((m) => { const d = m.closest('details'); return d && !d.open; }).length,
        hitsInDetails: hits.filter((m) => m.closest('details')).length,
        hits: hits.length
      };
    })()`);
    state.problems = page.problems;
    await page.close();
    return state;
  },

  /// Loads every URL; reports the probe and every console error or failed request.
  async pages(browser) {
    const results = [];
    for (const url of params.urls) {
      const page = await browser.newPage(params.width || 1280, params.height || 900);
      await page.goto(url);
      const probe = await page.eval(PROBE);
      probe.overflowers = probe.horizontalOverflow > 0 ? await page.eval(OVERFLOWERS) : [];
      probe.problems = page.problems;
      results.push(probe);
      await page.close();
    }
    return { pages: results };
  },

  /// "/" focuses the field, the query is typed, results show; Enter opens the first one, where
  /// the words are marked.
  async search(browser) {
    const page = await browser.newPage(1280, 900);
    await page.goto(params.url);
    await page.key("/", "Slash", 191, "/");
    const focused = await page.eval("document.activeElement && document.activeElement.id");
    await page.type(params.query);
    await page.waitFor("document.querySelectorAll('#search-list a').length > 0 || /No results/.test(document.getElementById('search-status').textContent)");
    const results = await page.eval(`[...document.querySelectorAll('#search-list a')].map(a => ({
      href: a.getAttribute('href'),
      title: a.querySelector('.search-result-title').textContent,
      snippet: (a.querySelector('.search-result-snippet') || {}).textContent || '',
      marks: [...a.querySelectorAll('mark')].map(m => m.textContent)
    }))`);
    const status = await page.eval("document.getElementById('search-status').textContent");
    let target = null;
    if (results.length) {
      await page.key("ArrowDown", "ArrowDown", 40);
      const resultFocused = await page.eval("document.activeElement && document.activeElement.closest('#search-list') !== null");
      const loaded = new Promise((resolve) => page.loadWaiters.push(resolve));
      await page.key("Enter", "Enter", 13, "\r");
      await withTimeout(loaded, 15000, "opening the first result");
      await page.settle();
      target = await page.eval(`({
        url: location.href,
        marks: [...document.querySelectorAll('main article mark.search-hit')].map(m => m.textContent),
        bar: (document.querySelector('.highlight-bar') || {}).textContent || ''
      })`);
      target.resultFocused = resultFocused;
    }
    const problems = page.problems;
    await page.close();
    return { focused, status, results, target, problems };
  },

  /// The toggle switches the theme, says what it switches to, and the choice survives a reload.
  async theme(browser) {
    const page = await browser.newPage(1280, 900);
    const system = (value) => page.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value }] });
    await system("dark");
    await page.goto(params.url);
    const followsSystem = await page.eval(`({
      background: getComputedStyle(document.body).backgroundColor,
      label: document.getElementById('theme-toggle').getAttribute('aria-label')
    })`);
    await system("light");
    await page.settle();
    const read = () => page.eval(`({
      theme: document.documentElement.dataset.theme || null,
      background: getComputedStyle(document.body).backgroundColor,
      plotText: getComputedStyle(document.documentElement).getPropertyValue('--plot-text').trim(),
      keyword: (() => { const k = document.querySelector('.hljs-keyword'); return k ? getComputedStyle(k).color : null; })(),
      label: document.getElementById('theme-toggle').getAttribute('aria-label'),
      stored: localStorage.getItem('lossbook-theme')
    })`);
    const before = await read();
    await page.eval("document.getElementById('theme-toggle').focus()");
    await page.key("Enter", "Enter", 13, "\r");
    const after = await read();
    await page.reload();
    const reloaded = await read();
    await page.eval("document.getElementById('theme-toggle').click()");
    const back = await read();
    await page.eval("localStorage.removeItem('lossbook-theme')");
    const problems = page.problems;
    await page.close();
    return { followsSystem, before, after, reloaded, back, problems };
  },

  /// Arrow keys on the slider change the visible frame and the output.
  async slider(browser) {
    const page = await browser.newPage(1280, 900);
    await page.goto(params.url);
    const read = () => page.eval(`(() => {
      const f = document.querySelector('figure.plot-slider');
      const frames = [...f.querySelectorAll('.plot-frame')];
      const visible = frames.filter(fr => !fr.hidden && getComputedStyle(fr).display !== 'none');
      return {
        frames: frames.length,
        visible: visible.map(fr => fr.getAttribute('data-value')),
        output: f.querySelector('output').textContent,
        value: f.querySelector('input').value,
        controlsShown: getComputedStyle(f.querySelector('.plot-slider-controls')).display !== 'none'
      };
    })()`);
    const initial = await read();
    await page.eval("document.querySelector('figure.plot-slider input').focus()");
    await page.key("ArrowRight", "ArrowRight", 39);
    const right = await read();
    await page.key("Home", "Home", 36);
    const home = await read();
    const problems = page.problems;
    await page.close();
    return { initial, right, home, problems };
  },

  /// Keyboard: Tab reaches the skip link first; on a narrow screen the contents button opens the
  /// sidebar, moves focus into it, and Escape closes it and returns focus.
  async keyboard(browser) {
    const page = await browser.newPage(390, 844);
    await page.goto(params.url);
    await page.key("Tab", "Tab", 9);
    const first = await page.eval("document.activeElement.className + '|' + getComputedStyle(document.activeElement).outlineStyle + '|' + document.activeElement.getBoundingClientRect().top");
    await page.eval("document.getElementById('sidebar-toggle').focus()");
    await page.key("Enter", "Enter", 13, "\r");
    await sleep(300);
    const opened = await page.eval(`({
      expanded: document.getElementById('sidebar-toggle').getAttribute('aria-expanded'),
      visible: getComputedStyle(document.getElementById('sidebar')).visibility,
      focusInSidebar: document.getElementById('sidebar').contains(document.activeElement)
    })`);
    await page.key("Escape", "Escape", 27);
    await sleep(300);
    const closed = await page.eval(`({
      expanded: document.getElementById('sidebar-toggle').getAttribute('aria-expanded'),
      visible: getComputedStyle(document.getElementById('sidebar')).visibility,
      focus: document.activeElement.id
    })`);
    const problems = page.problems;
    await page.close();
    return { first, opened, closed, problems };
  },

  /// With scripts disabled: the slider's default frame shows and its useless controls do not,
  /// the contents are reachable on a phone, and the script-only controls are hidden.
  async noscript(browser) {
    const page = await browser.newPage(390, 844);
    await page.send("Emulation.setScriptExecutionDisabled", { value: true });
    const loaded = new Promise((resolve) => page.loadWaiters.push(resolve));
    await page.send("Page.navigate", { url: params.url });
    await withTimeout(loaded, 15000, `loading ${params.url}`);
    // The page was parsed without scripts; allow them again only so that the probe can run.
    await page.send("Emulation.setScriptExecutionDisabled", { value: false });
    const state = await page.eval(`(() => {
      const shown = (el) => !!el && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden';
      const f = document.querySelector('figure.plot-slider');
      return {
        scripted: document.documentElement.classList.contains('js'),
        visibleFrames: f ? [...f.querySelectorAll('.plot-frame')].filter(shown).map(fr => fr.getAttribute('data-value')) : [],
        sliderControls: f ? shown(f.querySelector('.plot-slider-controls')) : null,
        sidebar: shown(document.getElementById('sidebar')) && document.getElementById('sidebar').getBoundingClientRect().left >= 0,
        sidebarToggle: shown(document.getElementById('sidebar-toggle')),
        search: shown(document.querySelector('.search')),
        themeToggle: shown(document.getElementById('theme-toggle'))
      };
    })()`);
    await page.close();
    return state;
  },

  /// Opens a URL, optionally waits for a condition, and returns the value of an expression.
  async evaluate(browser) {
    const page = await browser.newPage(params.width || 1280, params.height || 900);
    await page.goto(params.url);
    if (params.waitFor) await page.waitFor(params.waitFor, params.waitMilliseconds || 5000);
    const value = await page.eval(params.expression);
    const problems = page.problems;
    await page.close();
    return { value, problems };
  },

  /// Screenshots of each URL at each width, in both themes, into params.directory.
  async screenshots(browser) {
    const written = [];
    for (const shot of params.shots) {
      const page = await browser.newPage(shot.width, shot.height);
      await page.goto(shot.url);
      if (shot.theme) {
        // As a reader's stored choice, so that the page (and its theme button) start in it.
        await page.eval(`localStorage.setItem("lossbook-theme", ${JSON.stringify(shot.theme)})`);
        await page.reload();
        await page.eval(`localStorage.removeItem("lossbook-theme")`);
      }
      if (shot.scrollTo) {
        await page.eval(`(() => { const el = document.querySelector(${JSON.stringify(shot.scrollTo)}); if (el) el.scrollIntoView(); })()`);
        await page.settle();
      }
      if (shot.media) { await page.send("Emulation.setEmulatedMedia", { media: shot.media }); await page.settle(); }
      if (shot.eval) { await page.eval(shot.eval); await page.settle(); }
      await page.screenshot(shot.path);
      written.push(shot.path);
      await page.close();
    }
    return { written };
  },
};

async function main() {
  const browser = await Browser.connect(wsURL);
  try {
    // More scenarios live in files of their own (reader.mjs: arrow keys, previews, print page).
    const run = scenarios[scenario] || (await import("./reader.mjs")).scenarios[scenario];
    if (!run) throw new Error(`unknown scenario ${scenario}`);
    const result = await withTimeout(run(browser, { params, sleep, withTimeout }), params.timeout || 90000, scenario);
    process.stdout.write(JSON.stringify(result) + "\n");
  } finally {
    browser.close();
  }
}

main().then(() => process.exit(0), (error) => {
  process.stdout.write(JSON.stringify({ error: String(error && error.stack || error) }) + "\n");
  process.exit(1);
});
