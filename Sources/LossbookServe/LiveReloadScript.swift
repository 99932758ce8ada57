/// The script `lossbook serve` adds to every HTML page it sends (never to the files in site/).
///
/// It listens on `/__lossbook/events`: `reload` reloads the page; `build-error` draws a fixed
/// overlay listing each diagnostic as `path:line:col: error: message`. Every piece of text goes in
/// through `textContent`, never `innerHTML`, so a message quoting `<script>` stays text.
enum LiveReloadScript {
    static let path = "/__lossbook/live.js"
    static let eventsPath = "/__lossbook/events"

    /// The tag inserted before `</body>`.
    static let tag = "<script src=\"\(path)\"></script>"

    static let source = #"""
    (function () {
      "use strict";
      if (!window.EventSource || window.__lossbookLive) return;
      window.__lossbookLive = true;
      var OVERLAY = "__lossbook-overlay";
      var state = null;
      var source = new EventSource("/__lossbook/events");

      source.addEventListener("hello", function (event) {
        var next = JSON.parse(event.data).state;
        if (state !== null && next !== state) { location.reload(); return; }
        state = next;
      });
      source.addEventListener("reload", function () { location.reload(); });
      source.addEventListener("build-error", function (event) {
        show(JSON.parse(event.data).diagnostics || []);
      });

      function element(tag, text, style) {
        var node = document.createElement(tag);
        if (text !== undefined) node.textContent = String(text);
        if (style) node.setAttribute("style", style);
        return node;
      }

      function show(diagnostics) {
        var old = document.getElementById(OVERLAY);
        if (old) old.remove();
        var overlay = element("div", undefined,
          "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
          "color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem;");
        overlay.id = OVERLAY;
        overlay.setAttribute("role", "alert");
        var errors = diagnostics.filter(function (d) { return d.severity === "error"; }).length;
        overlay.appendChild(element("h2", "lossbook: the build failed with " + errors + " error" + (errors === 1 ? "" : "s"),
          "margin:0 0 .5rem;font-size:1.1rem;color:#fca5a5;"));
        overlay.appendChild(element("p", "The page below is the last good build. Fix the problem and save: the page reloads by itself.",
          "margin:0 0 1.5rem;color:#d4d4d8;"));
        var list = element("ol", undefined, "margin:0;padding:0;list-style:none;");
        diagnostics.forEach(function (d) {
          var item = element("li", undefined, "margin:0 0 1rem;white-space:pre-wrap;");
          item.className = "lossbook-diagnostic";
          var where = d.path ? d.path + (d.line ? ":" + d.line + (d.column ? ":" + d.column : "") : "") : "lossbook";
          item.appendChild(element("div", where, "color:#93c5fd;font-weight:bold;"));
          item.appendChild(element("div", d.severity + ": " + d.message,
            d.severity === "error" ? "color:#fecaca;" : "color:#fde68a;"));
          list.appendChild(item);
        });
        overlay.appendChild(list);
        var close = element("button", "Hide", "position:absolute;top:1rem;right:1rem;font:inherit;cursor:pointer;");
        close.addEventListener("click", function () { overlay.remove(); });
        overlay.appendChild(close);
        (document.body || document.documentElement).appendChild(overlay);
      }
    })();
    """#

    /// `html` with the script tag inserted before the last `</body>`, or at the end without one.
    static func inject(into html: [UInt8]) -> [UInt8] {
        let tagBytes = Array(tag.utf8)
        let closing = Array("</body".utf8)
        if html.count >= closing.count {
            var index = html.count - closing.count
            while index >= 0 {
                var matches = true
                for offset in 0 ..< closing.count where Self.lower(html[index + offset]) != closing[offset] {
                    matches = false
                    break
                }
                if matches {
                    return Array(html[..<index]) + tagBytes + Array(html[index...])
                }
                index -= 1
            }
        }
        return html + tagBytes
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }
}
