# Shared set-up for ./scripts/run and ./scripts/test: install what is missing, then configure and build.
# Sourced, not executed. Callers set BUILD_DIR (default build) and CMAKE_EXTRA (optional).

BATCHWATCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Debian 12 packages the build, the tests and the GUI need. Kept in one list so that run and test agree.
BATCHWATCH_DEBS=(
  g++ cmake ninja-build pkg-config ca-certificates
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libgl-dev
  qt6-httpserver-dev qt6-websockets-dev
  qt6-svg-dev qt6-charts-dev libqt6opengl6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qtkeychain-qt6-dev qt6-qpa-plugins libsimdjson-dev libsqlite3-dev
  dbus gnome-keyring fonts-dejavu-core
  desktop-file-utils appstream dpkg-dev
)

bw_missing_debs() {
  local missing=() p status
  for p in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$p")
  done
  printf '%s\n' "${missing[@]}"
}

bw_install_debs() {
  local missing
  mapfile -t missing < <(bw_missing_debs "$@")
  [[ ${#missing[@]} -eq 0 || -z ${missing[0]} ]] && return 0
  echo "batchwatch: installing ${missing[*]}" >&2
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "batchwatch: need root or sudo to install ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

bw_build() {
  local build_dir=${BUILD_DIR:-$BATCHWATCH_ROOT/build}
  local generator=()
  # Keep whatever generator an existing build folder was made with.
  [[ -f $build_dir/CMakeCache.txt ]] || generator=(-G Ninja)
  cmake -S "$BATCHWATCH_ROOT" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} \
    ${CMAKE_EXTRA:-} >/dev/null || return 1
  cmake --build "$build_dir" --parallel "$(nproc)"
}

# Node.js runs the official openai SDK against the simulator. Whatever node/npm the machine has is kept
# (Debian's npm package would conflict with a NodeSource nodejs that bundles its own).
bw_install_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  bw_install_debs nodejs npm
}

bw_install_sdk_test_deps() {
  local dir=$BATCHWATCH_ROOT/tests/sdk
  if [[ ! -d $dir/node_modules/openai || ! -d $dir/node_modules/@anthropic-ai/sdk || ! -d $dir/node_modules/@google/genai ||
        $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
