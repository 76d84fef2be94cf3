#!/bin/sh
# Checks a generated man page against the binary it documents (a test; packaging/CMakeLists.txt adds it):
# every option listed by NAME --help and by each subcommand's --help is in the page, each subcommand has its
# section, and man(1) formats the page without a warning.
#   check-manpage.sh BINARY NAME PAGE
set -eu
binary=$1 name=$2 page=$3
[ -s "$page" ] || { echo "check-manpage: no page $page" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8 "$binary" --help </dev/null >"$tmp/top"
subcommands=$(awk -v name="$name" '
  /^Usage:/ { usage = 1; sub(/^Usage:/, "") }
  usage && /^$/ { exit }
  usage && $1 == name && $2 ~ /^[a-z][a-z0-9-]*$/ { print $2 }
' "$tmp/top")
failed=0
: >"$tmp/all"
for command in "" $subcommands; do
  if [ -n "$command" ]; then
    grep -qF ".SS \"$name $command\"" "$page" || { echo "check-manpage: no section for $name $command"; failed=1; }
    LC_ALL=C.UTF-8 "$binary" "$command" --help </dev/null >>"$tmp/all"
  else
    cat "$tmp/top" >>"$tmp/all"
  fi
done
# Options as the help lists them: "  -o, --output <FILE>" lines, and any --word in the usage lines.
options=$(sed -n 's/^  \(-[^ ].*\)$/\1/p; s/^\(Usage:\| \{4,\}\)\(.*\)$/\2/p' "$tmp/all" |
  grep -oE '(^|[ ,\[])--?[a-zA-Z0-9][a-zA-Z0-9-]*' | sed 's/^[ ,\[]//' | sort -u)
[ -n "$options" ] || { echo "check-manpage: no option found in $name --help"; failed=1; }
count=0
for option in $options; do
  escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
  count=$((count + 1))
  grep -q -- "$escaped" "$page" || { echo "check-manpage: $option is in --help but not in $page"; failed=1; }
done
if command -v man >/dev/null; then
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null || true)
  [ -z "$warnings" ] || { echo "check-manpage: man warns: $warnings"; failed=1; }
fi
[ $failed -eq 0 ] && echo "check-manpage: $page has all $count options of $name and its subcommands: $(echo "$subcommands" | tr "\n" " ")"
exit $failed
