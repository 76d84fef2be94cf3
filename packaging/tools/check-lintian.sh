#!/usr/bin/env bash
# Runs lintian on a .deb (./scripts/package --check runs it) and prints every tag it reports with the reason
# REASONS gives for it (lines "tag: reason"; # starts a comment). Fails on any error, and on any warning that
# has no reason: a new warning is either fixed or explained there.
#   check-lintian.sh PACKAGE.deb REASONS
set -euo pipefail
deb=$1 reasons=$2
echo "lintian $(lintian --version | awk '{print $2}') on $(basename "$deb"):"
# lintian's own exit status is ignored: the tags are judged below. As root it warns that it should not be.
output=$(nice lintian --display-info --pedantic --display-experimental --fail-on none "$deb" 2>&1 | grep -v 'running with root privileges' || true)
awk -v reasons="$reasons" '
  BEGIN {
    while ((getline line < reasons) > 0) {
      if (line ~ /^[ \t]*(#|$)/) continue
      tag = line; sub(/:.*/, "", tag); gsub(/[ \t]/, "", tag)
      text = line; sub(/^[^:]*:[ \t]*/, "", text)
      reason[tag] = text
    }
  }
  /^[EWIPXCON]: / {
    level = substr($0, 1, 1); tag = $3
    print $0
    if (tag in reason) print "    reason: " reason[tag]
    else if (level == "W") { print "    NO REASON in " reasons ": fix it or say why it stays"; unexplained++ }
    if (level == "E") errors++
    if (level == "W") warnings++
    next
  }
  NF { print }
  END {
    printf "lintian: %d error(s), %d warning(s), %d without a reason\n", errors, warnings, unexplained
    exit (errors > 0 || unexplained > 0) ? 1 : 0
  }
' <<<"$output"
