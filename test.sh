#!/usr/bin/env bash
# Runs every test of the solution: ./test.sh [extra dotnet test arguments]
#
# First runs the set-up steps in eng/test-setup/ (in name order): each installs what some tests need where
# it can (apt on Debian or Ubuntu, as root) and starts the servers they need. Elsewhere a step says what to
# install and goes on; those tests then skip with the reason. With CI set, a missing tool is an error
# instead, and AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1 tells the tests not to skip.
#
# Without arguments the solution is built once; the Kubernetes cluster tests (their lines marked [cluster]) run beside
# the light test projects, then the functional tests run; with arguments (given to every `dotnet test`) the cluster
# tests run after the others.
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
cluster_log="$(mktemp)"
trap 'rm -f "$log" "$cluster_log" "$cluster_log.status"; test_cluster_stop' EXIT

cluster_project=tests/AirflowAspire.Hosting.Kubernetes.ClusterTests
functional_project=tests/AirflowAspire.Hosting.Airflow.FunctionalTests
# The cluster tests lend the official image names (postgres, redis, rabbitmq, apache/airflow) to the local images on
# the shared docker engine for their whole run, so the few tests that need those names absent (trait
# OfficialNamesAbsent) run before them.
official_names_absent="Category=OfficialNamesAbsent"
set +e
if [[ $# -gt 0 ]]; then
    # Arguments of the user's own (a filter, a configuration): one run after the other, the cluster tests last.
    AIRFLOWASPIRE_SKIP_CLUSTER_TESTS=1 dotnet test AirflowAspire.sln "$@" 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    dotnet test "$cluster_project" "$@" 2>&1 | tee -a "$log"
    cluster_status=${PIPESTATUS[0]}
else
    # One build; the runs below share it (--no-build), so two of them can run at once.
    dotnet build AirflowAspire.sln 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    cluster_status=$status
    if [[ "$status" == 0 ]]; then
        # The cluster's share, in the background: its lines are printed as they come, marked [cluster].
        cluster_status_file="$cluster_log.status"
        (
            dotnet test "$functional_project" --no-build --filter "$official_names_absent"
            first=$?
            dotnet test "$cluster_project" --no-build
            second=$?
            echo $((first != 0 ? first : second)) >"$cluster_status_file"
        ) 2>&1 | tee "$cluster_log" | sed -u 's/^/[cluster] /' &
        cluster_pid=$!
        # Beside the cluster's share only the light projects, one at a time (-m:1): the container-heavy functional
        # tests beside two deploys at once starved the deploys' probes and waits on 2 cores, so they run after.
        dotnet test AirflowAspire.sln --no-build -m:1 \
            --filter "FullyQualifiedName!~AirflowAspire.Hosting.Kubernetes.ClusterTests&FullyQualifiedName!~AirflowAspire.Hosting.Airflow.FunctionalTests" \
            2>&1 | tee -a "$log"
        status=${PIPESTATUS[0]}
        echo "test.sh: the light projects are done; waiting for the cluster tests"
        wait "$cluster_pid"
        cluster_status="$(cat "$cluster_status_file" 2>/dev/null || echo 1)"
        dotnet test "$functional_project" --no-build --filter "Category!=OfficialNamesAbsent" 2>&1 | tee -a "$log"
        functional_status=${PIPESTATUS[0]}
        if [[ "$status" == 0 ]]; then
            status=$functional_status
        fi
        cat "$cluster_log" >>"$log"
    fi
fi
set -e
if [[ "$status" == 0 ]]; then
    status=$cluster_status
fi
count() { grep -oE "$1: +[0-9]+" "$log" | awk '{ total += $2 } END { print total + 0 }'; }
echo "$(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
exit "$status"
