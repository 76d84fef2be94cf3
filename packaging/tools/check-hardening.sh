#!/usr/bin/env bash
# Checks every ELF file in a .deb for what Debian's hardening asks (./scripts/package --check runs it):
# full RELRO (GNU_RELRO and BIND_NOW), no RPATH or RUNPATH, no .comment section, and fortified libc calls
# (_chk symbols from -D_FORTIFY_SOURCE=2). Prints one line per binary; exits 1 when any is missing.
#   check-hardening.sh PACKAGE.deb
set -euo pipefail
deb=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dpkg-deb -x "$deb" "$dir"
failed=0
while IFS= read -r -d '' file; do
  [[ $(head -c 4 "$file" | od -An -c | tr -d ' ') == 177ELF ]] || continue
  problems=()
  # Whole outputs first: grep -q closing a pipe early would fail it under pipefail.
  segments=$(readelf -lW "$file") dynamic=$(readelf -dW "$file") sections=$(readelf -SW "$file")
  symbols=$(readelf -W --dyn-syms "$file")
  grep -q GNU_RELRO <<<"$segments" || problems+=("no GNU_RELRO (-z relro)")
  grep -qE 'BIND_NOW|FLAGS.*\bNOW\b' <<<"$dynamic" || problems+=("no BIND_NOW (-z now)")
  if grep -qE '\((RPATH|RUNPATH)\)' <<<"$dynamic"; then
    problems+=("$(grep -E '\((RPATH|RUNPATH)\)' <<<"$dynamic" | sed 's/.*\[\(.*\)\]/RUNPATH \1/')")
  fi
  grep -qF ' .comment' <<<"$sections" && problems+=(".comment section left")
  grep -q '__[a-z_]*_chk' <<<"$symbols" || problems+=("no fortified calls (_FORTIFY_SOURCE)")
  name=${file#"$dir"}
  if [[ ${#problems[@]} -eq 0 ]]; then
    echo "hardening ok: $name"
  else
    failed=1
    for p in "${problems[@]}"; do echo "hardening FAILED: $name: $p"; done
  fi
done < <(find "$dir" -type f -print0)
exit $failed
