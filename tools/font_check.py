"""Which font draws the Chinese on each page of the built site, in headless Chromium.

    .venv/bin/python tools/font_check.py site [PAGE.html ...]

For every element whose own text holds Chinese, DevTools ``CSS.getPlatformFontsForNode`` names the fonts that drew it.
An element whose Chinese is not drawn by the site's shipped web font (``isCustomFont``) is printed as tofu, and the
command exits 1: a system font that happens to have the glyphs does not count, so the check means the same on any
machine. Elements styled alike (same tag, class, language and computed font) are checked once per page. Run it on a
machine without Chinese system fonts (``fc-list :lang=zh`` prints nothing) to see what such a reader sees. Needs
chromium and chromedriver (Debian: ``apt-get install chromium chromium-driver``); tests/test_site.py runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SELECTOR = "h1, h2, h3, h4, th, td, p, li, span, q, a, dd, dt, strong, em, figcaption, caption, summary, code, title"
#: Marks one element of each styling whose own text holds Chinese, and returns how many elements hold Chinese.
MARK = """
const seen = new Set();
let chinese = 0, marked = 0;
for (const el of document.querySelectorAll(arguments[0])) {
  const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.nodeValue).join('');
  if (!/[\\u3400-\\u4dbf\\u4e00-\\u9fff]/.test(own) || el.closest('head')) continue;
  chinese++;
  const style = getComputedStyle(el);
  const key = [el.tagName, el.className, (el.closest('[lang]') || {}).lang, style.fontFamily, style.fontWeight,
               style.fontStyle].join('|');
  if (seen.has(key)) continue;
  seen.add(key);
  el.setAttribute('data-font-check', String(marked++));
}
return chinese;
"""


def check(site: Path, pages: list[str], quiet: bool = False) -> dict[str, dict]:
    """For each page: how many elements hold Chinese, how many stylings were checked, the fonts that drew them, and
    the stylings drawn without the shipped font (``tofu``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,2000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    found: dict[str, dict] = {}
    try:
        driver.execute_cdp_cmd("DOM.enable", {})
        driver.execute_cdp_cmd("CSS.enable", {})
        for page in pages:
            driver.get((site / page).resolve().as_uri())
            # the web fonts loaded, then two frames drawn, so that layout has picked the fonts it reports
            driver.execute_script(
                "return document.fonts.ready.then(() => new Promise(done =>"
                " requestAnimationFrame(() => requestAnimationFrame(done))))"
            )
            chinese = driver.execute_script(MARK, SELECTOR)
            root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
            nodes = driver.execute_cdp_cmd("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-font-check]"})
            result = {"chinese": chinese, "checked": 0, "fonts": {}, "tofu": []}
            for node_id in nodes["nodeIds"]:
                fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
                if not fonts:  # not rendered (a collapsed input, say)
                    continue
                result["checked"] += 1
                for font in fonts:
                    result["fonts"][font["familyName"]] = result["fonts"].get(font["familyName"], 0) + 1
                if not any(f.get("isCustomFont") and "CJK" in f["familyName"] for f in fonts):
                    node = driver.execute_cdp_cmd("DOM.describeNode", {"nodeId": node_id})["node"]
                    result["tofu"].append(
                        f"<{node['nodeName'].lower()}> drawn by {sorted(f['familyName'] for f in fonts)}"
                    )
            found[page] = result
            if not quiet:
                print(
                    f"{page}: {chinese} elements with Chinese, {result['checked']} stylings checked, "
                    f"fonts {result['fonts']}"
                )
                for line in result["tofu"]:
                    print(f"  tofu: {line}")
    finally:
        driver.quit()
    return found


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    names = sys.argv[2:] or sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html"))
    sys.exit(1 if any(r["tofu"] for r in check(folder, names).values()) else 0)
