# Shared by the set-up steps test.sh runs. Each step is idempotent and quiet when all is in place.

is_ci() {
    [[ -n "${CI:-}" && "${CI,,}" != "false" && "${CI}" != "0" ]]
}

can_use_apt() {
    [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1 \
        && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release 2>/dev/null
}

apt_updated=""
# apt_install PACKAGE...: installs with apt-get, running `apt-get update` once per test.sh run.
apt_install() {
    local log
    log="$(mktemp)"
    echo "test.sh: installing with apt-get: $*"
    if [[ -z "$apt_updated" ]]; then
        apt-get update -qq >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
        apt_updated=1
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
}

# missing WHAT HOW-TO-INSTALL: says a tool is missing; an error in CI, a warning (tests skip) elsewhere.
missing() {
    echo "test.sh: missing: $1. Install it: $2" >&2
    if is_ci; then
        echo "test.sh: CI is set, so every tool is required." >&2
        return 1
    fi
    echo "test.sh: going on; the tests that need it will be skipped." >&2
}

# ensure_packages CHECK-COMMAND PACKAGE...: installs the packages when the check fails and apt is usable.
ensure_packages() {
    local check="$1"
    shift
    eval "$check" >/dev/null 2>&1 && return 0
    if can_use_apt; then
        apt_install "$@" || echo "test.sh: apt-get could not install $*" >&2
        eval "$check" >/dev/null 2>&1 && return 0
    fi
    missing "$*" "apt-get install $* (Debian/Ubuntu), or your system's equivalent"
}
