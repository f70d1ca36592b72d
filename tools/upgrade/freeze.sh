#!/usr/bin/env bash
# Regenerate requirements.txt (the full pinned set) from requirements.in in a throw-away venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=$(mktemp -d)
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet -r requirements.in
{
    echo "# Generated from requirements.in by tools/upgrade/freeze.sh or make upgrade: the full pinned set, installed by make."  # as tools/upgrade/pins.py writes it
    # The CPU build's local version label is dropped so that pip takes the CPU wheel on disk.
    "$venv/bin/pip" freeze | sed 's/^torch==\(.*\)+cpu$/torch==\1/'
} > requirements.txt
rm -rf "$venv"
