"""Fetch the website's JavaScript libraries from npm, pinned, so that pages load nothing from a CDN.

    python tools/website/web_assets.py          # writes _build/web-assets/ (a no-op when up to date)
    python tools/website/web_assets.py --tests  # writes _build/test-assets/: axe-core, for the browser tests

By default the pages of a Jupyter Book load require.js and the ipywidgets manager (for pages
with widgets) and MathJax (for pages with maths) from public CDNs, and sphinx-tippy loads
tippy.js and Popper (the glossary links' previews) from unpkg. `_config.yml` points them at
the copies this script unpacks instead; the build copies them into `_build/html/_static/vendor/`.
Each package is downloaded with `npm pack` at a pinned version and checked against its pinned
sha512 before anything is unpacked. The live tokenizer of chapters 3 and 5 (`book/_static/live/`)
runs @huggingface/tokenizers on the checkpoints' tokenizer files, which this script then writes
from the offline mirror into `_build/web-assets/live/` (see `live_tokenizer_files.py`).
The test assets (`--tests`) are not part of the website: the accessibility test injects
axe-core into each page it opens.
"""

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the `tools` package is found from the repository

from tools.website import live_tokenizer_files  # noqa: E402

DESTINATION = ROOT / "_build" / "web-assets"
TEST_DESTINATION = ROOT / "_build" / "test-assets"

# npm package -> (version, dist.integrity, [(file, folder or glob in the package, folder under vendor/)])
PACKAGES = {
    "requirejs": (
        "2.3.8",
        "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
        [("require.js", "requirejs")],
    ),
    "@jupyter-widgets/html-manager": (  # the widget manager of ipywidgets 8 (widget state v2)
        "1.0.15",
        "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
        # embed-amd.js finds the icon fonts it uses next to itself
        [("dist/embed-amd.js", "html-manager")]
        + [(f"dist/*.{font}", "html-manager") for font in ("woff2", "woff", "ttf", "eot", "svg")],
    ),
    "mathjax": (
        "3.2.2",
        "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
        [("es5/tex-chtml.js", "mathjax"),
         ("es5/input/tex/extensions", "mathjax/input/tex"),
         ("es5/output/chtml/fonts/woff-v2", "mathjax/output/chtml/fonts")],
    ),
    "@popperjs/core": (  # positions tippy.js's previews
        "2.11.8",
        "sha512-P1st0aksCrn9sGZhp8GMYwBnQsbvAWsZAX44oXNNvLHGqAOcoVxmjZiohstwQ7SqKnbR47akdNi+uleWD8+g6A==",
        [("dist/umd/popper.min.js", "popper"), ("LICENSE.md", "popper")],
    ),
    "tippy.js": (  # the glossary links' previews (sphinx-tippy), with its stylesheet bundled
        "6.3.7",
        "sha512-E1d3oP2emgJ9dRQZdf3Kkn0qJgI6ZLpyS5z6ZkY1DF3kaQaBsGZsndEpHwx+eC+tYM41HaSNvNtLx8tU57FzTQ==",
        [("dist/tippy-bundle.umd.min.js", "tippy"), ("LICENSE", "tippy")],
    ),
    "@huggingface/tokenizers": (  # the live tokenizer's library (ES module, no dependencies)
        "0.2.0",
        "sha512-LidMHe1FpcSYH4vcSjXooda34pC0M8m1gmDOv7SQi6Iv+ib1zX7J3sHBCC9/3FPCkn2k1b55FneVqMRxrr99pg==",
        [("dist/tokenizers.min.mjs", "tokenizers"), ("LICENSE", "tokenizers")],
    ),
}
TEST_PACKAGES = {
    "axe-core": (  # accessibility rules (WCAG 2.1 A and AA), run by tests/test_accessibility.py
        "4.14.1",
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        [("axe.min.js", "axe-core")],
    ),
}


def pins(packages):
    return {name: version for name, (version, _, _) in packages.items()}


def is_up_to_date(packages, destination):
    try:
        return json.loads((destination / "packages.json").read_text()) == pins(packages)
    except (OSError, ValueError):
        return False


def npm_pack(name, version, integrity, folder):
    """Download one package tarball with npm and verify it; return its path."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("tools/website/web_assets.py needs npm (Debian: apt-get install npm) to fetch the website's "
                 "JavaScript libraries.")
    result = subprocess.run([npm, "pack", "--silent", f"{name}@{version}", "--pack-destination", str(folder)],
                            check=True, capture_output=True, text=True)
    tarball = Path(folder) / result.stdout.strip().splitlines()[-1]
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != integrity:
        sys.exit(f"{name}@{version}: tarball sha512 {digest} differs from the pinned {integrity}")
    return tarball


def unpack(tarball, selection, vendor):
    """Copy the selected files and folders of an npm tarball into `vendor`."""
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(tarball) as archive:
            archive.extractall(scratch, filter="data")
        package = Path(scratch) / "package"
        for pattern, target in selection:
            sources = sorted(package.glob(pattern))
            if not sources:
                sys.exit(f"{tarball.name}: nothing matches {pattern}")
            for source in sources:
                destination = vendor / target / source.name
                destination.parent.mkdir(parents=True, exist_ok=True)
                if source.is_dir():
                    shutil.copytree(source, destination)
                else:
                    shutil.copy2(source, destination)


def fetch(packages, destination):
    if destination.exists():
        shutil.rmtree(destination)
    vendor = destination / "vendor"
    with tempfile.TemporaryDirectory() as scratch:
        for name, (version, integrity, selection) in packages.items():
            unpack(npm_pack(name, version, integrity, scratch), selection, vendor)
            print(f"{name}@{version}")
    (destination / "packages.json").write_text(json.dumps(pins(packages), indent=2) + "\n")


def main(arguments):
    if arguments not in ([], ["--tests"]):
        sys.exit("usage: python tools/website/web_assets.py [--tests]")
    packages, destination = (TEST_PACKAGES, TEST_DESTINATION) if arguments else (PACKAGES, DESTINATION)
    if is_up_to_date(packages, destination):
        print(f"Web assets in {destination.relative_to(ROOT)} are up to date.")
    else:
        fetch(packages, destination)
    if not arguments:
        live_tokenizer_files.update(DESTINATION)


if __name__ == "__main__":
    main(sys.argv[1:])
