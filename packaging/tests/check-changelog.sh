#!/bin/sh
# The generated Debian changelog (test packaging_changelog): dpkg-parsechangelog reads it without a warning,
# it has one entry per "## " section of CHANGELOG.md, and the newest released entry is the project's version
# (or the one before an UNRELEASED entry).
#   check-changelog.sh CHANGELOG.md GENERATED VERSION
set -eu
markdown=$1 generated=$2 version=$3
sections=$(grep -c '^## ' "$markdown")
warnings=$(dpkg-parsechangelog -l "$generated" --all -S Version 2>&1 >/dev/null)
[ -z "$warnings" ] || { echo "dpkg-parsechangelog warns: $warnings"; exit 1; }
entries=$(dpkg-parsechangelog -l "$generated" --all --format rfc822 | grep -c "^Version:")
[ "$entries" -eq "$sections" ] || { echo "$entries entries for $sections sections of $markdown"; exit 1; }
newest=$(dpkg-parsechangelog -l "$generated" -S Version)
distribution=$(dpkg-parsechangelog -l "$generated" -S Distribution)
case "$distribution:$newest" in
  "UNRELEASED:$version" | "UNRELEASED:$version+next" | "unstable:$version") ;;
  *) echo "newest entry $newest ($distribution) for project version $version"; exit 1 ;;
esac
echo "changelog: $entries entries, newest $newest ($distribution)"
