"""Which font draws the Chinese on each page of the built site, in headless Chromium.

    .venv/bin/python tools/font_check.py site [PAGE.html ...]

For every element whose own text holds Chinese, DevTools ``CSS.getPlatformFontsForNode`` names the fonts that drew it.
An element drawn by no CJK font is printed as tofu, and the command exits 1. Run it on a machine without Chinese
system fonts (``fc-list :lang=zh`` prints nothing) to see what such a reader sees. Needs chromium and chromedriver
(Debian: ``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
SELECTOR = "h1, h2, h3, h4, th, td, p, li, span, q, a, dd, dt, strong, em, figcaption, caption, summary, code"


def check(site: Path, pages: list[str]) -> int:
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,2000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    tofu = 0
    try:
        driver.execute_cdp_cmd("DOM.enable", {})
        driver.execute_cdp_cmd("CSS.enable", {})
        for page in pages:
            driver.get((site / page).resolve().as_uri())
            driver.execute_script("return document.fonts.ready")
            time.sleep(0.3)
            root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
            nodes = driver.execute_cdp_cmd("DOM.querySelectorAll", {"nodeId": root, "selector": SELECTOR})["nodeIds"]
            drawn: dict[str, int] = {}
            for node_id in nodes:
                node = driver.execute_cdp_cmd("DOM.describeNode", {"nodeId": node_id, "depth": 1})["node"]
                own = "".join(c.get("nodeValue", "") for c in node.get("children", []) if c.get("nodeType") == 3)
                if not CHINESE.search(own):
                    continue
                fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
                if not fonts:  # not rendered (a collapsed input, say)
                    continue
                names = sorted(f["familyName"] for f in fonts)
                for name in names:
                    drawn[name] = drawn.get(name, 0) + 1
                if not any("CJK" in name for name in names):
                    tofu += 1
                    print(f"  tofu: {page} <{node['nodeName'].lower()}> {own.strip()[:50]!r} drawn by {names}")
            print(f"{page}: elements with Chinese, by font: {drawn}")
    finally:
        driver.quit()
    return 1 if tofu else 0


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    names = sys.argv[2:] or sorted(p.name for p in folder.glob("*.html"))
    sys.exit(check(folder, names))
