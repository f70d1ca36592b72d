"""Headless Chromium through selenium: for printing the book to PDF and for the browser tests.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them).
"""

import shutil

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900"]
INSTALL = "apt-get install chromium chromium-driver"


def find():
    """The paths of Chromium and its driver, or None when either is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    chromedriver = shutil.which("chromedriver")
    return (chromium, chromedriver) if chromium and chromedriver else None


def start(profile, capabilities=None):
    """A headless Chromium session using the folder `profile`; raise RuntimeError without Chromium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = find()
    if not found:
        raise RuntimeError(f"Chromium and its driver are needed: install Debian's `chromium` and "
                           f"`chromium-driver` ({INSTALL}; .ci/run does).")
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    for name, value in (capabilities or {}).items():
        options.set_capability(name, value)
    return webdriver.Chrome(options=options, service=Service(executable_path=found[1]))
