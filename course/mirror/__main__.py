"""python -m course.mirror [DIR]: build the offline checkpoint mirror and print how to use it."""

import argparse
import time

from . import default_dir, ensure, environment


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course.mirror", description=__doc__)
    parser.add_argument("dir", nargs="?", default=None,
                        help=f"where to build it (default: {default_dir()})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    mirror_dir = ensure(args.dir)
    print(f"Done in {time.perf_counter() - started:.1f} s. Load the checkpoints offline with:")
    for key, value in environment(mirror_dir).items():
        print(f"  export {key}={value}")


if __name__ == "__main__":
    main()
