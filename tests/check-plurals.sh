#!/bin/sh
# Every tr() text with %n has its English singular and plural in resources/translations/batchwatch_en.ts, so
# the window says "1 batch" and "2 batches", never "batch(es)". After adding one:
#   lupdate -pluralonly -no-obsolete -locations none -source-language en -target-language en \
#       src/app src/core src/models ui -ts resources/translations/batchwatch_en.ts
# then write its two forms in the file (Qt Linguist, or by hand).
set -eu
lupdate=$1
root=$2
tracked=$root/resources/translations/batchwatch_en.ts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# lupdate's notes about classes it resolves late go to a file, shown only when it fails.
if ! "$lupdate" -silent -pluralonly -no-obsolete -locations none -source-language en -target-language en \
    "$root/src/app" "$root/src/core" "$root/src/models" "$root/ui" -ts "$tmp/now.ts" 2>"$tmp/log"; then
    cat "$tmp/log" >&2
    exit 1
fi
sources() { tr '\n' '\r' <"$1" | grep -o '<source>[^<]*</source>' | sort -u; }
sources "$tmp/now.ts" >"$tmp/now"
sources "$tracked" >"$tmp/tracked"
missing=$(comm -23 "$tmp/now" "$tmp/tracked")
if [ -n "$missing" ]; then
    printf 'plural texts without their English forms in %s:\n%s\n' "$tracked" "$missing" >&2
    exit 1
fi
if grep -q -e 'type="unfinished"' -e '<numerusform></numerusform>' -e '<numerusform/>' "$tracked"; then
    printf 'unfinished English plural forms in %s\n' "$tracked" >&2
    exit 1
fi
echo "every plural text has its English forms ($(wc -l <"$tmp/now"))"
