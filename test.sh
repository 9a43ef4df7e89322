#!/usr/bin/env bash
# Runs every test of the solution: ./test.sh [extra dotnet test arguments]
#
# First runs the set-up steps in eng/test-setup/ (in name order): each installs what some tests need where
# it can (apt on Debian or Ubuntu, as root) and starts the servers they need. Elsewhere a step says what to
# install and goes on; those tests then skip with the reason. With CI set, a missing tool is an error
# instead, and AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1 tells the tests not to skip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: dotnet is not on PATH; install the .NET 10 SDK." >&2
    exit 1
fi

# shellcheck source=eng/test-setup/lib.sh
source eng/test-setup/lib.sh
for step in eng/test-setup/[0-9]*.sh; do
    # shellcheck source=/dev/null
    source "$step"
done

if is_ci; then
    export AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1
fi

# The per-project summaries are added up into one closing line, "N passed, N failed", that any CI can read.
log="$(mktemp)"
trap 'rm -f "$log"; test_cluster_stop' EXIT
# The cluster tests run last and alone: they give the shared docker engine the official image names (postgres,
# redis, rabbitmq) that the test cluster's node runs, which other tests rely on not being there.
set +e
AIRFLOWASPIRE_SKIP_CLUSTER_TESTS=1 dotnet test AirflowAspire.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
dotnet test tests/AirflowAspire.Hosting.Kubernetes.ClusterTests "$@" 2>&1 | tee -a "$log"
cluster_status=${PIPESTATUS[0]}
set -e
if [[ "$status" == 0 ]]; then
    status=$cluster_status
fi
count() { grep -oE "$1: +[0-9]+" "$log" | awk '{ total += $2 } END { print total + 0 }'; }
echo "$(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
exit "$status"
