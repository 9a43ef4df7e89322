# Shared by build.sh, up.sh and down.sh: where the test cluster lives. Outside the clone, so every clone on
# the machine shares one build and one running cluster.
K8S_VERSION=1.20.2
K8S_DEBIAN_SUITE=bookworm
K8S_HOME="${AIRFLOWASPIRE_K8S_HOME:-/var/cache/airflowaspire/k8s-$K8S_VERSION}"
K8S_BIN="$K8S_HOME/bin"
K8S_RUN="$K8S_HOME/run"
K8S_KUBECONFIG="$K8S_RUN/kubeconfig"
K8S_NODE_NAME=airflowaspire-test-node
# Below Linux's ephemeral port range (32768-60999), so no outgoing connection can hold one of them.
K8S_ETCD_PORT=22379
K8S_ETCD_PEER_PORT=22380
K8S_API_PORT=26443
K8S_CONTROLLER_MANAGER_PORT=26444
K8S_SCHEDULER_PORT=26445
K8S_KUBELET_PORT=26450
K8S_KUBELET_HEALTHZ_PORT=26451
K8S_PROXY_HEALTHZ_PORT=26452
K8S_PROXY_METRICS_PORT=26453
# Cluster DNS: the kube-dns Service's ClusterIP routes to dnsmasq on the node IP, port 53. cluster-dns.py writes
# its records into a folder outside run/ (root only), because dnsmasq reads them after dropping root.
K8S_DNS_IP=10.96.0.10
K8S_CLUSTER_DOMAIN=cluster.local
K8S_DNS_HOSTS_DIR="$K8S_HOME/dns"
# What the kubelet and kube-proxy change on the host; down.sh puts back the values they had before.
K8S_TOUCHED_SYSCTLS=(kernel.panic kernel.panic_on_oops vm.overcommit_memory vm.panic_on_oom
    net.ipv4.conf.all.route_localnet net.netfilter.nf_conntrack_tcp_timeout_established
    net.netfilter.nf_conntrack_tcp_timeout_close_wait)
# up.sh restarts a running cluster that an up.sh of another configuration started. 2: etcd and the kubelet
# authenticate their clients, volume folders belong to their pods' users.
K8S_CONFIGURATION=2
# The components in start order; down.sh stops them in reverse.
K8S_COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy volume-owner dnsmasq
    cluster-dns)
# Components an older up.sh started, which down.sh still stops: pv-opener made every volume folder 0777.
K8S_RETIRED_COMPONENTS=(pv-opener)

cluster_binaries_built() {
    local binary
    for binary in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy pause; do
        [[ -x "$K8S_BIN/$binary" ]] || return 1
    done
}

# The node's IP: docker's bridge, where pod sandboxes live (the kubelet refuses a loopback node IP).
cluster_node_ip() {
    ip -4 -o addr show docker0 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }'
}

# cluster_api PATH [curl arguments]: a request to the API server as the cluster's admin.
cluster_api() {
    local path="$1"
    shift
    curl -sf --max-time 5 -A airflowaspire-test-cluster --cacert "$K8S_RUN/pki/ca.crt" \
        -H "Authorization: Bearer $(cat "$K8S_RUN/pki/admin.token")" "$@" \
        "https://$(cluster_node_ip):$K8S_API_PORT$path"
}

# Running: the API server is ready and the node reports Ready.
cluster_is_running() {
    [[ -f "$K8S_RUN/pki/admin.token" && -f "$K8S_RUN/pki/ca.crt" ]] || return 1
    [[ "$(cluster_api /readyz 2>/dev/null)" == ok ]] || return 1
    cluster_api "/api/v1/nodes/$K8S_NODE_NAME" 2>/dev/null | grep -Eq '"type": ?"Ready", ?"status": ?"True"'
}
