"""The suite passes from another directory, in another time zone and locale, with the network refused."""

from __future__ import annotations

import os
import re

import pytest

from projectcopy import WATER, make_project, nbval, python

pytestmark = pytest.mark.project


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


NETWORK_GUARD = '''
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo
LOCAL = ("127.0.0.1", "::1", "localhost", "")


def _check(address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host not in LOCAL:
        raise OSError(f"network access attempted in an offline test: {address!r}")


def connect(self, address):
    _check(address)
    return _connect(self, address)


def connect_ex(self, address):
    _check(address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host not in LOCAL and host is not None:
        raise OSError(f"name lookup attempted in an offline test: {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
'''


def test_suite_passes_elsewhere_offline_in_another_zone_and_locale(project, tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NETWORK_GUARD, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = nbval(
        project,
        str(project / "tests" / "test_numbers.py"),
        str(project / "tests" / "test_values.py"),
        str(project / "notebooks" / WATER),
        cwd=elsewhere,
        TZ="Pacific/Kiritimati",
        LANG="C",
        LC_ALL="C",
        PYTHONPATH=f"{guard}{os.pathsep}{project}",
        no_proxy="*",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)
    probe = python(
        project,
        "-c",
        "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)",
        PYTHONPATH=f"{guard}{os.pathsep}{project}",
    )
    assert "attempted in an offline test" in probe.stderr, "the guard must really block the network"
