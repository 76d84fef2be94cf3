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
  readelf -lW "$file" | grep -q GNU_RELRO || problems+=("no GNU_RELRO (-z relro)")
  readelf -dW "$file" | grep -qE 'BIND_NOW|FLAGS.*\bNOW\b' || problems+=("no BIND_NOW (-z now)")
  if readelf -dW "$file" | grep -qE '\((RPATH|RUNPATH)\)'; then
    problems+=("$(readelf -dW "$file" | grep -E '\((RPATH|RUNPATH)\)' | sed 's/.*\[\(.*\)\]/RUNPATH \1/')")
  fi
  readelf -SW "$file" | grep -qF ' .comment' && problems+=(".comment section left")
  readelf -W --dyn-syms "$file" | grep -q '__[a-z_]*_chk' || problems+=("no fortified calls (_FORTIFY_SOURCE)")
  name=${file#"$dir"}
  if [[ ${#problems[@]} -eq 0 ]]; then
    echo "hardening ok: $name"
  else
    failed=1
    for p in "${problems[@]}"; do echo "hardening FAILED: $name: $p"; done
  fi
done < <(find "$dir" -type f -print0)
exit $failed
