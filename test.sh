#!/usr/bin/env bash
# Runs every test of the solution: ./test.sh [extra dotnet test arguments]
#
# First installs the tools some tests need, where it can (Debian or Ubuntu, as root). Elsewhere it says
# what to install and goes on; those tests then skip with the reason. With CI set, a missing tool is an
# error instead, and AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1 tells the tests not to skip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

is_ci() {
    [[ -n "${CI:-}" && "${CI,,}" != "false" && "${CI}" != "0" ]]
}

# Each tool: a check that succeeds when it is usable, and the Debian package that provides it.
# kubectl is left out on purpose: Debian does not package it.
tool_names=(python3 python3-cryptography)
declare -A tool_checks=(
    [python3]="command -v python3"
    [python3-cryptography]="python3 -c 'import cryptography'"
)

missing_tools() {
    local name
    for name in "${tool_names[@]}"; do
        if ! eval "${tool_checks[$name]}" >/dev/null 2>&1; then
            echo "$name"
        fi
    done
}

can_use_apt() {
    [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1 \
        && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release 2>/dev/null
}

apt_install() {
    local log
    log="$(mktemp)"
    echo "test.sh: installing with apt-get: $*"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } \
        >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
}

ensure_tools() {
    local missing
    mapfile -t missing < <(missing_tools)
    ((${#missing[@]} == 0)) && return 0

    if can_use_apt; then
        apt_install "${missing[@]}" || echo "test.sh: apt-get could not install ${missing[*]}" >&2
        mapfile -t missing < <(missing_tools)
        ((${#missing[@]} == 0)) && return 0
    fi

    echo "test.sh: missing: ${missing[*]}" >&2
    echo "test.sh: install them with your package manager (Debian/Ubuntu: apt-get install ${missing[*]})." >&2
    if command -v python3 >/dev/null 2>&1 && [[ "$(command -v python3)" != /usr/bin/python3 ]]; then
        echo "test.sh: python3 here is $(command -v python3), not Debian's; give it the module with: python3 -m pip install cryptography" >&2
    fi

    if is_ci; then
        echo "test.sh: CI is set, so every tool is required." >&2
        return 1
    fi
    echo "test.sh: going on; the tests that need them will be skipped." >&2
}

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: dotnet is not on PATH; install the .NET 10 SDK." >&2
    exit 1
fi

ensure_tools
if is_ci; then
    export AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1
fi

exec dotnet test AirflowAspire.sln "$@"
