#!/bin/sh
# Writes CHANGELOG.md as a Debian changelog (the format lintian and dpkg-parsechangelog read): one entry per
# "## VERSION (YYYY-MM-DD)" section, newest first, each bullet a "*" item wrapped under 80 columns.
#   debchangelog.sh CHANGELOG.md PACKAGE VERSION MAINTAINER OUTPUT
# The package is native (its version has no Debian revision: upstream builds it), so this file is installed
# as /usr/share/doc/PACKAGE/changelog.gz. An "## Unreleased" section becomes the entry of VERSION itself
# when no released section has that version, else "VERSION+next"; it is marked UNRELEASED, as dch does, and
# dated SOURCE_DATE_EPOCH (default: the date of the newest released section, so builds are reproducible).
set -eu
[ $# -eq 5 ] || { echo "usage: debchangelog.sh CHANGELOG.md PACKAGE VERSION MAINTAINER OUTPUT" >&2; exit 2; }
changelog=$1 package=$2 version=$3 maintainer=$4 output=$5

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
released=$(sed -n 's/^## \([0-9][^ ]*\) (\([0-9-]*\)).*$/\1 \2/p' "$changelog")
[ -n "$released" ] || { echo "debchangelog.sh: no \"## VERSION (YYYY-MM-DD)\" section in $changelog" >&2; exit 1; }
newest_date=$(echo "$released" | head -1 | cut -d' ' -f2)
if echo "$released" | cut -d' ' -f1 | grep -qxF "$version"; then
  unreleased_version=$version+next
else
  unreleased_version=$version
fi
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  unreleased_date=$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")
else
  unreleased_date=$(LC_ALL=C date -u -R -d "$newest_date")
fi

# Sections to entries; bullets (and their continuation lines) to items; other prose to items of its own.
awk -v package="$package" -v maintainer="$maintainer" -v unreleased_version="$unreleased_version" \
    -v unreleased_date="$unreleased_date" '
  function flush_item(   words, n, i, line) {
    if (item == "") return
    n = split(item, words, /[ \t]+/)
    line = "  *"
    for (i = 1; i <= n; i++) {
      if (words[i] == "") continue
      if (length(line) + 1 + length(words[i]) > 78 && line != "  *" && line != "   ") {
        print line; line = "   "
      }
      line = line " " words[i]
    }
    print line
    item = ""
  }
  function close_entry() {
    flush_item()
    if (open) { print ""; print " -- " maintainer "  " date; print "" }
    open = 0
  }
  function start_entry(version, distribution, when) {
    close_entry()
    print package " (" version ") " distribution "; urgency=medium"
    print ""
    date = when; open = 1
  }
  /^## Unreleased/ { start_entry(unreleased_version, "UNRELEASED", unreleased_date); next }
  /^## [0-9]/ {
    v = $2; d = $3; gsub(/[()]/, "", d)
    cmd = "LC_ALL=C date -u -R -d " d; cmd | getline when; close(cmd)
    start_entry(v, "unstable", when); next
  }
  !open { next }
  /^- / { flush_item(); item = substr($0, 3); next }
  /^$/ { flush_item(); next }
  { line = $0; sub(/^ +/, "", line); item = item == "" ? line : item " " line }
  END { close_entry() }
' "$changelog" | sed -e '${/^$/d;}' >"$tmp"
mv "$tmp" "$output"
