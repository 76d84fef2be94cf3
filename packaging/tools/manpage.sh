#!/bin/sh
# Writes a man page from what a binary prints for --help, so the page and --help cannot drift: a new option or
# subcommand appears in the page at the next build. Runs at build time (packaging/CMakeLists.txt).
#   manpage.sh BINARY NAME VERSION SUMMARY SEE_ALSO OUTPUT     (SEE_ALSO: names of other pages, space-separated)
# Subcommands are the lowercase words after NAME on the top-level help's "Usage:" lines
# ("batchwatch export [OPTIONS] ..."); each one's own --help becomes a subsection of one page covering all.
# Help text in Qt's QCommandLineParser layout ("Usage:", description, "Options:" with two-space indented
# names and aligned descriptions) becomes SYNOPSIS, DESCRIPTION and OPTIONS; any other text is kept line by line.
set -eu
[ $# -eq 6 ] || { echo "usage: manpage.sh BINARY NAME VERSION SUMMARY SEE_ALSO OUTPUT" >&2; exit 2; }
binary=$1 name=$2 version=$3 summary=$4 see_also=$5 output=$6

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A fixed locale and no terminal: the same text at every build.
LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen "$binary" --help </dev/null >"$tmp/top" ||
  { echo "manpage.sh: $binary --help failed" >&2; exit 1; }
subcommands=$(awk -v name="$name" '
  /^Usage:/ { usage = 1; sub(/^Usage:/, "") }
  usage && /^$/ { exit }
  usage && $1 == name && $2 ~ /^[a-z][a-z0-9-]*$/ { print $2 }
' "$tmp/top")
for command in $subcommands; do
  LC_ALL=C.UTF-8 "$binary" "$command" --help </dev/null >"$tmp/sub-$command" ||
    { echo "manpage.sh: $binary $command --help failed" >&2; exit 1; }
done

# roff for one help text. mode "top": SYNOPSIS/DESCRIPTION/OPTIONS sections; mode "sub": one .SS subsection.
# Prose lines are joined into paragraphs (the help wraps them for a terminal), except after a line that ends a
# sentence or a label ("." or ":"), where the help's own line break is kept.
render() {
  awk -v mode="$1" -v name="$name" -v command="${2:-}" '
    function esc(s) {
      gsub(/\\/, "\\e", s)
      gsub(/-/, "\\-", s)
      if (substr(s, 1, 1) == "." || substr(s, 1, 1) == "\047") s = "\\&" s
      return s
    }
    function paragraph() { if (!at_paragraph) print ".PP"; at_paragraph = 1 }
    # "-o, --output <FILE>": names in bold, the value in italics.
    function option_names(text,   parts, n, i, item, value, out) {
      n = split(text, parts, /, /)
      out = ""
      for (i = 1; i <= n; i++) {
        item = parts[i]; value = ""
        if (match(item, / </)) { value = substr(item, RSTART + 1); item = substr(item, 1, RSTART - 1) }
        out = out (i > 1 ? ", " : "") "\\fB" esc(item) "\\fR" (value != "" ? " \\fI" esc(value) "\\fR" : "")
      }
      return out
    }
    function flush_option() {
      if (opt != "") { print ".TP"; print option_names(opt); print esc(desc); at_paragraph = 0 }
      opt = ""; desc = ""
    }
    function heading(text) {
      if (mode == "top") { print ".SH " toupper(text); at_paragraph = 1 }
      else { paragraph(); print text ":"; at_paragraph = 0 }
    }
    BEGIN { state = "usage"; text_started = 0; at_paragraph = 1 }
    # The program path Qt prints after "Usage:" is the build tree'\''s: keep only the name.
    state == "usage" && /^Usage:/ {
      line = $0
      sub(/^Usage: */, "", line)
      sub(/^[^ ]*\//, "", line)
      if (mode == "top") print ".SH SYNOPSIS"
      else print ".SS \"" name " " command "\""
      print ".nf"
      print esc(line)
      state = "usage-more"
      next
    }
    state == "usage-more" && /^ +[^ ]/ { line = $0; sub(/^ +/, "", line); print esc(line); next }
    state == "usage-more" { print ".fi"; at_paragraph = 0; state = "text" }
    state == "text" && /^(Options|Arguments):$/ {
      heading($0 == "Options:" ? "Options" : "Arguments")
      state = "options"; next
    }
    state == "options" && /^  [^ ]/ {
      flush_option()
      line = $0; sub(/^  /, "", line)
      if (match(line, /  +/)) { opt = substr(line, 1, RSTART - 1); desc = substr(line, RSTART + RLENGTH) }
      else opt = line
      next
    }
    state == "options" && /^   +[^ ]/ { line = $0; sub(/^ +/, "", line); desc = desc " " line; next }
    state == "options" { flush_option(); state = "text" }
    state == "text" && /^$/ { if (text_started) paragraph(); next }
    state == "text" {
      if (!text_started && mode == "top") { print ".SH DESCRIPTION"; at_paragraph = 1 }
      text_started = 1
      print esc($0)
      if ($0 ~ /[.:]$/) print ".br"
      at_paragraph = 0
      next
    }
    END { if (state == "usage-more") print ".fi"; flush_option() }
  ' "$3"
}

{
  upper=$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]' | sed 's/-/\\-/g')
  printf '.TH %s 1 "" "%s %s" "User Commands"\n' "$upper" "$name" "$version"
  printf '.SH NAME\n%s \\- %s\n' "$(printf '%s' "$name" | sed 's/-/\\-/g')" "$summary"
  render top "" "$tmp/top"
  if [ -n "$subcommands" ]; then
    echo ".SH COMMANDS"
    for command in $subcommands; do
      render sub "$command" "$tmp/sub-$command"
    done
  fi
  if [ -n "$see_also" ]; then
    echo ".SH SEE ALSO"
    first=1
    for other in $see_also; do
      [ $first -eq 1 ] || printf ',\n'
      printf '.BR %s (1)' "$(printf '%s' "$other" | sed 's/-/\\-/g')"
      first=0
    done
    printf '\n'
  fi
} >"$tmp/page"
mv "$tmp/page" "$output"
