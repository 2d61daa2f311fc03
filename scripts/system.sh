#!/usr/bin/env bash
# The Debian packages the app needs beside Python: Chromium draws the charts of the PDF report (kaleido) and runs
# the browser tests; Pango and the DejaVu fonts let WeasyPrint lay out the report; poppler-utils (pdftoppm) turns
# report pages into pictures (tests, docs/bericht-seite-*.png). Installs the missing ones when run as root with
# apt-get, otherwise says in German what to install.
# Usage: bash scripts/system.sh [--strict] PACKAGE...   --strict: exit 1 when a package stays missing.
set -euo pipefail
strict=0
if [ "${1:-}" = "--strict" ]; then
  strict=1
  shift
fi

installed() {
  if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
  else  # not Debian: only a program can be looked for
    command -v "$1" >/dev/null 2>&1
  fi
}

missing=()
for package in "$@"; do
  installed "$package" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    exit 0
  fi
fi
echo "Es fehlen Systempakete für den PDF-Bericht und die Browser-Tests: sudo apt-get install ${missing[*]}" >&2
[ "$strict" = "1" ] && exit 1
exit 0
