#!/usr/bin/env bash
# Creates .venv with Python 3.11+ and installs the pinned requirements given as $1
# (requirements.txt or requirements-dev.txt). Skips the install when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
req="${1:-requirements.txt}"

python_bin=""
for candidate in python3.11 python3.12 python3.13 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    python_bin="$candidate"
    break
  fi
done
if [ -z "$python_bin" ]; then
  echo "Python 3.11 oder neuer wird benötigt (python3.11 nicht gefunden)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$req")"
wanted="$(cat "$req" requirements.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$req"
  echo "$wanted" > "$stamp"
fi
