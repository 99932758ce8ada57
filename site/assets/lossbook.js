// lossbook: small progressive enhancements. Every page reads fully without this script; the
// controls that need it (search, theme switch, figure sliders) are hidden until it runs.
(function () {
  "use strict";
  var root = document.documentElement;
  var siteRoot = root.getAttribute("data-root") || "";

  // ---- Theme: follows the system until the reader chooses; the choice is remembered. ----------

  function storedTheme() {
    try { return localStorage.getItem("lossbook-theme"); } catch (e) { return null; }
  }

  function systemTheme() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function currentTheme() {
    var chosen = root.dataset.theme || storedTheme();
    return chosen === "dark" || chosen === "light" ? chosen : systemTheme();
  }

  function setTheme(theme) {
    root.dataset.theme = theme;
    try { localStorage.setItem("lossbook-theme", theme); } catch (e) { /* storage may be disabled */ }
  }

  /// The button names the theme it switches to, not the one in use.
  function labelThemeToggle(button) {
    var next = currentTheme() === "dark" ? "light" : "dark";
    var label = "Switch to " + next + " theme";
    button.setAttribute("aria-label", label);
    button.title = label;
    button.textContent = next === "dark" ? "☾" : "☀";
  }

  // ---- Search: the index is a classic script (works from file://), loaded on first use. --------

  // ---- search vocabulary: SearchIndex.fold, isWordScalar and stem in Swift, step for step. ----
  // (A test runs this block under node against the Swift on the same words; keep it self-contained.)

  /// Plurals only; lengths in code points.
  function stem(word) {
    var length = Array.from(word).length;
    if (length <= 3) return word;
    if (/ies$/.test(word) && length > 4) return word.slice(0, -3) + "y";
    if (/sses$/.test(word)) return word.slice(0, -2);
    if (/(ss|us|is)$/.test(word)) return word;
    if (/s$/.test(word)) return word.slice(0, -1);
    return word;
  }

  /// Compatibility decomposition without combining marks, lower-cased, "ß" as "ss", final sigma as "σ".
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
  }

  var WORD = /[\p{L}\p{N}]+/gu;

  /// Every term of a text, in order: folded words of two code points or more, stemmed.
  function termsOf(text) {
    return (fold(text).match(WORD) || []).filter(function (word) {
      return Array.from(word).length >= 2;
    }).map(stem);
  }
  // ---- end of the search vocabulary. ----

  /// The query's words, folded and stemmed, without stop words or one-letter words.
  function queryTerms(query, index) {
    var stop = index ? index.stopWords : [];
    var terms = [];
    termsOf(query).forEach(function (term) {
      if (stop.indexOf(term) < 0 && terms.indexOf(term) < 0) terms.push(term);
    });
    return terms;
  }

  /// Index of the first term >= prefix (terms are sorted by UTF-16 code units, like `<`).
  function lowerBound(terms, prefix) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /// Entries that contain every query term (the last one, or any, as a prefix), best first.
  function search(index, query) {
    var terms = queryTerms(query, index);
    if (!terms.length) return { terms: terms, results: [] };
    var count = index.entries.length;
    var scores = null;
    terms.forEach(function (term) {
      var found = {};
      var i = lowerBound(index.terms, term);
      for (var seen = 0; i < index.terms.length && index.terms[i].lastIndexOf(term, 0) === 0 && seen < 64; i++, seen++) {
        var postings = index.postings[i];
        var exact = index.terms[i] === term ? 1 : 0.6;
        var idf = Math.log(1 + count / (postings.length / 2));
        for (var p = 0; p < postings.length; p += 2) {
          var weight = postings[p + 1];
          var score = exact * idf * (weight * 2.2) / (weight + 1.2);
          var entry = postings[p];
          if (!(entry in found) || found[entry] < score) found[entry] = score;
        }
      }
      if (scores === null) {
        scores = found;
      } else {
        var both = {};
        Object.keys(scores).forEach(function (entry) {
          if (entry in found) both[entry] = scores[entry] + found[entry];
        });
        scores = both;
      }
    });
    var results = Object.keys(scores).map(function (entry) { return { entry: +entry, score: scores[entry] }; });
    results.sort(function (a, b) { return b.score - a.score || a.entry - b.entry; });
    return { terms: terms, results: results.slice(0, 20) };
  }

  /// Does a word of the text match one of the terms (as a prefix of its stem)?
  function matches(word, terms) {
    return matchingTerm(word, terms) >= 0;
  }

  /// Appends `text` to `parent`, with the words that match `terms` inside <mark>.
  function appendMarked(parent, text, terms) {
    var last = 0, match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      if (!matches(match[0], terms)) continue;
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      last = match.index + match[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /// Which query term a word of the text matches, or -1.
  function matchingTerm(word, terms) {
    var folded = stem(fold(word));
    for (var i = 0; i < terms.length; i++) {
      if (folded.lastIndexOf(terms[i], 0) === 0) return i;
    }
    return -1;
  }

  /// About 180 characters of `text`, cut at spaces, around the match whose neighbourhood holds
  /// the most different query terms (the first such match).
  function snippet(text, terms) {
    var hits = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null && hits.length < 200) {
      var term = matchingTerm(match[0], terms);
      if (term >= 0) hits.push({ at: match.index, term: term });
    }
    var first = hits.length ? hits[0].at : 0, best = 0;
    hits.forEach(function (hit) {
      var seen = {};
      hits.forEach(function (other) { if (other.at >= hit.at - 60 && other.at < hit.at + 110) seen[other.term] = true; });
      var distinct = Object.keys(seen).length;
      if (distinct > best) { best = distinct; first = hit.at; }
    });
    var length = 180;
    var start = Math.max(0, first - 60);
    if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < first) start = space + 1; }
    var end = Math.min(text.length, start + length);
    if (end < text.length) { var cut = text.lastIndexOf(" ", end); if (cut > first) end = cut; }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function href(index, entry, terms, query) {
    var page = index.pages[entry[0]][0];
    var words = (fold(query).match(WORD) || []).filter(function (w) {
      return Array.from(w).length >= 2 && index.stopWords.indexOf(w) < 0;
    }).join(" ");
    return siteRoot + page + "?highlight=" + encodeURIComponent(words) + (entry[1] ? "#" + entry[1] : "");
  }

  var indexState = "none"; // none → loading → ready | failed
  var indexWaiters = [];
  var searchIndex = null;

  /// Adds a classic script (works from file://, unlike fetch); calls back with whether it loaded.
  function loadScript(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () { done(true); };
    script.onerror = function () { done(false); };
    document.head.appendChild(script);
  }

  /// One index from the shards (one per part): pages and entries renumbered in shard order,
  /// postings of the same term joined, terms sorted by UTF-16 code units like `<`.
  function mergeShards(loader, shards) {
    var index = { pages: [], entries: [], terms: [], postings: [], stopWords: loader.stopWords, titleWeight: loader.titleWeight };
    var byTerm = Object.create(null);
    shards.forEach(function (shard) {
      var pageOffset = index.pages.length, entryOffset = index.entries.length;
      shard.pages.forEach(function (page) { index.pages.push(page); });
      shard.entries.forEach(function (entry) { index.entries.push([entry[0] + pageOffset, entry[1], entry[2], entry[3]]); });
      shard.terms.forEach(function (term, i) {
        var list = byTerm[term] || (byTerm[term] = []);
        var postings = shard.postings[i];
        for (var p = 0; p < postings.length; p += 2) list.push(postings[p] + entryOffset, postings[p + 1]);
      });
    });
    index.terms = Object.keys(byTerm).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    index.postings = index.terms.map(function (term) { return byTerm[term]; });
    return index;
  }

  function withIndex(callback) {
    if (searchIndex) { callback(searchIndex); return; }
    indexWaiters.push(callback);
    if (indexState !== "none") return;
    indexState = "loading";
    function finish(index) {
      searchIndex = index;
      indexState = index ? "ready" : "failed";
      var waiting = indexWaiters; indexWaiters = [];
      waiting.forEach(function (fn) { fn(index); });
    }
    loadScript(siteRoot + "assets/search-index.js", function (loaded) {
      var loader = window.lossbookSearchIndex;
      if (!loaded || !loader || !loader.shards) { finish(null); return; }
      var remaining = loader.shards.length, failed = false;
      if (remaining === 0) { finish(mergeShards(loader, [])); return; }
      loader.shards.forEach(function (shard) {
        loadScript(siteRoot + shard[1], function (ok) {
          failed = failed || !ok;
          if (--remaining > 0) return;
          var all = window.lossbookSearchShards || {};
          var missing = loader.shards.some(function (each) { return !all[each[0]]; });
          finish(failed || missing ? null : mergeShards(loader, loader.shards.map(function (each) { return all[each[0]]; })));
        });
      });
    });
  }

  /// Fills `list` with result links for `query`; returns how many.
  function renderResults(index, query, list) {
    var found = search(index, query);
    list.textContent = "";
    found.results.forEach(function (result) {
      var entry = index.entries[result.entry];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = href(index, entry, found.terms, query);
      var title = document.createElement("span");
      title.className = "search-result-title";
      appendMarked(title, entry[2], found.terms);
      link.appendChild(title);
      if (entry[1]) {
        var page = document.createElement("span");
        page.className = "search-result-page";
        page.textContent = index.pages[entry[0]][1];
        link.appendChild(page);
      }
      if (entry[3]) {
        var text = document.createElement("span");
        text.className = "search-result-snippet";
        appendMarked(text, snippet(entry[3], found.terms), found.terms);
        link.appendChild(text);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    return found.results.length;
  }

  function setUpSearch() {
    var input = document.getElementById("search-input");
    var panel = document.getElementById("search-results");
    var list = document.getElementById("search-list");
    var status = document.getElementById("search-status");
    if (!input || !panel || !list || !status) return;

    function close() { panel.hidden = true; }
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    function update() {
      var query = input.value;
      if (!query.trim()) { list.textContent = ""; status.textContent = ""; close(); return; }
      panel.hidden = false;
      if (indexState !== "ready") status.textContent = "Loading the search index…";
      withIndex(function (index) {
        if (input.value !== query) return;
        if (!index) { status.textContent = "The search index could not be loaded."; return; }
        var count = renderResults(index, query, list);
        status.textContent = count === 0 ? "No results for “" + query.trim() + "”."
          : count === 1 ? "1 result." : (count === 20 ? "The 20 best results." : count + " results.");
      });
    }

    input.addEventListener("focus", function () { withIndex(function () {}); if (input.value.trim()) update(); });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = links()[0];
        if (first) { event.preventDefault(); first.focus(); }
      } else if (event.key === "Enter") {
        var top = links()[0];
        if (top) { event.preventDefault(); top.click(); }
      } else if (event.key === "Escape") {
        if (input.value) { input.value = ""; update(); } else { input.blur(); }
        close();
      }
    });
    list.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at >= 0) {
        event.preventDefault();
        if (at + 1 < all.length) all[at + 1].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at > 0) all[at - 1].focus(); else input.focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
        input.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !panel.parentNode.contains(event.target)) close();
    });
    document.addEventListener("focusin", function (event) {
      if (!panel.hidden && !panel.parentNode.contains(event.target)) close();
    });
    // "/" focuses the search field from anywhere except another text field.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  // ---- Highlighting the searched words on the page a result leads to (?highlight=…). -----------

  function highlightParameter() {
    var match = /[?&]highlight=([^&#]*)/.exec(window.location.search);
    if (!match) return "";
    try { return decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (e) { return ""; }
  }

  var SKIP = { SCRIPT: 1, STYLE: 1, svg: 1, SVG: 1, MARK: 1, BUTTON: 1, TEXTAREA: 1 };

  function markMatches(container, terms) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var el = node.parentNode; el && el !== container; el = el.parentNode) {
          if (SKIP[el.nodeName] || (el.classList && (el.classList.contains("katex") || el.classList.contains("anchor")))) {
            return NodeFilter.FILTER_REJECT;
          }
        }
        return node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var marks = 0;
    nodes.forEach(function (node) {
      var fragment = document.createDocumentFragment();
      appendMarked(fragment, node.nodeValue, terms);
      var found = fragment.querySelectorAll("mark").length;
      if (!found) return;
      marks += found;
      Array.prototype.forEach.call(fragment.querySelectorAll("mark"), function (mark) { mark.className = "search-hit"; });
      node.parentNode.replaceChild(fragment, node);
    });
    return marks;
  }

  function clearMarks(container) {
    Array.prototype.forEach.call(container.querySelectorAll("mark.search-hit"), function (mark) {
      mark.parentNode.replaceChild(document.createTextNode(mark.textContent), mark);
    });
    container.normalize();
  }

  function setUpHighlight() {
    var query = highlightParameter();
    var article = document.querySelector("main article");
    if (!query || !article) return;
    var terms = queryTerms(query, null);
    if (!terms.length) return;
    var count = markMatches(article, terms);
    if (!count) return;
    var bar = document.createElement("p");
    bar.className = "highlight-bar";
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = count + (count === 1 ? " match" : " matches") + " for “" + query + "” highlighted.";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = "Remove highlighting";
    clear.addEventListener("click", function () {
      clearMarks(article);
      bar.parentNode.removeChild(bar);
      try {
        history.replaceState(null, "", window.location.pathname + window.location.hash);
      } catch (e) { /* some browsers refuse on file:// */ }
    });
    bar.appendChild(text);
    bar.appendChild(clear);
    var heading = article.querySelector("h1");
    if (heading && heading.nextSibling) article.insertBefore(bar, heading.nextSibling); else article.insertBefore(bar, article.firstChild);
    openFoldedMatches(article, text);
    keepTargetsBelow(bar);
    if (!window.location.hash) {
      var first = article.querySelector("mark.search-hit");
      if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
    }
  }

  // ---- Issue 16 A: search landing, scroll boxes. -------------------------------------------------

  // Matches inside folded solutions would be counted but invisible: open those solutions, and
  // say so in the bar.
  function openFoldedMatches(article, text) {
    var opened = 0, hidden = 0;
    Array.prototype.forEach.call(article.querySelectorAll("details:not([open])"), function (details) {
      var inside = details.querySelectorAll("mark.search-hit").length;
      if (!inside) return;
      hidden += inside;
      opened += 1;
      details.open = true;
    });
    if (opened) {
      text.textContent += " " + hidden + (hidden === 1 ? " of them is" : " of them are") + " in " +
        (opened === 1 ? "a folded solution, now open." : opened + " folded solutions, now open.");
    }
  }

  // The highlight bar sticks under the top bar: a heading scrolled to (the result's #anchor)
  // must land below both, so the page's scroll padding grows by the bar's height.
  function keepTargetsBelow(bar) {
    var update = function () {
      var rect = bar.getBoundingClientRect();
      var top = parseFloat(getComputedStyle(bar).top) || 0;
      document.documentElement.style.scrollPaddingTop = Math.ceil(top + rect.height + 8) + "px";
    };
    update();
    window.addEventListener("resize", update);
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target.scrollIntoView) target.scrollIntoView();
  }

  // Tables and display equations are written as named, focusable regions so that, without a
  // script, every one can be scrolled from the keyboard. With the script, only boxes that do
  // overflow keep tabindex, role and name (the rest would be tab stops with nothing to scroll);
  // preformatted blocks that overflow become focusable too. Re-checked when the width changes.
  function setUpScrollBoxes() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("main .table-wrapper, main .math-display"));
    boxes.forEach(function (box) {
      if (box.hasAttribute("aria-label")) {
        box.setAttribute("data-region-label", box.getAttribute("aria-label"));
        return;
      }
      // Tables written by directives: named by their caption, else by their column headings.
      var caption = box.querySelector("caption");
      var headings = Array.prototype.map.call(box.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      var name = caption ? caption.textContent.trim() : headings.filter(Boolean).join(", ");
      if (name.length > 80) name = name.slice(0, 79) + "…";
      box.setAttribute("data-region-label", "Table" + (name ? ": " + name : ""));
    });
    var pres = Array.prototype.slice.call(document.querySelectorAll("main pre"));
    var update = function () {
      boxes.forEach(function (box) {
        var label = box.getAttribute("data-region-label");
        if (box.scrollWidth > box.clientWidth + 1 && label) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", label);
        } else {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      });
      pres.forEach(function (pre) {
        if (pre.scrollWidth > pre.clientWidth + 1) pre.setAttribute("tabindex", "0"); else pre.removeAttribute("tabindex");
      });
    };
    update();
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) clearTimeout(pending);
      pending = setTimeout(update, 150);
    });
  }

  // On wide screens "On this page" is always open (the style sheet does it where
  // ::details-content is supported; this covers the others).
  function setUpTocFolding() {
    var details = document.querySelector(".toc-details");
    if (details && window.matchMedia && window.matchMedia("(min-width: 36.01rem)").matches) details.open = true;
  }

  // ---- The 404 page suggests pages whose words resemble the missing address. -----------------

  function setUpNotFound() {
    var box = document.getElementById("not-found-results");
    if (!box || document.body.getAttribute("data-page") !== "not-found") return;
    var path = decodeURIComponent(window.location.pathname.split("/").pop() || "");
    var words = path.replace(/\.html?$/i, "").replace(/[-_.]+/g, " ").trim();
    if (!words || words === "404") return;
    withIndex(function (index) {
      if (!index) return;
      var list = document.createElement("ol");
      var count = renderResults(index, words, list);
      if (!count) {
        // Any one of the words, if no page has them all.
        var best = [];
        words.split(" ").forEach(function (word) {
          if (best.length) return;
          var probe = document.createElement("ol");
          if (renderResults(index, word, probe)) { best = [probe]; }
        });
        if (!best.length) return;
        list = best[0];
      }
      while (list.children.length > 5) list.removeChild(list.lastChild);
      var intro = document.createElement("p");
      intro.textContent = "Perhaps one of these:";
      list.className = "search-suggestions";
      box.appendChild(intro);
      box.appendChild(list);
    });
  }

  // ---- Figures with a slider: one frame per value; the input chooses which one shows. ---------

  function setUpSliders() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.plot-slider"), function (figure) {
      var input = figure.querySelector("input.plot-slider-input");
      var output = figure.querySelector("output");
      var frames = figure.querySelectorAll(".plot-frame");
      if (!input || !frames.length) return;
      function show() {
        var chosen = Math.max(0, Math.min(frames.length - 1, Math.round(Number(input.value) || 0)));
        Array.prototype.forEach.call(frames, function (frame, i) { frame.hidden = i !== chosen; });
        var value = frames[chosen].getAttribute("data-value");
        if (output && value !== null) output.value = value;
        input.setAttribute("aria-valuetext", value !== null ? value : String(chosen));
      }
      input.addEventListener("input", show);
      input.addEventListener("change", show);
      // Browsers restore a form control's value on reload and on back: show the frame it names.
      window.addEventListener("pageshow", show);
      show();
    });
  }

  // ---- On-page contents: marks the section being read. ----------------------------------------

  function setUpTocTracking() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
    if (!links.length) return;
    var pairs = [];
    links.forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target) pairs.push({ link: link, heading: target });
    });
    var active = null;
    var scheduled = false;
    function update() {
      scheduled = false;
      // The section being read: the last heading above the upper third of the window.
      var line = Math.min(window.innerHeight / 3, 200);
      var current = null;
      for (var i = 0; i < pairs.length; i++) {
        if (pairs[i].heading.getBoundingClientRect().top <= line) current = pairs[i]; else break;
      }
      if (current === active) return;
      if (active) { active.link.classList.remove("active"); active.link.removeAttribute("aria-current"); }
      active = current;
      if (active) { active.link.classList.add("active"); active.link.setAttribute("aria-current", "location"); }
    }
    window.addEventListener("scroll", function () {
      if (!scheduled) { scheduled = true; requestAnimationFrame(update); }
    }, { passive: true });
    update();
  }

  // ---- Sidebar on narrow screens: a disclosure, closed by Escape or a click outside. -----------

  // The page lists only its own part's chapters; the others come from assets/contents.js, which
  // is written once for the whole site, so pages stay small however long the course grows.
  function fillSidebar(sidebar) {
    var contents = window.lossbookContents;
    if (!contents) return;
    var root = document.documentElement.dataset.root || "";
    Array.prototype.forEach.call(sidebar.querySelectorAll("li.part"), function (item) {
      if (item.querySelector("ol.chapters")) return;
      var part = contents.filter(function (entry) { return entry[0] === item.dataset.folder; })[0];
      if (!part || !part[1].length) return;
      var list = document.createElement("ol");
      list.className = "chapters";
      part[1].forEach(function (chapter) {
        var link = document.createElement("a");
        link.href = root + chapter[0];
        // A part too long to list on every page (PageAssembler.sidebarChapterLimit) may hold this page.
        if (chapter[0] === sidebar.dataset.page || decodeURIComponent(chapter[0]) === sidebar.dataset.page) {
          link.className = "current";
          link.setAttribute("aria-current", "page");
        }
        var number = document.createElement("span");
        number.className = "chapter-number";
        number.textContent = String(chapter[2]);
        link.appendChild(number);
        link.appendChild(document.createTextNode(" " + chapter[1]));
        var entry = document.createElement("li");
        entry.appendChild(link);
        list.appendChild(entry);
      });
      item.appendChild(list);
    });
  }

  function setUpSidebar() {
    var toggle = document.getElementById("sidebar-toggle");
    var sidebar = document.getElementById("sidebar");
    if (sidebar) fillSidebar(sidebar);
    if (!toggle || !sidebar) return;
    function setOpen(open, returnFocus) {
      document.body.classList.toggle("sidebar-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var target = sidebar.querySelector("a.current") || sidebar.querySelector("a");
        if (target) setTimeout(function () { target.focus(); }, 0);
      } else if (returnFocus) {
        toggle.focus();
      }
    }
    toggle.addEventListener("click", function () {
      setOpen(!document.body.classList.contains("sidebar-open"), false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.body.classList.contains("sidebar-open")) setOpen(false, true);
    });
    document.addEventListener("click", function (event) {
      if (document.body.classList.contains("sidebar-open") && !sidebar.contains(event.target) && !toggle.contains(event.target)) {
        setOpen(false, false);
      }
    });
    // Keep the current chapter in view in a long sidebar.
    var current = sidebar.querySelector("a.current");
    if (current && sidebar.scrollHeight > sidebar.clientHeight) {
      var top = current.offsetTop - sidebar.clientHeight / 3;
      if (top > 0) sidebar.scrollTop = top;
    }
  }

  // ---- Code blocks get a copy button. -----------------------------------------------------------

  function setUpCopyButtons() {
    if (!navigator.clipboard) return;
    Array.prototype.forEach.call(document.querySelectorAll(".code-block"), function (block) {
      var code = block.querySelector("code");
      if (!code) return;
      var button = document.createElement("button");
      button.className = "copy-button";
      button.type = "button";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy the code");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(code.innerText).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        }, function () { /* permission refused: nothing to do */ });
      });
      block.appendChild(button);
    });
  }

  // ---- Printing: solutions open, light theme. --------------------------------------------------

  function setUpPrinting() {
    var closed = [];
    window.addEventListener("beforeprint", function () {
      closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
      closed.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () {
      closed.forEach(function (d) { d.open = false; });
      closed = [];
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var themeToggle = document.getElementById("theme-toggle");
    if (themeToggle) {
      labelThemeToggle(themeToggle);
      themeToggle.addEventListener("click", function () {
        setTheme(currentTheme() === "dark" ? "light" : "dark");
        labelThemeToggle(themeToggle);
      });
      if (window.matchMedia) {
        var query = window.matchMedia("(prefers-color-scheme: dark)");
        var relabel = function () { labelThemeToggle(themeToggle); };
        if (query.addEventListener) query.addEventListener("change", relabel);
      }
    }
    setUpSidebar();
    setUpSearch();
    setUpHighlight();
    setUpNotFound();
    setUpSliders();
    setUpTocTracking();
    setUpCopyButtons();
    setUpPrinting();
    setUpScrollBoxes();
    setUpTocFolding();
  });

  // For the browser tests and curious readers: the search itself, without the page around it.
  window.lossbookSearch = { search: search, stem: stem, withIndex: withIndex };
})();

// ==== Reader conveniences (issue 16, item 6): arrow-key navigation, reference previews. ==========
// Separate from the block above so that the two grow without touching each other.
(function () {
  "use strict";

  /// True when a key press belongs to what has focus: a field, an editable element, a slider or
  /// a select, which all use the arrow keys themselves.
  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable ||
      (target.getAttribute && target.getAttribute("role") === "slider");
  }

  // ---- ← and → go to the previous and next chapter, as in mdBook. ------------------------------

  function setUpArrowKeys() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (typing(event.target)) return;
      // An element that scrolls sideways (a wide table or equation) keeps its arrow keys.
      for (var el = event.target; el && el !== document.body; el = el.parentElement) {
        if (el.scrollWidth > el.clientWidth + 1 && el !== document.documentElement) {
          var overflow = window.getComputedStyle(el).overflowX;
          if (overflow === "auto" || overflow === "scroll") return;
        }
      }
      var link = document.querySelector(event.key === "ArrowLeft" ? ".pager a[rel='prev']" : ".pager a[rel='next']");
      if (!link) return;
      event.preventDefault();
      window.location.href = link.href;
    });
  }

  // ---- Previews: hovering or focusing a link to an equation, figure, footnote, section, glossary
  // entry or reference shows it in a popup. The content is in the page already: the target itself
  // when it is on this page, else a <template id="preview-…"> the build put at the page's end
  // (under the label for equations and figures, under the href as written for sections and
  // pages of other pages, whose ids can repeat from page to page).

  var popup = null, popupFor = null, hideTimer = null;

  function previewContent(link) {
    var href = link.getAttribute("href") || "";
    var hash = href.indexOf("#");
    if (hash !== 0) {
      var copy = document.getElementById("preview-" + href);
      if (copy && copy.content) return copy.content.cloneNode(true);
    }
    if (hash < 0) return null;
    var id = decodeURIComponent(href.slice(hash + 1));
    var template = document.getElementById("preview-" + id);
    if (template && template.content) return template.content.cloneNode(true);
    if (hash > 0) return null; // another page, and nothing copied here
    var target = document.getElementById(id);
    if (!target || target.closest("nav, header, .sidebar")) return null;
    var box = document.createDocumentFragment();
    if (/^H[1-6]$/.test(target.tagName)) {
      // A section: its heading and its first block or two.
      box.appendChild(target.cloneNode(true));
      var next = target.nextElementSibling;
      for (var n = 0; next && n < 2 && !/^H[1-6]$/.test(next.tagName); n++, next = next.nextElementSibling) {
        box.appendChild(next.cloneNode(true));
      }
    } else {
      box.appendChild(target.cloneNode(true));
    }
    // Copies must not repeat ids, nor offer the back links of footnotes and references.
    Array.prototype.forEach.call(box.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    Array.prototype.forEach.call(box.querySelectorAll(".footnote-back, .ref-back, .heading-link, .anchor"), function (el) {
      if (el.classList.contains("heading-link")) { el.replaceWith.apply(el, Array.prototype.slice.call(el.childNodes)); } else { el.remove(); }
    });
    return box;
  }

  function hidePreview() {
    clearTimeout(hideTimer);
    if (!popup) return;
    popup.hidden = true;
    if (popupFor) popupFor.removeAttribute("aria-describedby");
    popupFor = null;
  }

  function showPreview(link) {
    clearTimeout(hideTimer);
    if (popupFor === link && popup && !popup.hidden) return;
    var content = previewContent(link);
    if (!content) return;
    if (!popup) {
      popup = document.createElement("div");
      popup.className = "preview-popup";
      popup.id = "preview-popup";
      popup.setAttribute("role", "tooltip");
      popup.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      popup.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(popup);
    }
    if (popupFor) popupFor.removeAttribute("aria-describedby");
    popup.textContent = "";
    popup.appendChild(content);
    popup.hidden = false;
    popupFor = link;
    link.setAttribute("aria-describedby", "preview-popup");
    var r = link.getBoundingClientRect();
    var width = Math.min(30 * 16, document.documentElement.clientWidth - 16);
    popup.style.maxWidth = width + "px";
    // A figure has no width of its own (its SVG fills its box): give the popup its full width,
    // or it shrinks to one letter per line.
    popup.style.width = popup.querySelector("figure, svg") ? width + "px" : "";
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    popup.style.left = left + "px";
    var below = r.bottom + window.scrollY + 6;
    popup.style.top = below + "px";
    // Above the link when there is no room below it.
    var height = popup.offsetHeight;
    if (r.bottom + 6 + height > window.innerHeight && r.top - 6 - height > 0) popup.style.top = (r.top + window.scrollY - 6 - height) + "px";
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hidePreview, 250);
  }

  function previewLink(el) {
    var link = el && el.closest ? el.closest("main a[href]") : null;
    if (!link || link.closest(".toc, .pager, .preview-popup, .footnote-back, .ref-back, .heading-link, a.anchor, .skip-link")) return null;
    // Links out of the course (a scheme such as https: or mailto:) have nothing to preview.
    if (/^[a-z][a-z0-9+.-]*:/i.test(link.getAttribute("href") || "")) return null;
    return link;
  }

  function setUpPreviews() {
    var main = document.querySelector("main");
    if (!main) return;
    main.addEventListener("mouseover", function (event) {
      var link = previewLink(event.target);
      if (link) showPreview(link);
    });
    main.addEventListener("mouseout", function (event) {
      var link = previewLink(event.target);
      if (link && !(event.relatedTarget && link.contains(event.relatedTarget))) scheduleHide();
    });
    main.addEventListener("focusin", function (event) {
      var link = previewLink(event.target);
      if (link) showPreview(link); else hidePreview();
    });
    main.addEventListener("focusout", function (event) {
      if (previewLink(event.target)) scheduleHide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popup && !popup.hidden) hidePreview();
    });
    // Touch: the first tap on a link to something previewable shows it, a second tap follows it.
    main.addEventListener("click", function (event) {
      var link = previewLink(event.target);
      if (!link || !window.matchMedia || !window.matchMedia("(hover: none)").matches) return;
      if (popupFor === link && popup && !popup.hidden) { hidePreview(); return; }
      // A link to a whole page is followed at once: the page itself is the better preview.
      if ((link.getAttribute("href") || "").indexOf("#") < 0) return;
      if (previewContent(link)) { event.preventDefault(); showPreview(link); }
    });
    document.addEventListener("click", function (event) {
      if (popup && !popup.hidden && !popup.contains(event.target) && !previewLink(event.target)) hidePreview();
    });
  }

  // ---- Print: page numbers in the printed course's contents (`lossbook pdf`). ---------------
  // `lossbook pdf` prints print.html twice: first with ?page-numbers=reserve, which gives every
  // contents line a blank number of the final width (so the lines, and the pages, stay as they
  // are), then with "anchor:page" pairs read from the first PDF's named destinations.
  function numberPrintContents() {
    var match = /[?&]page-numbers=([^&]*)/.exec(window.location.search);
    var contents = document.querySelector(".print-contents");
    if (!match || !contents) return;
    var pages = {};
    decodeURIComponent(match[1]).split(",").forEach(function (pair) {
      var at = pair.lastIndexOf(":");
      if (at > 0) pages[pair.slice(0, at)] = pair.slice(at + 1);
    });
    contents.classList.add("numbered");
    contents.querySelectorAll("a[href^='#']").forEach(function (link) {
      var number = document.createElement("span");
      number.className = "print-page-number";
      var page = pages[link.getAttribute("href").slice(1)];
      number.textContent = page || "";
      link.appendChild(number);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpArrowKeys();
    setUpPreviews();
    numberPrintContents();
  });

  window.lossbookPreviews = { content: previewContent, show: showPreview, hide: hidePreview };
})();
