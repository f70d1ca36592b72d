"""Build each translated book into the English website's folder: `_build/html/<language>/`.

    python -m tools.translation.build           # every language with a catalog (make book runs it)
    python -m tools.translation.build --all     # rebuild every page, not only the changed ones

The same Jupyter Book build as `jupyter-book build . --warningiserror --nitpick --keep-going`
(its own `build_sphinx`, with the same options), only with the output folder inside the English
site, so that one folder is the whole website and `/ko/` sits beside the English pages.
Run after the English build (`make book`), which writes the shared JavaScript assets.
"""

import argparse
import sys
import time

from jupyter_book.sphinx import build_sphinx

from . import catalog

HTML = catalog.ROOT / "_build" / "html"


def build(language, force_all=False, builder="html", out=None):
    """Build one translated book (into `out`, by default its website folder); return Sphinx's
    status (0 when it built without warnings). tools/pdf/build.py builds its single page too."""
    source = catalog.ROOT / language
    if not (source / "_config.yml").exists():
        raise SystemExit(f"{language}/_config.yml is missing: run `make translations` first.")
    return build_sphinx(
        source, out or HTML / language, builder=builder, noconfig=True, path_config=str(source / "_config.yml"),
        confoverrides={"external_toc_path": (source / "_toc.yml").as_posix(), "nitpicky": True,
                       "latex_individualpages": False},
        doctreedir=catalog.ROOT / "_build" / f".doctrees-{language}",
        warningiserror=True, keep_going=True, force_all=force_all)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="rebuild every page")
    args = parser.parse_args()
    failed = []
    for language in catalog.languages():
        started = time.perf_counter()
        status = build(language, force_all=args.all)
        print(f"{language}: built into {(HTML / language).relative_to(catalog.ROOT)} "
              f"in {time.perf_counter() - started:.1f} s" if status == 0 else f"{language}: build failed")
        if status != 0:
            failed.append(language)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
