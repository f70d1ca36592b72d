"""Fixtures shared by the browser tests: the built website, its PDFs, a local server, headless Chromium.

`site` builds the book exactly as `make book` does and `pdfs` prints it to PDF as `make book`
does (each once per run), `server` serves `_build/html` on a free localhost port, and `browser`
is one headless Chromium session with console and network logs. Needs Debian's `chromium` and
`chromium-driver` (`.ci/run` installs them).
"""

import functools
import gzip
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from book_site import HTML, ROOT
from tools.pdf import chromium


@pytest.fixture(scope="session")
def site():
    """Build the book exactly as `make book` does; return the folder of its HTML.

    Under `pytest -n` (make test) the first worker that needs the site builds it, holding a lock;
    the others wait and use it."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    once_per_run("site", [sys.executable, "tools/website/web_assets.py"],
                 [str(jupyter_book), "build", ".", "--warningiserror", "--nitpick", "--keep-going"],
                 [sys.executable, "-m", "tools.translation.build"])
    return HTML


@pytest.fixture(scope="session")
def pdfs(site):
    """Print the built site's book and chapters to PDF, as `make book` does; return their folder."""
    once_per_run("pdfs", [sys.executable, "tools/pdf/build.py", "--require"])
    return site / "pdf"


def once_per_run(name, *commands):
    """Run `commands` in the repository, once per test run however many workers ask for them."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # the same for every worker of one run
    (ROOT / "_build").mkdir(exist_ok=True)
    with FileLock(ROOT / "_build" / "site.lock"):
        stamp = ROOT / "_build" / f"{name}-built-by-run"
        if run and stamp.exists() and stamp.read_text() == run:
            return
        for command in commands:
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            if result.returncode != 0:
                pytest.fail(f"`{' '.join(command)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        stamp.write_text(run or "")


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
    """Serves text files gzip-compressed to browsers that accept it, as GitHub Pages does (the
    page-weight test measures what a reader downloads); logs nothing."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzipped(path, path.stat().st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt"}


@functools.lru_cache(maxsize=None)
def gzipped(path, mtime):
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium session for every page, with console and network logs."""
    with tempfile.TemporaryDirectory() as profile:
        try:
            driver = chromium.start(profile, {"goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"}})
        except RuntimeError as error:
            pytest.fail(f"The website test needs a browser. {error}")
        driver.set_page_load_timeout(30)
        driver.get_log("performance")  # drop what the browser's start page requested
        try:
            yield driver
        finally:
            driver.quit()
