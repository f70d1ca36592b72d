"""Fetch the website's JavaScript libraries from npm, pinned, so that pages load nothing from a CDN.

    python tools/web_assets.py    # writes _build/web-assets/ (a no-op when already up to date)

By default the pages of a Jupyter Book load require.js and the ipywidgets manager (for pages
with widgets) and MathJax (for pages with maths) from public CDNs. `_config.yml` points them at
the copies this script unpacks instead; the build copies them into `_build/html/_static/vendor/`.
Each package is downloaded with `npm pack` at a pinned version and checked against its pinned
sha512 before anything is unpacked. The live tokenizer of chapters 3 and 5 (`book/_static/live/`)
runs @huggingface/tokenizers on the checkpoints' tokenizer files, which this script then writes
from the offline mirror into `_build/web-assets/live/` (see `live_tokenizer_files.py`).
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

import live_tokenizer_files

ROOT = Path(__file__).resolve().parents[1]
DESTINATION = ROOT / "_build" / "web-assets"
STAMP = DESTINATION / "packages.json"

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
    "@huggingface/tokenizers": (  # the live tokenizer's library (ES module, no dependencies)
        "0.2.0",
        "sha512-LidMHe1FpcSYH4vcSjXooda34pC0M8m1gmDOv7SQi6Iv+ib1zX7J3sHBCC9/3FPCkn2k1b55FneVqMRxrr99pg==",
        [("dist/tokenizers.min.mjs", "tokenizers"), ("LICENSE", "tokenizers")],
    ),
}


def pins():
    return {name: version for name, (version, _, _) in PACKAGES.items()}


def is_up_to_date():
    try:
        return json.loads(STAMP.read_text()) == pins()
    except (OSError, ValueError):
        return False


def npm_pack(name, version, integrity, folder):
    """Download one package tarball with npm and verify it; return its path."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("tools/web_assets.py needs npm (Debian: apt-get install npm) to fetch the website's "
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


def fetch():
    if DESTINATION.exists():
        shutil.rmtree(DESTINATION)
    vendor = DESTINATION / "vendor"
    with tempfile.TemporaryDirectory() as scratch:
        for name, (version, integrity, selection) in PACKAGES.items():
            unpack(npm_pack(name, version, integrity, scratch), selection, vendor)
            print(f"{name}@{version}")
    STAMP.write_text(json.dumps(pins(), indent=2) + "\n")


def main():
    if is_up_to_date():
        print(f"Web assets in {DESTINATION.relative_to(ROOT)} are up to date.")
    else:
        fetch()
    live_tokenizer_files.update(DESTINATION)


if __name__ == "__main__":
    main()
