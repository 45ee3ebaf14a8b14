"""Audit the built site in headless Chromium: axe-core accessibility violations on every page, and screenshots.

    .venv/bin/python tools/audit_site.py [SITE] [--screenshots DIR]

Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver); everything runs offline.
Exits non-zero if axe-core reports any violation. Screenshots are taken at 1280 and 390 pixels wide.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    parser.add_argument("--screenshots", type=Path, default=None, help="folder for PNG screenshots of every page")
    parser.add_argument("--pages", nargs="*", default=None, help="only these pages (paths in the site: zh/index.html)")
    args = parser.parse_args(argv)

    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    pages = sorted(  # the English pages and the Chinese edition (zh/)
        p for p in args.site.rglob("*.html") if not args.pages or str(p.relative_to(args.site)) in args.pages
    )
    failures = 0
    try:
        for page in pages:
            driver.set_window_size(1280, 1000)
            driver.get(page.resolve().as_uri())
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
            violations = results["violations"]
            failures += len(violations)
            status = "ok" if not violations else f"{len(violations)} violation(s)"
            name = str(page.relative_to(args.site))
            print(f"{name}: {status}")
            for violation in violations:
                print(
                    f"  - {violation['id']} ({violation['impact']}): {violation['help']}; "
                    f"{len(violation['nodes'])} node(s), e.g. {violation['nodes'][0]['target']}"
                )
            if args.screenshots:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                for width in (1280, 390):
                    driver.set_window_size(width, 1000)
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    driver.set_window_size(width, min(height, 6000))
                    shot = name.removesuffix(".html").replace("/", "-")
                    driver.save_screenshot(str(args.screenshots / f"{shot}-{width}.png"))
    finally:
        driver.quit()
    print(f"{len(pages)} pages audited; {failures} violation(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
