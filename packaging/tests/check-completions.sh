#!/usr/bin/env bash
# Checks the bash and zsh completions against the binary they complete (a test; packaging/CMakeLists.txt adds
# it), so they cannot drift from it:
#   - bash, with the script sourced: `batchwatch re<TAB>` offers results and retry, `batchwatch <TAB>` every
#     command the top-level --help lists, and `batchwatch COMMAND -<TAB>` exactly the options COMMAND --help
#     lists (none missing, none extra);
#   - zsh (when installed): the script parses, and the specs it hands _arguments for each command name every
#     option of that command's --help (the completion system is stubbed to record them).
#   check-completions.sh BINARY BASH_SCRIPT ZSH_SCRIPT
set -euo pipefail
binary=$1 bash_script=$2 zsh_script=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "check-completions: $*"; failed=1; }

LC_ALL=C.UTF-8 "$binary" --help </dev/null >"$tmp/top"
commands=$(awk '
  /^Usage:/ { usage = 1; sub(/^Usage:/, "") }
  usage && /^$/ { exit }
  usage && $1 == "batchwatch" && $2 ~ /^[a-z][a-z0-9-]*$/ { print $2 }
' "$tmp/top")
[[ -n $commands ]] || fail "no command in $binary --help"

# The options a command's --help lists: the names before the description on "  -x, --xx <V>  ..." lines.
help_options() {
  LC_ALL=C.UTF-8 "$binary" "$1" --help </dev/null |
    awk '/^  -/ { line = substr($0, 3); sub(/  .*/, "", line); print line }' |
    grep -oE -- '(^|[ ,])--?[a-zA-Z0-9][a-zA-Z0-9-]*' | sed 's/^[ ,]//' | sort -u
}

# What the bash completion offers for the words given (the last one being completed).
bash_complete() {
  bash --norc --noprofile -c '
    source "$1"; shift
    function=$(complete -p batchwatch | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    "$function" batchwatch "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"
  ' bash "$bash_script" "$@" | sort -u
}

offered=$(bash_complete batchwatch re | xargs)
[[ $offered == "results retry" ]] || fail "bash: 'batchwatch re<TAB>' offers '$offered', not 'results retry'"
all=$(bash_complete batchwatch "" | xargs)
for command in $commands; do
  [[ " $all " == *" $command "* ]] || fail "bash: 'batchwatch <TAB>' does not offer $command"
done
[[ $(bash_complete batchwatch results --only failed,no | xargs) == "failed,not-run" ]] ||
  fail "bash: 'batchwatch results --only failed,no<TAB>' does not complete to failed,not-run"

zsh_specs() { :; }
if command -v zsh >/dev/null; then
  zsh -n "$zsh_script" || fail "zsh: $zsh_script does not parse"
  # The specs _arguments receives for `batchwatch COMMAND <TAB>`, one per line.
  zsh_specs() {
    zsh -f -c '
      _arguments() { while [[ $1 == -[sSCAW] ]]; do shift; done; local a; for a in "$@"; do print -r -- "$a"; done }
      _describe() { :; }
      words=(batchwatch "$2" ""); CURRENT=3
      source "$1"
    ' zsh "$zsh_script" "$1"
  }
else
  echo "check-completions: zsh not installed; its script not checked"
fi

count=0
for command in $commands; do
  help_options "$command" >"$tmp/help"
  [[ -s $tmp/help ]] || fail "no option in $binary $command --help"
  bash_complete batchwatch "$command" - >"$tmp/bash"
  while read -r option; do
    count=$((count + 1))
    grep -qxF -- "$option" "$tmp/bash" || fail "bash: $command $option is in --help but not offered"
  done <"$tmp/help"
  while read -r option; do
    grep -qxF -- "$option" "$tmp/help" || fail "bash: $command $option is offered but not in --help"
  done <"$tmp/bash"
  if command -v zsh >/dev/null; then
    # "(-o --output)-o[...]:file:_files" -> "-o"; "*--metadata[...]" -> "--metadata"; ":batch id:" -> nothing.
    zsh_specs "$command" | sed -E 's/^\([^)]*\)//; s/^\*//' | grep -E '^-' | sed -E 's/(\[|:|=).*$//' |
      sort -u >"$tmp/zsh"
    while read -r option; do
      grep -qxF -- "$option" "$tmp/zsh" || fail "zsh: $command $option is in --help but not in its specs"
    done <"$tmp/help"
    while read -r option; do
      grep -qxF -- "$option" "$tmp/help" || fail "zsh: $command $option is in its specs but not in --help"
    done <"$tmp/zsh"
  fi
done
[[ $failed -eq 0 ]] && echo "check-completions: all $count options of: $(echo "$commands" | xargs)"
exit $failed
