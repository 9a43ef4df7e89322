#!/usr/bin/env bash
# Builds a single-node Kubernetes 1.20.2 from Debian's `kubernetes` source package (vendored, offline) into
# $AIRFLOWASPIRE_K8S_HOME/bin: kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy
# and the pause binary. 10 to 20 minutes on 2 cores, once: a later run finds the binaries and returns.
# Needs root and Debian's apt (installs golang-go, etcd-server, rsync, make, gcc, and dnsmasq-base for the
# cluster DNS up.sh starts).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=eng/test-cluster/common.sh
source "$here/common.sh"

if cluster_binaries_built && command -v dnsmasq >/dev/null; then
    echo "build.sh: Kubernetes $K8S_VERSION is already built in $K8S_BIN"
    exit 0
fi
[[ "$(id -u)" == 0 ]] || { echo "build.sh: run as root (it installs packages with apt-get)." >&2; exit 1; }
command -v apt-get >/dev/null || { echo "build.sh: needs Debian's apt-get (the source comes from Debian)." >&2; exit 1; }

mkdir -p "$K8S_HOME"
exec 9>"$K8S_HOME/build.lock"
flock 9    # a second build of the same folder waits for the first one, then finds its binaries
if cluster_binaries_built && command -v dnsmasq >/dev/null; then
    echo "build.sh: Kubernetes $K8S_VERSION is already built in $K8S_BIN"
    exit 0
fi

started=$SECONDS
missing_packages=()
# What up.sh runs: etcd, and dnsmasq for the cluster DNS (a build made before the cluster had DNS lacks only it).
command -v etcd >/dev/null || missing_packages+=(etcd-server)
command -v dnsmasq >/dev/null || missing_packages+=(dnsmasq-base)
if ! cluster_binaries_built; then
    command -v go >/dev/null || missing_packages+=(golang-go)
    command -v rsync >/dev/null || missing_packages+=(rsync)
    command -v make >/dev/null || missing_packages+=(make)
    command -v gcc >/dev/null || missing_packages+=(gcc libc6-dev)
    [[ -e /usr/share/keyrings/debian-archive-keyring.gpg ]] || missing_packages+=(debian-archive-keyring)
fi
if [[ ${#missing_packages[@]} -gt 0 ]]; then
    echo "build.sh: installing with apt-get: ${missing_packages[*]}"
    install_log="$K8S_HOME/apt-install.log"
    apt_install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_packages[@]}"; }
    # Package lists may be missing or stale on a fresh machine: update once, then try again.
    apt_install >"$install_log" 2>&1 || { apt-get update -qq && apt_install; } >>"$install_log" 2>&1 \
        || { cat "$install_log" >&2; exit 1; }
fi
if cluster_binaries_built; then
    echo "build.sh: Kubernetes $K8S_VERSION is already built in $K8S_BIN"
    exit 0
fi

# The machine's own Debian archive, from its apt sources (never a fixed host).
debian_mirror() {
    local uri
    # deb822 .sources files: the first stanza of Debian's archive (signed by its keyring, or a .../debian URI)
    # that is not the security archive.
    uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk 'BEGIN { RS = ""; FS = "\n" } {
        uris = ""; suites = ""; signed = ""
        for (i = 1; i <= NF; i++) {
            if ($i ~ /^URIs:/) uris = $i
            else if ($i ~ /^Suites:/) suites = $i
            else if ($i ~ /^Signed-By:/) signed = $i
        }
        split(uris, u, /[ \t]+/)
        if (suites ~ /Suites:.*[a-z]/ && suites !~ /-security/ && (signed ~ /debian-archive-keyring/ || u[2] ~ /\/debian\/?$/)) { print u[2]; exit }
    }')"
    # One-line sources.list: the first deb line of a Debian suite.
    [[ -n "$uri" ]] || uri="$(sed -E 's/\[[^]]*\]//' /etc/apt/sources.list 2>/dev/null | awk '$1 == "deb" &&
        $3 ~ /^(buster|bullseye|bookworm|trixie|forky|sid|stable|testing|unstable)(-updates)?$/ { print $2; exit }')"
    echo "$uri"
}
mirror="$(debian_mirror)"
[[ -n "$mirror" ]] || { echo "build.sh: found no Debian archive in /etc/apt/sources.list{,.d}; the source package comes from it." >&2; exit 1; }

work="$K8S_HOME/build"
rm -rf "$work" && mkdir -p "$work/lists/partial" && cd "$work"
# Kubernetes 1.20.2 is bookworm's `kubernetes` source package; a private source list fetches only it.
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $K8S_DEBIAN_SUITE main" >sources.list
apt_private=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=)
echo "build.sh: downloading the kubernetes source package from $mirror ($K8S_DEBIAN_SUITE)"
apt-get "${apt_private[@]}" update -qq >apt.log 2>&1 || { cat apt.log >&2; exit 1; }
apt-get "${apt_private[@]}" source --download-only kubernetes >>apt.log 2>&1 || { cat apt.log >&2; exit 1; }
orig=(kubernetes_*.orig.tar.*)
[[ "${orig[0]}" == *"$K8S_VERSION"* ]] || {
    echo "build.sh: expected Kubernetes $K8S_VERSION from $K8S_DEBIAN_SUITE, got ${orig[0]}." >&2; exit 1; }
mkdir src && tar xf "${orig[0]}" -C src --strip-components=1

# Without git the version would read v0.0.0; the version file gives the binaries the real one.
cat >version.env <<VERSION
KUBE_GIT_VERSION='v$K8S_VERSION'
KUBE_GIT_MAJOR='${K8S_VERSION%%.*}'
KUBE_GIT_MINOR='$(cut -d. -f2 <<<"$K8S_VERSION")'
KUBE_GIT_TREE_STATE='clean'
KUBE_GIT_COMMIT='debian-$(basename "${orig[0]}" | sed 's/^kubernetes_//; s/\.orig\.tar\..*//')'
VERSION
echo "build.sh: building Kubernetes $K8S_VERSION (10 to 20 minutes on 2 cores); its log: $K8S_HOME/make.log"
(cd src && GOPROXY=off GOFLAGS=-mod=vendor GOTOOLCHAIN=local KUBE_GIT_VERSION_FILE="$work/version.env" \
    make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler cmd/kubelet cmd/kube-proxy") \
    >"$K8S_HOME/make.log" 2>&1 || { tail -n 30 "$K8S_HOME/make.log" >&2; exit 1; }

# The pod sandbox image's binary; up.sh imports it as k8s.gcr.io/pause:3.2 (no registry to pull it from).
mkdir bin
cp src/_output/bin/kube-apiserver src/_output/bin/kube-controller-manager src/_output/bin/kube-scheduler \
    src/_output/bin/kubelet src/_output/bin/kube-proxy bin/
gcc -Os -static -o bin/pause src/build/pause/linux/pause.c -DVERSION=3.2
rm -rf "$K8S_BIN" && mv bin "$K8S_BIN"
cd "$K8S_HOME" && rm -rf "$work"
echo "build.sh: built Kubernetes $K8S_VERSION in $((SECONDS - started)) s into $K8S_BIN"
