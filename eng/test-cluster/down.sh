#!/usr/bin/env bash
# Stops the test cluster that up.sh started: its processes (by their PID files), the pod containers, the
# kubelet's mounts, kube-proxy's iptables chains, the host settings they changed and the DNS records. Keeps the build, the
# credentials (a kubeconfig stays valid) and the cluster's state (etcd, volumes): the next up.sh brings
# back what was deployed, as a rebooted node does.
#   --purge  also drop the cluster's state: the next up.sh starts an empty cluster
#   --quiet  say nothing when there was nothing to stop
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=eng/test-cluster/common.sh
source "$here/common.sh"
quiet="" purge=""
for arg in "$@"; do
    case "$arg" in
        --quiet) quiet=1 ;;
        --purge) purge=1 ;;
        *) echo "down.sh: unknown option $arg (options: --purge, --quiet)" >&2; exit 2 ;;
    esac
done
say() { [[ -n "$quiet" ]] || echo "down.sh: $*"; }

[[ "$(id -u)" == 0 ]] || { echo "down.sh: run as root." >&2; exit 1; }
[[ -d "$K8S_RUN" ]] || { say "nothing to stop in $K8S_RUN"; exit 0; }

# stop NAME: stops a component by its PID file, if that PID still is the component (not a reused PID).
stop() {
    local name="$1" pid_file="$K8S_RUN/$1.pid" pid
    [[ -f "$pid_file" ]] || return 0
    pid="$(cat "$pid_file")"
    if [[ -n "$pid" ]] && grep -qaE "$name|hostpath_pv" "/proc/$pid/cmdline" 2>/dev/null; then
        say "stopping $name ($pid)"
        kill "$pid" 2>/dev/null
        timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$pid_file"
}
for ((i = ${#K8S_COMPONENTS[@]} - 1; i >= 0; i--)); do
    stop "${K8S_COMPONENTS[i]}"
done
for retired in "${K8S_RETIRED_COMPONENTS[@]}"; do
    stop "$retired"
done
# cluster-dns.py writes them anew on each start.
rm -rf "$K8S_DNS_HOSTS_DIR"

# The kubelet's pod containers (dockershim names them k8s_<container>_<pod>_...).
if timeout 20 docker info >/dev/null 2>&1; then
    containers="$(docker ps -aq --filter name=^/k8s_)"
    [[ -z "$containers" ]] || { say "removing the pod containers"; docker rm -f $containers >/dev/null; }
fi

# Volumes (service account tokens, secrets) the kubelet mounted under its root folder, deepest first.
awk -v root="$K8S_RUN/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do
    umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null
done

# kube-proxy's and the kubelet's iptables chains: the jumps into them, then the chains themselves.
# (kube-proxy --cleanup needs ipset, which may not be installed.)
if command -v iptables-save >/dev/null; then
    for table in filter nat mangle; do
        iptables-save -t "$table" 2>/dev/null | grep -E '^-A [A-Z0-9_-]+ .*-j KUBE-' | grep -vE '^-A KUBE-' \
            | sed 's/^-A/-D/' | while read -r rule; do eval iptables -t "$table" "$rule"; done
        chains="$(iptables-save -t "$table" 2>/dev/null | grep -oE '^:KUBE-[A-Z0-9-]+' | tr -d ':')"
        for chain in $chains; do iptables -t "$table" -F "$chain"; done
        for chain in $chains; do iptables -t "$table" -X "$chain"; done
    done
fi

if [[ -f "$K8S_RUN/sysctl.before" ]]; then
    while IFS= read -r setting; do sysctl -q -w "$setting" >/dev/null 2>&1; done <"$K8S_RUN/sysctl.before"
    rm -f "$K8S_RUN/sysctl.before"
fi
if [[ -n "$purge" ]]; then
    rm -rf "$K8S_RUN/etcd" "$K8S_RUN/kubelet" /tmp/hostpath_pv
    say "the cluster is stopped and its state removed"
else
    say "the cluster is stopped; up.sh starts it again with what was deployed (down.sh --purge: empty)"
fi
