#!/usr/bin/env bash
# Installs a .deb as a new user of a minimal Debian 12 would, with no Recommends, and uses it
# (./scripts/package --check-install runs it; root only, needs Debian's mirror, takes minutes):
#   1. a fresh copy of a minimal bookworm (debootstrap --variant=minbase, made once and kept in
#      $BATCHWATCH_CHROOT_BASE, default /var/cache/batchwatch/bookworm-minbase);
#   2. apt-get install --no-install-recommends of the .deb;
#   3. as an ordinary user: batchwatch-sim, then batchwatch export twice against it. Fails on any warning (the
#      cache's "QSQLITE driver not loaded" among them) or when no cache file was written; the dashboard starts
#      offscreen, the xcb platform plugin loads, the desktop entry, icons, man pages, shell completions,
#      copyright and changelog are in place;
#   4. apt-get purge and autoremove: the same packages as before, and none of the package's files left.
#   check-install.sh PACKAGE.deb
set -euo pipefail
deb=$(realpath "$1")
[[ $(id -u) -eq 0 ]] || { echo "check-install: needs root (debootstrap, chroot)" >&2; exit 1; }
base=${BATCHWATCH_CHROOT_BASE:-/var/cache/batchwatch/bookworm-minbase}
mirror=${BATCHWATCH_MIRROR:-http://deb.debian.org/debian}

if [[ ! -f $base/etc/debian_version ]]; then
  echo "check-install: debootstrap of a minimal Debian 12 into $base (once)"
  rm -rf "$base"
  mkdir -p "$(dirname "$base")"
  nice debootstrap --variant=minbase bookworm "$base" "$mirror" >"$base.log" 2>&1 ||
    { tail -20 "$base.log" >&2; exit 1; }
fi
root=$(mktemp -d /tmp/batchwatch-install.XXXXXX)
cleanup() {
  umount "$root/dev/pts" 2>/dev/null || true
  umount "$root/proc" 2>/dev/null || true
  # Never delete through a mount that is still there.
  if mountpoint -q "$root/proc" || mountpoint -q "$root/dev/pts"; then
    echo "check-install: $root still has mounts; left in place" >&2
  else
    rm -rf "$root"
  fi
  rm -f "$root.before" "$root.after" "$root.files"
}
trap cleanup EXIT
cp -a "$base/." "$root/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mkdir -p "$root/dev/pts"
mount -t devpts devpts "$root/dev/pts" # apt logs the maintainer scripts' output through a terminal
# No init system in a chroot: services are not to be started (the standard policy-rc.d of build chroots).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
cp "$deb" "$root/tmp/batchwatch.deb"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
packages() { in_root dpkg-query -W -f='${Package}\n' | sort; }

in_root apt-get update -qq
packages >"$root.before"
echo "== apt-get install --no-install-recommends ./$(basename "$deb")"
in_root nice apt-get install -y -q --no-install-recommends /tmp/batchwatch.deb | grep -E '^(The following|  |[0-9]+ upgraded)'
in_root dpkg -L batchwatch | sort >"$root.files"

echo "== as a new user: batchwatch-sim, then batchwatch export twice (the second from the cache)"
in_root useradd --create-home tester
cat >"$root/tmp/use.sh" <<'EOF'
set -eu
cd "$HOME"
batchwatch-sim --batches 250 --port 0 >sim.out 2>&1 &
sim=$!
trap 'kill $sim' EXIT
for _ in $(seq 100); do grep -q listening sim.out && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' sim.out)
echo "batchwatch-sim: $url"
export OPENAI_API_KEY=sk-check-install OPENAI_BASE_URL=$url
failed=0
for run in cold warm; do
  batchwatch export --format jsonl -o "$run.jsonl" 2>"$run.err" || { echo "export ($run) failed"; failed=1; }
  echo "export ($run): $(wc -l <"$run.jsonl") batches; stderr: $(tr '\n' ' ' <"$run.err")"
  ! grep -qiE 'warning|QSQLITE|driver' "$run.err" || failed=1
done
cache=$(find "$HOME/.cache" -name '*.sqlite' -size +0)
echo "cache: ${cache:-NONE}"
[ -n "$cache" ] || failed=1
batchwatch list --max 3 || failed=1
# The bash completion, as bash-completion loads it: `batchwatch re<TAB>`.
offered=$(bash -c '. /usr/share/bash-completion/completions/batchwatch
  COMP_WORDS=(batchwatch re); COMP_CWORD=1; _batchwatch; echo "${COMPREPLY[*]}"')
echo "bash completion of 'batchwatch re': $offered"
[ "$offered" = "results retry" ] || failed=1
# The dashboard: starts and stays up offscreen (killed after 5 s: exit 124 means it ran).
set +e
QT_QPA_PLATFORM=offscreen timeout 5 batchwatch --demo >gui.out 2>&1
status=$?
set -e
echo "dashboard offscreen: exit $status (124: still running after 5 s) $(head -c 300 gui.out)"
[ $status -eq 124 ] || failed=1
# No X server here: the xcb plugin must load and then find no display (not "could not find the plugin").
QT_QPA_PLATFORM=xcb DISPLAY=:99 timeout 5 batchwatch --demo >xcb.out 2>&1 || true
echo "dashboard on xcb without X: $(grep -m1 -iE 'plugin|display' xcb.out)"
grep -q 'could not connect to display' xcb.out || failed=1
exit $failed
EOF
chroot --userspec=tester:tester "$root" env -i HOME=/home/tester PATH=/usr/bin:/bin LANG=C.UTF-8 sh /tmp/use.sh ||
  { echo "check-install: FAILED using the installed package" >&2; exit 1; }

echo "== files in place"
missing=0
for f in /usr/bin/batchwatch /usr/bin/batchwatch-sim /usr/libexec/batchwatch/batchwatch-gui \
  /usr/share/applications/io.github.batchwatch.Batchwatch.desktop \
  /usr/share/metainfo/io.github.batchwatch.Batchwatch.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/io.github.batchwatch.Batchwatch.svg \
  /usr/share/icons/hicolor/48x48/apps/io.github.batchwatch.Batchwatch.png \
  /usr/share/man/man1/batchwatch.1.gz /usr/share/man/man1/batchwatch-sim.1.gz \
  /usr/share/bash-completion/completions/batchwatch /usr/share/zsh/vendor-completions/_batchwatch \
  /usr/share/doc/batchwatch/copyright /usr/share/doc/batchwatch/changelog.gz; do
  if [[ -e $root$f ]]; then echo "ok $f"; else echo "MISSING $f"; missing=1; fi
done
[[ $missing -eq 0 ]] || exit 1

echo "== apt-get purge batchwatch, autoremove"
in_root apt-get purge -y -q batchwatch >/dev/null
# apt keeps what an installed package recommends (apt itself recommends ca-certificates): not ours to judge.
in_root apt-get autoremove --purge -y -q -o APT::AutoRemove::RecommendsImportant=false \
  -o APT::AutoRemove::SuggestsImportant=false >/dev/null
packages >"$root.after"
left=0
if [[ -n $(comm -13 "$root.before" "$root.after") ]]; then
  echo "check-install: packages left after purge and autoremove: $(comm -13 "$root.before" "$root.after" | xargs)" >&2
  left=1
fi
while IFS= read -r f; do
  # Directories shared with other packages (/usr/share/man/man1 ...) stay; our own must go.
  [[ -d $root$f && $f != *batchwatch* ]] && continue
  if [[ -e $root$f || -L $root$f ]]; then echo "left behind: $f"; left=1; fi
done <"$root.files"
[[ $left -eq 0 ]] || exit 1
echo "check-install: installed with no Recommends, used, removed without a trace"
