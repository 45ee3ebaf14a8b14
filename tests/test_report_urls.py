"""Every report URL parses, and a date written in its path agrees with the report's ``published`` date."""

from __future__ import annotations

import csv
import re
from datetime import date
from urllib.parse import urlsplit

import pytest

from helpers.ledger import paths

#: How far before ``published`` a date in the URL may lie (a page filed a few days before it went out).
URL_DATE_DAYS = 7
_DATES = (
    re.compile(r"(?<!\d)(20\d\d)-(\d\d)/(\d\d)(?!\d)"),  # /2016-11/29/
    re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)"),  # 2020-10-17
    re.compile(r"/(20\d\d)(\d\d)(\d\d)/"),  # /20200606/
    re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/"),  # /2020/07/17/
)


def url_dates(url: str) -> list[date]:
    """The calendar dates written in a URL's path."""
    found = []
    for pattern in _DATES:
        for y, m, d in pattern.findall(urlsplit(url).path):
            try:
                found.append(date(int(y), int(m), int(d)))
            except ValueError:
                pass
    return found


def test_url_dates_are_read_from_every_form():
    assert url_dates("http://www.gov.cn/xinwen/2016-11/29/content_5139985.htm") == [date(2016, 11, 29)]
    assert url_dates("https://m.kunming.cn/news/c/2020-10-17/13068533.shtml") == [date(2020, 10, 17)]
    assert url_dates("https://www.thepaper.cn/x/20200606/a.html") == [date(2020, 6, 6)]
    assert url_dates("http://yn.yunnan.cn/system/2020/07/17/030806143.shtml") == [date(2020, 7, 17)]
    assert url_dates("http://www.gov.cn/xinwen/2016-11-29/content_5139985.htm") == [date(2016, 11, 29)]
    assert url_dates("https://example.org/show-19419.html") == []


def _rows():
    with open(paths.DATA / "reports.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["id"])
def test_report_url_parses_and_its_date_fits_published(row):
    where = f"data/reports.csv, report {row['id']}, column url: {row['url']!r}"
    url = row["url"].split(" ")[0]
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc, f"{where}: expected an http(s) address"
    published = date.fromisoformat(row["published"])
    for written in url_dates(url):
        gap = (published - written).days
        assert 0 <= gap <= URL_DATE_DAYS, (
            f"{where}: the URL's date {written} should be on or up to {URL_DATE_DAYS} days before published {published}"
        )


def test_the_wrong_gov_cn_date_path_is_caught():
    """The form of address that r023 once had (a date path the site does not use) is not in the data."""
    assert not any("/xinwen/20" in r["url"] and re.search(r"/xinwen/\d{4}-\d\d-\d\d/", r["url"]) for r in _rows())
