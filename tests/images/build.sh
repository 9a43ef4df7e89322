#!/usr/bin/env bash
# Builds the images the container tests run, from Debian's packages alone (no registry is needed):
#   airflowaspire-test/debian:bookworm   debootstrap --variant=minbase bookworm, then `docker import`
#   airflowaspire-test/redis:7.0         Debian's redis-server            (redis/Dockerfile)
#   airflowaspire-test/postgres:15       Debian's PostgreSQL 15, with an entrypoint like the official image's
#   airflowaspire-test/rabbitmq:3.10     Debian's rabbitmq-server, taking the official image's default user
#   airflowaspire-test/airflow-standin:latest  a STAND-IN, not Airflow: Debian's python3 and Celery doing what the
#                                        model asks of Airflow, as Airflow's code does (airflow-standin/Dockerfile)
#   mcr.microsoft.com/azurelinux/base/core:3.0  a STAND-IN, not Azure Linux: Debian under the name of the base
#                                        image of Aspire's container network tunnel (aspire-tunnel-base/Dockerfile);
#                                        built only where that tag is missing or is this stand-in, never over a pulled one
# An image is built only when it is missing or its recipe changed: each carries the hash of its recipe
# in the label airflowaspire.recipe. Quiet when nothing is to do; on failure it prints the build log.
# Needs a running Docker engine, and root with debootstrap for the base image.
#
# Usage: tests/images/build.sh
# Settings: AIRFLOWASPIRE_DEBIAN_MIRROR (default: the Debian archive this machine's apt sources name),
#           AIRFLOWASPIRE_IMAGE_STEP_TIMEOUT (seconds one debootstrap or build may take, default 600).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# apt_archive: the first archive of Debian's main suite in this machine's apt sources (deb822 or one-line form).
apt_archive() {
    local file
    for file in /etc/apt/sources.list.d/*.sources; do
        [[ -f "$file" ]] || continue
        awk '/^URIs:/ { uris = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") found = 1 }
             /^$/ { if (found && uris != "") { print uris; exit } uris = ""; found = 0 }
             END { if (found && uris != "") print uris }' "$file" | head -n 1
    done
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -f "$file" ]] || continue
        awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' "$file"
    done
}
mirror="${AIRFLOWASPIRE_DEBIAN_MIRROR:-$(apt_archive | head -n 1)}"
[[ -n "$mirror" ]] || { echo "tests/images/build.sh: no apt source names Debian bookworm; set AIRFLOWASPIRE_DEBIAN_MIRROR." >&2; exit 1; }
step_timeout="${AIRFLOWASPIRE_IMAGE_STEP_TIMEOUT:-600}"
base_image=airflowaspire-test/debian:bookworm
log="$(mktemp /tmp/airflowaspire-image-build.XXXXXX)"
rootfs=""

cleanup() {
    rm -f "$log"
    if [[ -n "$rootfs" ]]; then rm -rf "$rootfs"; fi
}
trap cleanup EXIT

fail() {
    echo "tests/images/build.sh: $1" >&2
    if [[ -s "$log" ]]; then tail -n 40 "$log" >&2; fi
    exit 1
}

# recipe_hash FOLDER [EXTRA]: the hash of every file in FOLDER (names and contents) and EXTRA.
recipe_hash() {
    (
        cd "$1"
        find . -type f -print0 | sort -z | xargs -0 sha256sum
        echo "${2:-}"
    ) | sha256sum | cut -c1-16
}

image_recipe() {
    docker image inspect --format '{{index .Config.Labels "airflowaspire.recipe"}}' "$1" 2>/dev/null || true
}

image_id() {
    docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true
}

# remove_replaced OLD-ID TAG: removes the image a rebuild replaced, when nothing else uses it.
remove_replaced() {
    if [[ -n "$1" && "$1" != "$(image_id "$2")" ]]; then
        docker image rm "$1" >/dev/null 2>&1 || true
    fi
}

build_base() {
    local recipe old
    recipe="$(recipe_hash "$here/base" "bookworm minbase $mirror")"
    [[ "$(image_recipe "$base_image")" == "$recipe" ]] && return 0
    command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is missing; install it (apt-get install debootstrap)."
    [[ "$(id -u)" == 0 ]] || fail "building $base_image needs root (debootstrap creates device nodes); run as root."

    echo "tests/images/build.sh: building $base_image with debootstrap (about a minute)"
    old="$(image_id "$base_image")"
    # /var/tmp, not /tmp: /tmp is often a tmpfs mounted nodev, where debootstrap cannot make /dev.
    rootfs="$(mktemp -d /var/tmp/airflowaspire-rootfs.XXXXXX)"
    timeout "$step_timeout" debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$log" 2>&1 \
        || fail "debootstrap of Debian bookworm from $mirror failed or took over ${step_timeout}s."
    install -m 755 "$here/base/policy-rc.d" "$rootfs/usr/sbin/policy-rc.d"
    install -m 644 "$here/base/apt.conf" "$rootfs/etc/apt/apt.conf.d/90airflowaspire-test"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar --numeric-owner -C "$rootfs" -c . \
        | timeout "$step_timeout" docker import --change 'CMD ["bash"]' \
            --change "LABEL airflowaspire.recipe=$recipe" - "$base_image" >"$log" 2>&1 \
        || fail "docker import of the bookworm root file system failed."
    rm -rf "$rootfs"
    rootfs=""
    remove_replaced "$old" "$base_image"
}

# build_image FOLDER TAG: builds tests/images/FOLDER on the base image.
build_image() {
    local folder="$1" tag="$2" recipe old
    recipe="$(recipe_hash "$here/$folder" "$(image_id "$base_image")")"
    [[ "$(image_recipe "$tag")" == "$recipe" ]] && return 0

    echo "tests/images/build.sh: building $tag from Debian's packages"
    old="$(image_id "$tag")"
    # Debian's docker has no BuildKit; the host network spares the build any bridge or NAT set-up.
    DOCKER_BUILDKIT=0 timeout "$step_timeout" docker build --network host --label "airflowaspire.recipe=$recipe" \
        -t "$tag" "$here/$folder" >"$log" 2>&1 \
        || fail "docker build of $tag failed or took over ${step_timeout}s."
    remove_replaced "$old" "$tag"
}

# build_standin_for FOLDER TAG: like build_image, for a stand-in under another image's name: never over an image of
# that name that is not this stand-in (one pulled from its registry).
build_standin_for() {
    local folder="$1" tag="$2" old
    old="$(image_id "$tag")"
    if [[ -n "$old" && -z "$(image_recipe "$tag")" ]]; then
        return 0
    fi
    build_image "$folder" "$tag"
    if [[ "$old" != "$(image_id "$tag")" ]]; then
        # DCP keeps the tunnel image it derives from this base and reuses it by its own inputs' hash alone.
        docker image ls -q dcptun_developer_ms | sort -u | xargs -r docker image rm >/dev/null 2>&1 || true
    fi
}

# untag_leftovers: a cluster test run lends these images the official names (postgres:18.3, apache/airflow:3.2.2...)
# and takes them back when it ends; one cut short (killed, or its machine stopped) leaves them. Under an official name
# they change what the next run sees (Postgres "starts" where it must fail to pull), so every such name on an image
# carrying this script's label goes, unless a cluster test run that lends them is still alive (it leaves a file
# airflowaspire-names-lent-<pid> in the temp folder while it runs). A real image pulled under an official name has
# no such label and stays; names of our own (airflowaspire-test/...) stay too.
untag_leftovers() {
    local tag lent pid
    for lent in "${TMPDIR:-/tmp}"/airflowaspire-names-lent-*; do
        [[ -e "$lent" ]] || continue
        pid="${lent##*-}"
        if kill -0 "$pid" 2>/dev/null; then
            echo "tests/images/build.sh: a cluster test run (process $pid) lends the official names now; leaving them"
            return 0
        fi
        rm -f "$lent"
    done
    docker image ls --filter label=airflowaspire.recipe --format '{{.Repository}}:{{.Tag}}' | sort -u | while read -r tag; do
        case "$tag" in
            airflowaspire-test/* | mcr.microsoft.com/azurelinux/base/core:3.0 | *"<none>"*) ;;
            # DCP's own tunnel image, derived from the tunnel base stand-in (see build_standin_for).
            dcptun_developer_ms:*) ;;
            *)
                echo "tests/images/build.sh: untagging $tag, left by a cluster test run cut short"
                docker image rm "$tag" >/dev/null 2>&1 || echo "tests/images/build.sh: could not untag $tag (a container uses it?)" >&2
                ;;
        esac
    done
}

build_base
build_image redis airflowaspire-test/redis:7.0
build_image postgres airflowaspire-test/postgres:15
build_image rabbitmq airflowaspire-test/rabbitmq:3.10
build_image airflow-standin airflowaspire-test/airflow-standin:latest
build_standin_for aspire-tunnel-base mcr.microsoft.com/azurelinux/base/core:3.0
untag_leftovers
