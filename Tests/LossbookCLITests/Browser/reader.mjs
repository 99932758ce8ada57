// Browser scenarios for what readers of mdBook, Jupyter Book and Quarto expect: arrow keys,
// reference previews, citations and glossary links, the printable course. Loaded by driver.mjs,
// which passes the browser and { params, sleep, withTimeout }; each returns one JSON-able answer.

async function hover(page, selector) {
  const box = await page.eval(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return null;
    el.scrollIntoView({ block: "center" });
    // A link that wraps has one box per line: point at its first line, not between the lines.
    const r = el.getClientRects()[0] || el.getBoundingClientRect();
    return { x: r.left + Math.min(r.width / 2, 8), y: r.top + r.height / 2 };
  })()`);
  if (!box) throw new Error(`nothing matches ${selector}`);
  await page.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: box.x, y: box.y });
}

const POPUP = `(() => {
  const p = document.getElementById("preview-popup");
  if (!p || p.hidden) return { open: false };
  const r = p.getBoundingClientRect();
  return { open: true, text: p.textContent.replace(/\\s+/g, " ").trim().slice(0, 300), katex: p.querySelectorAll(".katex").length,
           ids: p.querySelectorAll("[id]").length, left: r.left, right: r.right, width: document.documentElement.clientWidth,
           describedBy: !!document.querySelector("[aria-describedby='preview-popup']") };
})()`;

export const scenarios = {
  /// ← and → follow the pager's previous/next links, except in a field or with a modifier.
  async arrows(browser, { params, sleep, withTimeout }) {
    const page = await browser.newPage(1280, 900);
    await page.goto(params.url);
    const start = await page.eval("location.pathname");
    const navigate = async (key, code, keyCode, modifiers = 0) => {
      const loaded = new Promise((resolve) => page.loadWaiters.push(resolve));
      const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, modifiers };
      await page.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...base });
      await page.send("Input.dispatchKeyEvent", { type: "keyUp", ...base });
      try { await withTimeout(loaded, 1500, key); await page.settle(); } catch (e) { /* no navigation */ }
      return page.eval("location.pathname");
    };
    const shifted = await navigate("ArrowRight", "ArrowRight", 39, 8);
    await page.eval("document.getElementById('search-input') && document.getElementById('search-input').focus()");
    const inField = await navigate("ArrowRight", "ArrowRight", 39);
    await page.eval("document.activeElement && document.activeElement.blur()");
    const next = await navigate("ArrowRight", "ArrowRight", 39);
    const back = await navigate("ArrowLeft", "ArrowLeft", 37);
    const previous = await navigate("ArrowLeft", "ArrowLeft", 37);
    const problems = page.problems;
    await page.close();
    return { start, shifted, inField, next, back, previous, problems };
  },

  /// Previews open on hover and on focus, show the target, close on Escape and when the pointer leaves.
  async previews(browser, { params, sleep }) {
    const page = await browser.newPage(params.width || 1280, 900);
    await page.goto(params.url);
    const result = {};
    for (const [name, selector] of Object.entries(params.hover)) {
      await hover(page, selector);
      await sleep(100);
      result[name] = await page.eval(POPUP);
      await page.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: 2, y: 2 });
      await sleep(400);
      result[name].afterLeave = (await page.eval(POPUP)).open;
    }
    for (const [name, selector] of Object.entries(params.focus || {})) {
      await page.eval(`document.querySelector(${JSON.stringify(selector)}).focus()`);
      await sleep(100);
      result[name] = await page.eval(POPUP);
      await page.key("Escape", "Escape", 27);
      await sleep(50);
      result[name].afterEscape = (await page.eval(POPUP)).open;
    }
    if (params.screenshot) {
      await hover(page, params.screenshotHover);
      await sleep(150);
      await page.screenshot(params.screenshot);
    }
    result.problems = page.problems;
    await page.close();
    return result;
  },

  /// Every citation lands on an entry of the page's reference list, and every entry links back;
  /// every glossary link lands on a <dfn> of the glossary page.
  async resolve(browser, { params }) {
    const page = await browser.newPage(1280, 900);
    await page.goto(params.url);
    const here = await page.eval(`(() => {
      const citations = [...document.querySelectorAll("a.citation")];
      const unresolvedCitations = citations.filter(a => !document.getElementById(a.getAttribute("href").slice(1))).map(a => a.textContent);
      const backs = [...document.querySelectorAll(".references a.ref-back")];
      const unresolvedBacks = backs.filter(a => !document.getElementById(a.getAttribute("href").slice(1))).length;
      const glossary = [...document.querySelectorAll("main a[href*='#gloss-']")].map(a => a.href);
      return { citations: citations.length, unresolvedCitations, backs: backs.length, unresolvedBacks, glossary };
    })()`);
    const glossaryTargets = [];
    for (const href of here.glossary) {
      await page.goto(href);
      glossaryTargets.push(await page.eval(`(() => { const t = document.getElementById(decodeURIComponent(location.hash.slice(1))); return t ? t.tagName + ":" + t.textContent : null; })()`));
    }
    const problems = page.problems;
    await page.close();
    return { ...here, glossaryTargets, problems };
  },

  /// The printable course: every page as a chapter, math rendered, in-page links land, and in
  /// print media each chapter starts a new sheet.
  async printPage(browser, { params }) {
    const page = await browser.newPage(1280, 900);
    await page.goto(params.url);
    const state = await page.eval(`(() => {
      const ids = new Set([...document.querySelectorAll("[id]")].map(e => e.id));
      const links = [...document.querySelectorAll("a[href^='#']")].map(a => a.getAttribute("href").slice(1));
      return {
        chapters: [...document.querySelectorAll("article.print-chapter")].map(a => (a.querySelector("h1") || {}).textContent || ""),
        contents: document.querySelectorAll(".print-contents a").length,
        katex: document.querySelectorAll(".katex").length,
        katexErrors: document.querySelectorAll(".katex-error").length,
        brokenLinks: links.filter(id => !ids.has(decodeURIComponent(id))).slice(0, 10),
      };
    })()`);
    await page.send("Emulation.setEmulatedMedia", { media: "print" });
    state.breakBefore = await page.eval(`getComputedStyle(document.querySelectorAll("article.print-chapter")[1]).breakBefore`);
    state.problems = page.problems;
    await page.close();
    return state;
  },
};
