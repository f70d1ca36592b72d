"""Fixtures shared by the browser tests: the built website, a local server, headless Chromium.

`site` builds the book exactly as `make book` does (once per session), `server` serves
`_build/html` on a free localhost port, and `browser` is one headless Chromium session with
console and network logs. Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
them).
"""

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from book_site import HTML, ROOT

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,900"]


@pytest.fixture(scope="session")
def site():
    """Build the book exactly as `make book` does; return the folder of its HTML.

    Under `pytest -n` (make test) the first worker that needs the site builds it, holding a lock;
    the others wait and use it."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # the same for every worker of one run
    (ROOT / "_build").mkdir(exist_ok=True)
    with FileLock(ROOT / "_build" / "site.lock"):
        stamp = ROOT / "_build" / "site-built-by-run"
        if run and stamp.exists() and stamp.read_text() == run:
            return HTML
        jupyter_book = Path(sys.executable).with_name("jupyter-book")
        for command in ([sys.executable, "tools/web_assets.py"],
                        [str(jupyter_book), "build", ".", "--warningiserror", "--nitpick", "--keep-going"],
                        [sys.executable, "-m", "tools.translation.build"]):
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            if result.returncode != 0:
                pytest.fail(f"`{' '.join(command)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        stamp.write_text(run or "")
    return HTML


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on a free localhost port; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium session for every page, with console and network logs."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    chromedriver = shutil.which("chromedriver")
    if not (chromium and chromedriver):
        pytest.fail("The website test needs Chromium and its driver: install Debian's `chromium` and "
                    "`chromium-driver` (apt-get install chromium chromium-driver; .ci/run does).")
    with tempfile.TemporaryDirectory() as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
        driver.set_page_load_timeout(30)
        driver.get_log("performance")  # drop what the browser's start page requested
        try:
            yield driver
        finally:
            driver.quit()

