import Foundation

/// The script and styles that open pages load from the server, never from
/// the built site: the page reloads itself (keeping its scroll position) when
/// it is rebuilt, and shows a failed build's diagnostics in an overlay. No
/// inline script or style anywhere, so a Content-Security-Policy of `'self'` holds.
enum LiveClient {
    static let scriptPath = "__workbook/live.js"
    static let stylePath = "__workbook/live.css"

    /// Adds the stylesheet before `</head>` and the script before `</body>`.
    /// `page` is the site path the page was served as, or "" when any change
    /// should reload it (the 404 page, the page shown before the first good build).
    static func inject(into html: [UInt8], page: String, base: String? = nil) -> [UInt8] {
        var head = "<link rel=\"stylesheet\" href=\"/\(stylePath)\">\n"
        if let base { head = "<base href=\"\(escape(base))\">" + head }
        let script = "<script src=\"/\(scriptPath)\" data-page=\"\(escape(page))\" defer></script>\n"
        // Bytes, not String: the print page of a large workbook is megabytes.
        let headAt = firstIndex(of: "</head>", in: html) ?? 0
        let bodyAt = lastIndex(of: "</body>", in: html) ?? html.count
        var out: [UInt8] = []
        out.reserveCapacity(html.count + head.utf8.count + script.utf8.count)
        out += html[..<headAt]
        out += head.utf8
        out += html[headAt..<max(headAt, bodyAt)]
        out += script.utf8
        out += html[max(headAt, bodyAt)...]
        return out
    }

    /// Where an ASCII tag starts, ignoring case.
    static func firstIndex(of tag: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(tag.utf8)
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { matches(needle, in: bytes, at: $0) }
    }

    static func lastIndex(of tag: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(tag.utf8)
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).reversed().first { matches(needle, in: bytes, at: $0) }
    }

    private static func matches(_ needle: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        for (offset, byte) in needle.enumerated() where lowercased(bytes[start + offset]) != byte {
            return false
        }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    /// Served when there is no good build yet: the overlay on an empty page.
    static let waitingPage = Array("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Waiting for a good build</title>
        <link rel="stylesheet" href="/\(stylePath)">
        </head>
        <body class="workbook-live-waiting">
        <main>
        <h1>The workbook has not built yet</h1>
        <p>Fix the problems listed here and save: this page reloads when the build succeeds.</p>
        </main>
        <script src="/\(scriptPath)" data-page="" defer></script>
        </body>
        </html>

        """.utf8)

    static let script = Array(#"""
        // workbook serve: live reload and the build-error overlay.
        (function () {
          "use strict";
          var me = document.currentScript;
          var page = me ? me.getAttribute("data-page") || "" : "";
          var scrollKey = "workbook-live-scroll:" + location.pathname;
          var overlay = null, heading = null, list = null;

          function restoreScroll() {
            var saved = null;
            try {
              saved = sessionStorage.getItem(scrollKey);
              sessionStorage.removeItem(scrollKey);
            } catch (e) { return; }
            if (!saved) return;
            var at = JSON.parse(saved);
            window.scrollTo(at.x, at.y);
            // Images and fonts may still move things: scroll again once they are in.
            window.addEventListener("load", function () { window.scrollTo(at.x, at.y); }, { once: true });
          }

          function reload() {
            try {
              sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
            } catch (e) { /* private mode: reload at the top */ }
            location.reload();
          }

          function affected(paths) {
            if (page === "") return true;
            return paths.some(function (path) {
              return path === page || !/\.html$/.test(path);
            });
          }

          function element(name, className, text) {
            var node = document.createElement(name);
            if (className) node.className = className;
            if (text) node.textContent = text;
            return node;
          }

          function makeOverlay() {
            overlay = element("section", "workbook-live-overlay");
            overlay.setAttribute("role", "alert");
            overlay.setAttribute("aria-labelledby", "workbook-live-heading");
            var header = element("header", "workbook-live-header");
            heading = element("h2", "workbook-live-heading");
            heading.id = "workbook-live-heading";
            var hide = element("button", "workbook-live-hide", "Hide");
            hide.type = "button";
            hide.addEventListener("click", function () { overlay.hidden = true; });
            header.appendChild(heading);
            header.appendChild(hide);
            list = element("ol", "workbook-live-list");
            overlay.appendChild(header);
            overlay.appendChild(list);
            document.body.appendChild(overlay);
          }

          function plural(count, word) {
            return count + " " + word + (count === 1 ? "" : "s");
          }

          function showErrors(report) {
            if (!overlay) makeOverlay();
            heading.textContent = "Build failed: " + plural(report.errors, "error") + ", " +
              plural(report.warnings, "warning") + (page === "" ? "" : "; showing the last good pages");
            var items = report.diagnostics.map(function (d) {
              // `path:line:col: error: message`, then the source line and its caret.
              var lines = d.formatted.replace(/\n$/, "").split("\n");
              var item = element("li", "workbook-live-" + d.severity);
              item.appendChild(element("p", "workbook-live-summary", lines[0]));
              if (lines.length > 1) item.appendChild(element("pre", "workbook-live-source", lines.slice(1).join("\n")));
              return item;
            });
            list.replaceChildren.apply(list, items);
            overlay.hidden = false;
          }

          function hideErrors() {
            if (overlay) overlay.hidden = true;
          }

          restoreScroll();
          if (!window.EventSource) return;
          var events = new EventSource("/__workbook/events");
          var lost = false;
          events.addEventListener("reload", function (event) {
            var paths = JSON.parse(event.data).paths;
            if (affected(paths)) reload(); else hideErrors();
          });
          events.addEventListener("errors", function (event) {
            showErrors(JSON.parse(event.data));
          });
          // Back after the server was restarted: this page may be out of date.
          events.addEventListener("open", function () { if (lost) reload(); });
          events.addEventListener("error", function () { lost = true; });
        })();

        """#.utf8)

    static let style = Array("""
        /* workbook serve: the build-error overlay. */
        .workbook-live-overlay {
          position: fixed;
          inset: auto 0 0 0;
          z-index: 2147483647;
          max-height: 60vh;
          overflow: auto;
          margin: 0;
          padding: 0 1rem 1rem;
          background: #fff8f7;
          color: #2b0d0a;
          border-top: 4px solid #b3261e;
          box-shadow: 0 -4px 16px rgb(0 0 0 / 0.25);
          font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        }
        .workbook-live-overlay[hidden] { display: none; }
        .workbook-live-header {
          position: sticky;
          top: 0;
          display: flex;
          align-items: center;
          justify-content: space-between;
          gap: 1rem;
          padding: 0.75rem 0 0.5rem;
          background: inherit;
        }
        .workbook-live-heading { margin: 0; font-size: 1rem; font-weight: 700; }
        .workbook-live-hide {
          font: inherit;
          padding: 0.25rem 0.75rem;
          border: 1px solid currentColor;
          border-radius: 4px;
          background: transparent;
          color: inherit;
          cursor: pointer;
        }
        .workbook-live-list { max-width: none; margin: 0; padding: 0; list-style: none; }
        .workbook-live-list > li { max-width: none; margin: 0; padding: 0.5rem 0; border-top: 1px solid rgb(179 38 30 / 0.25); }
        /* Reset what a theme gives p and pre: the overlay looks the same on every theme. */
        .workbook-live-summary,
        .workbook-live-source {
          margin: 0;
          padding: 0;
          max-width: none;
          border: 0;
          border-radius: 0;
          background: none;
          color: inherit;
          font: inherit;
          white-space: pre-wrap;
          overflow-wrap: anywhere;
        }
        .workbook-live-summary { font-weight: 700; }
        .workbook-live-error .workbook-live-summary { color: #b3261e; }
        .workbook-live-warning .workbook-live-summary { color: #7a4b00; }
        .workbook-live-waiting main {
          max-width: 40rem;
          margin: 4rem auto;
          padding: 0 1rem;
          font: 16px/1.5 system-ui, sans-serif;
        }
        @media (prefers-color-scheme: dark) {
          .workbook-live-overlay { background: #2a1211; color: #f6dedb; border-top-color: #f2b8b5; }
          .workbook-live-error .workbook-live-summary { color: #f2b8b5; }
          .workbook-live-warning .workbook-live-summary { color: #f5c97a; }
          .workbook-live-waiting { background: #151515; color: #eee; }
        }
        @media print { .workbook-live-overlay { display: none; } }

        """.utf8)
}
