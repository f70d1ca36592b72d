"""Keep every translation in step with the English book (what `make translations` runs).

    python -m tools.translation                 # every language with a catalog in locales/
    python -m tools.translation --language ja   # also start (or update) Japanese
    python -m tools.translation --no-execute    # write the sources, run no notebook

For each language: extract the English messages, merge them into `locales/<language>.po`
(changed English makes its translation fuzzy), compile the course package's messages
(`course/locales/<language>/LC_MESSAGES/course.mo`), write the translated notebooks and pages
under `<language>/`, execute the notebooks whose code changed, and print the coverage.
"""

import argparse
import os
import sys

from . import catalog, generate



def update(language, execute=True):
    """Bring one language up to date; return its coverage counts."""
    merged = catalog.update(language)
    catalog.compile_runtime(merged, language)
    stale = generate.write_all(language)
    if execute and stale:
        from tools.notebooks.execute import execute as run, kernel_environment

        os.environ.update(kernel_environment())
        for path in stale:
            print(f"{path.relative_to(catalog.ROOT)}: executed in {run(path):.1f} s", flush=True)
    elif stale:
        print(f"{language}: {len(stale)} notebooks need executing (run without --no-execute)")
    return catalog.coverage(merged)


def report(language, counts):
    total = sum(counts.values())
    share = 100 * counts["translated"] / total if total else 100
    return (f"{language}: {counts['translated']} of {total} messages translated ({share:.1f}%), "
            f"{counts['fuzzy']} fuzzy, {counts['missing']} missing")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", action="append", default=[],
                        help="a language code (ko, ja, es...); a new one gets an empty catalog")
    parser.add_argument("--no-execute", action="store_true", help="write the sources only")
    args = parser.parse_args()
    languages = sorted(set(catalog.languages()) | set(args.language))
    if not languages:
        parser.error("no catalog in locales/: name a language with --language")
    for language in languages:
        print(report(language, update(language, execute=not args.no_execute)), flush=True)


if __name__ == "__main__":
    main()
