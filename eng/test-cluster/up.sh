#!/usr/bin/env bash
# Starts the single-node Kubernetes test cluster that build.sh built: etcd, the API server, controller-manager,
# scheduler, kubelet (dockershim, on the local docker engine), kube-proxy and the cluster DNS (dnsmasq fed by
# cluster-dns.py), as background processes. Writes $AIRFLOWASPIRE_K8S_HOME/run/kubeconfig and returns once the
# node is Ready and a Service's name resolves (about 20 s). Does nothing when the cluster already runs with its
# DNS. Stop it with down.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=eng/test-cluster/common.sh
source "$here/common.sh"

fail() { echo "up.sh: $*" >&2; exit 1; }

# cluster_dns_answers SERVER: the kubernetes Service's name resolves to its ClusterIP at SERVER, port 53.
cluster_dns_answers() {
    [[ "$(timeout 5 python3 "$here/cluster-dns.py" resolve "kubernetes.default.svc.$K8S_CLUSTER_DOMAIN" "$1" 2>/dev/null)" \
        == 10.96.0.1 ]]
}

if cluster_is_running; then
    if [[ "$(cat "$K8S_RUN/configuration" 2>/dev/null)" != "$K8S_CONFIGURATION" ]]; then
        # Started by an older up.sh (e.g. etcd and the kubelet open to every local user): a restart keeps what was deployed.
        echo "up.sh: the cluster runs with an older configuration than this up.sh's ($K8S_CONFIGURATION); restarting it"
    # dnsmasq answers from the last records when cluster-dns.py stopped, so that is asked too.
    elif kill -0 "$(cat "$K8S_RUN/cluster-dns.pid" 2>/dev/null)" 2>/dev/null && cluster_dns_answers "$K8S_DNS_IP"; then
        echo "up.sh: the cluster already runs; KUBECONFIG=$K8S_KUBECONFIG"
        exit 0
    else
        # Started by an up.sh without cluster DNS, or its DNS stopped: a restart keeps what was deployed.
        echo "up.sh: the cluster runs, but its DNS at $K8S_DNS_IP does not (cluster-dns.py or dnsmasq stopped); restarting it"
    fi
fi
[[ "$(id -u)" == 0 ]] || fail "run as root (the kubelet and kube-proxy change the host's network and mounts)."
cluster_binaries_built || fail "no Kubernetes binaries in $K8S_BIN; run $here/build.sh first."
command -v etcd >/dev/null || fail "etcd is not installed; apt-get install etcd-server (build.sh does)."
for tool in docker openssl curl iptables ip; do
    command -v "$tool" >/dev/null || fail "$tool is not installed."
done
command -v dnsmasq >/dev/null || fail "dnsmasq is not installed (the cluster DNS); apt-get install dnsmasq-base (build.sh does)."
command -v python3 >/dev/null || fail "python3 is not installed (it runs the cluster DNS's $here/cluster-dns.py); apt-get install python3."

timeout 20 docker info >/dev/null 2>&1 \
    || fail "no docker engine answers. Start dockerd (./test.sh does; see eng/test-cluster/README.md)."
# The kubelet asks runc for oom_score_adj -998 on every pod sandbox; where the kernel refuses negative values
# even to root, only a docker engine whose default runtime clamps it (runc-oomfix) can start pods.
if ! sh -c 'echo -998 >/proc/self/oom_score_adj' 2>/dev/null \
    && [[ "$(docker info --format '{{.DefaultRuntime}}' 2>/dev/null)" != oomfix ]]; then
    # Exit code 3: the set-up step tells this apart from other failures.
    echo "up.sh: this machine refuses a negative oom_score_adj, so pods cannot start on the running dockerd, whose
default runtime is '$(docker info --format '{{.DefaultRuntime}}' 2>/dev/null)'. Restart dockerd with the runc wrapper as its default runtime:
    install -D -m 755 $here/runc-oomfix /usr/local/libexec/airflowaspire/runc-oomfix
    dockerd --add-runtime oomfix=/usr/local/libexec/airflowaspire/runc-oomfix --default-runtime oomfix
(./test.sh starts dockerd that way when none runs)." >&2
    exit 3
fi
node_ip="$(cluster_node_ip)"
[[ -n "$node_ip" ]] || fail "docker's bridge docker0 has no IPv4 address; the node and its pods live on it."
pod_cidr="$(ip -4 -o addr show docker0 | awk '{ print $4; exit }')"

# Leftovers of a cluster that stopped half-way (a reboot, a killed process) go first.
"$here/down.sh" --quiet

# The sandbox image of every pod: there is no registry, so it is made from the pause binary built with the rest.
if ! docker image inspect k8s.gcr.io/pause:3.2 >/dev/null 2>&1; then
    rootfs="$(mktemp -d)"
    cp "$K8S_BIN/pause" "$rootfs/"
    tar -C "$rootfs" -c . | docker import -c 'ENTRYPOINT ["/pause"]' - k8s.gcr.io/pause:3.2 >/dev/null
    rm -rf "$rootfs"
fi

# Keys and the admin token are made once and kept, so a kubeconfig copied earlier still works after a restart.
pki="$K8S_RUN/pki"
mkdir -p "$pki" "$K8S_RUN/etcd" "$K8S_RUN/kubelet"
chmod 700 "$K8S_RUN"
if [[ ! -f "$pki/ca.crt" ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=airflowaspire-test-ca \
        -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
    openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
    openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$pki/admin.token"
fi
# sign NAME SUBJECT CA EXTENSIONS...: a key and a certificate signed by CA (ca or etcd-ca), kept in $pki.
sign() {
    local name="$1" subject="$2" ca="$3"
    shift 3
    openssl req -newkey rsa:2048 -nodes -subj "$subject" -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
    openssl x509 -req -days 3650 -in "$pki/$name.csr" -CA "$pki/$ca.crt" -CAkey "$pki/$ca.key" -CAcreateserial \
        -out "$pki/$name.crt" -extfile <(printf '%s\n' "$@") 2>/dev/null
    rm -f "$pki/$name.csr"
}
# etcd takes only clients with a certificate of its own CA (the API server's); the kubelet takes the API server
# by its client certificate of the cluster CA (logs, exec) and asks the API server whether a caller may.
if [[ ! -f "$pki/etcd-ca.crt" ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=airflowaspire-test-etcd-ca \
        -keyout "$pki/etcd-ca.key" -out "$pki/etcd-ca.crt" 2>/dev/null
    sign etcd /CN=etcd etcd-ca "subjectAltName=IP:127.0.0.1" "extendedKeyUsage=serverAuth,clientAuth"
    sign apiserver-etcd-client /CN=kube-apiserver-etcd-client etcd-ca "extendedKeyUsage=clientAuth"
    sign apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" ca "extendedKeyUsage=clientAuth"
fi
# The serving certificate names the node IP, which follows docker0, so it is made on each start.
openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
openssl x509 -req -days 3650 -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -out "$pki/apiserver.crt" -extfile <(printf '%s\n' \
        "subjectAltName=IP:$node_ip,IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local" \
        "extendedKeyUsage=serverAuth" "keyUsage=digitalSignature,keyEncipherment") 2>/dev/null
echo "$(cat "$pki/admin.token"),admin,admin,system:masters" >"$pki/tokens.csv"
chmod 600 "$pki"/*

umask 077
cat >"$K8S_KUBECONFIG" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: airflowaspire-test
  cluster:
    server: https://$node_ip:$K8S_API_PORT
    certificate-authority-data: $(base64 -w0 "$pki/ca.crt")
users:
- name: airflowaspire-test-admin
  user:
    token: $(cat "$pki/admin.token")
contexts:
- name: airflowaspire-test
  context:
    cluster: airflowaspire-test
    user: airflowaspire-test-admin
current-context: airflowaspire-test
KUBECONFIG
umask 022

# The host settings the kubelet and kube-proxy are about to change, for down.sh to put back.
for name in "${K8S_TOUCHED_SYSCTLS[@]}"; do
    value="$(sysctl -n "$name" 2>/dev/null)" && echo "$name=$value"
done >"$K8S_RUN/sysctl.before"

# start NAME COMMAND...: runs a component in its own session (a Ctrl-C of test.sh does not reach it).
start() {
    local name="$1"
    shift
    setsid "$@" >"$K8S_RUN/$name.log" 2>&1 </dev/null &
    echo $! >"$K8S_RUN/$name.pid"
}

# wait_until NAME SECONDS COMMAND...: waits for COMMAND to succeed; fails with NAME's log if it exits or times out.
wait_until() {
    local name="$1" seconds="$2" deadline
    shift 2
    deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if ! kill -0 "$(cat "$K8S_RUN/$name.pid")" 2>/dev/null || ((SECONDS >= deadline)); then
            echo "up.sh: $name did not come up within $seconds s. The end of $K8S_RUN/$name.log:" >&2
            tail -n 20 "$K8S_RUN/$name.log" >&2
            exit 1
        fi
        sleep 0.3
    done
}

etcd_tls=(--cert-file "$pki/etcd.crt" --key-file "$pki/etcd.key" --trusted-ca-file "$pki/etcd-ca.crt" --client-cert-auth
    --peer-cert-file "$pki/etcd.crt" --peer-key-file "$pki/etcd.key" --peer-trusted-ca-file "$pki/etcd-ca.crt"
    --peer-client-cert-auth)
start etcd etcd --name airflowaspire-test --data-dir "$K8S_RUN/etcd" "${etcd_tls[@]}" \
    --listen-client-urls "https://127.0.0.1:$K8S_ETCD_PORT" --advertise-client-urls "https://127.0.0.1:$K8S_ETCD_PORT" \
    --listen-peer-urls "https://127.0.0.1:$K8S_ETCD_PEER_PORT" --initial-advertise-peer-urls "https://127.0.0.1:$K8S_ETCD_PEER_PORT" \
    --initial-cluster "airflowaspire-test=https://127.0.0.1:$K8S_ETCD_PEER_PORT"
etcd_healthy() {
    curl -sf --cacert "$pki/etcd-ca.crt" --cert "$pki/apiserver-etcd-client.crt" --key "$pki/apiserver-etcd-client.key" \
        "https://127.0.0.1:$K8S_ETCD_PORT/health" | grep -q true
}
wait_until etcd 30 etcd_healthy

# Bound to docker0, so pods reach it too (the 'kubernetes' Service), and the host through the node IP.
start kube-apiserver "$K8S_BIN/kube-apiserver" --etcd-servers="https://127.0.0.1:$K8S_ETCD_PORT" \
    --etcd-cafile="$pki/etcd-ca.crt" --etcd-certfile="$pki/apiserver-etcd-client.crt" --etcd-keyfile="$pki/apiserver-etcd-client.key" \
    --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" --kubelet-client-key="$pki/apiserver-kubelet-client.key" \
    --bind-address="$node_ip" --advertise-address="$node_ip" --secure-port="$K8S_API_PORT" \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --token-auth-file="$pki/tokens.csv" --authorization-mode=RBAC --allow-privileged=true \
    --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$pki/sa.pub" \
    --service-account-signing-key-file="$pki/sa.key" --service-cluster-ip-range=10.96.0.0/24 \
    --kubelet-preferred-address-types=InternalIP
api_server_ready() { [[ "$(cluster_api /readyz)" == ok ]]; }
wait_until kube-apiserver 90 api_server_ready

start kube-controller-manager "$K8S_BIN/kube-controller-manager" --kubeconfig="$K8S_KUBECONFIG" \
    --bind-address=127.0.0.1 --secure-port="$K8S_CONTROLLER_MANAGER_PORT" --port=0 --leader-elect=false \
    --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
    --enable-hostpath-provisioner=true --pv-recycler-minimum-timeout-hostpath=1
start kube-scheduler "$K8S_BIN/kube-scheduler" --kubeconfig="$K8S_KUBECONFIG" \
    --bind-address=127.0.0.1 --secure-port="$K8S_SCHEDULER_PORT" --port=0 --leader-elect=false
# No image garbage collection and near-zero eviction thresholds: the test images must stay, and a full
# disk must not taint the only node.
start kubelet "$K8S_BIN/kubelet" --kubeconfig="$K8S_KUBECONFIG" --container-runtime=docker \
    --pod-infra-container-image=k8s.gcr.io/pause:3.2 --root-dir="$K8S_RUN/kubelet" --cert-dir="$K8S_RUN/kubelet/pki" \
    --hostname-override="$K8S_NODE_NAME" --node-ip="$node_ip" --address="$node_ip" --port="$K8S_KUBELET_PORT" \
    --read-only-port=0 --healthz-port="$K8S_KUBELET_HEALTHZ_PORT" --fail-swap-on=false --cgroup-driver=cgroupfs \
    --cgroups-per-qos=false --enforce-node-allocatable= --anonymous-auth=false --client-ca-file="$pki/ca.crt" \
    --authentication-token-webhook=true --authorization-mode=Webhook --cluster-dns="$K8S_DNS_IP" --cluster-domain="$K8S_CLUSTER_DOMAIN" \
    --image-gc-high-threshold=100 --image-gc-low-threshold=99 \
    --eviction-hard='memory.available<50Mi,nodefs.available<1%,imagefs.available<1%'
start kube-proxy "$K8S_BIN/kube-proxy" --kubeconfig="$K8S_KUBECONFIG" --hostname-override="$K8S_NODE_NAME" \
    --proxy-mode=iptables --cluster-cidr="$pod_cidr" --bind-address=127.0.0.1 \
    --healthz-bind-address="127.0.0.1:$K8S_PROXY_HEALTHZ_PORT" --metrics-bind-address="127.0.0.1:$K8S_PROXY_METRICS_PORT" \
    --conntrack-max-per-core=0
# The hostPath provisioner makes each volume's folder 0750 and root's; real storage gives a pod's fsGroup
# access, this doesn't. volume-owner.py gives each new one to its pods' user (Postgres as 999, Airflow as
# 50000); no local user can reach them: the kubelet mounts them into the pods as root.
mkdir -p /tmp/hostpath_pv
chmod 700 /tmp/hostpath_pv
start volume-owner python3 "$here/volume-owner.py" watch "https://$node_ip:$K8S_API_PORT" "$pki/ca.crt" \
    "$pki/admin.token" /tmp/hostpath_pv

wait_until kube-scheduler 60 curl -skf "https://127.0.0.1:$K8S_SCHEDULER_PORT/healthz"
wait_until kube-controller-manager 60 curl -skf "https://127.0.0.1:$K8S_CONTROLLER_MANAGER_PORT/healthz"
wait_until kube-proxy 60 curl -sf "http://127.0.0.1:$K8S_PROXY_HEALTHZ_PORT/healthz"
wait_until kubelet 90 cluster_is_running
# The kubelet sets kernel.panic_on_oops=1 and kernel.panic=10 once, at its start: on a shared machine a
# kernel oops would then reboot it. The cluster does not need them, so the machine's own values go back.
grep -E '^kernel\.panic(_on_oops)?=' "$K8S_RUN/sysctl.before" | while IFS= read -r setting; do
    sysctl -q -w "$setting" >/dev/null 2>&1 || true
done
# Pods can be created in a namespace once its default ServiceAccount exists.
wait_until kube-controller-manager 60 cluster_api /api/v1/namespaces/default/serviceaccounts/default
# PersistentVolumeClaims bind through the controller-manager's hostPath provisioner (single node, tests only).
storage_class='{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"hostpath",
"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"kubernetes.io/host-path","reclaimPolicy":"Delete"}'
cluster_api /apis/storage.k8s.io/v1/storageclasses/hostpath >/dev/null \
    || cluster_api /apis/storage.k8s.io/v1/storageclasses -X POST -H 'Content-Type: application/json' -d "$storage_class" >/dev/null

# Cluster DNS. cluster-dns.py polls the Services and Endpoints each second and writes their records as a hosts
# file for dnsmasq, which re-reads it on change. dnsmasq answers on the node IP only: from those records for
# cluster.local (authoritative, never forwarded), other names through the host's resolvers (/etc/resolv.conf).
mkdir -p "$K8S_DNS_HOSTS_DIR"
chmod 755 "$K8S_DNS_HOSTS_DIR"
start cluster-dns python3 "$here/cluster-dns.py" watch "https://$node_ip:$K8S_API_PORT" "$pki/ca.crt" \
    "$pki/admin.token" "$K8S_DNS_HOSTS_DIR" "$K8S_CLUSTER_DOMAIN"
wait_until cluster-dns 30 test -s "$K8S_DNS_HOSTS_DIR/cluster.hosts"
start dnsmasq dnsmasq --keep-in-foreground --log-facility=- --conf-file=/dev/null --no-hosts \
    --listen-address="$node_ip" --bind-interfaces --port=53 --hostsdir="$K8S_DNS_HOSTS_DIR" \
    --local="/$K8S_CLUSTER_DOMAIN/" --domain-needed --bogus-priv
wait_until dnsmasq 30 cluster_dns_answers "$node_ip"
# Pods ask the kubelet's --cluster-dns, the kube-dns Service: no selector, its Endpoints name the node IP, and
# kube-proxy routes it there as to any Service.
dns_ports='[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53,"protocol":"TCP"}]'
dns_metadata='{"name":"kube-dns","namespace":"kube-system","labels":{"k8s-app":"kube-dns"}}'
if dns_service="$(cluster_api /api/v1/namespaces/kube-system/services/kube-dns)"; then
    grep -Eq "\"clusterIP\": ?\"$K8S_DNS_IP\"" <<<"$dns_service" \
        || fail "the Service kube-system/kube-dns does not have the ClusterIP $K8S_DNS_IP the kubelet uses; delete it (kubectl -n kube-system delete service kube-dns) and run up.sh again."
else
    cluster_api /api/v1/namespaces/kube-system/services -X POST -H 'Content-Type: application/json' \
        -d "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":$dns_metadata,\"spec\":{\"clusterIP\":\"$K8S_DNS_IP\",\"ports\":$dns_ports}}" \
        >/dev/null || fail "could not create the Service kube-system/kube-dns with ClusterIP $K8S_DNS_IP; is that address taken by another Service (kubectl get services -A)?"
fi
# PUT creates or replaces them: the node IP follows docker0.
cluster_api /api/v1/namespaces/kube-system/endpoints/kube-dns -X PUT -H 'Content-Type: application/json' \
    -d "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",\"metadata\":$dns_metadata,\"subsets\":[{\"addresses\":[{\"ip\":\"$node_ip\"}],\"ports\":$dns_ports}]}" \
    >/dev/null || fail "could not write the Endpoints kube-system/kube-dns."
deadline=$((SECONDS + 30))
until cluster_dns_answers "$K8S_DNS_IP"; do
    ((SECONDS < deadline)) || fail "the cluster DNS answers on $node_ip:53, but not through the kube-dns Service at $K8S_DNS_IP within 30 s: see $K8S_RUN/kube-proxy.log and its rules (iptables -t nat -S | grep kube-dns)."
    sleep 0.3
done
echo "$K8S_CONFIGURATION" >"$K8S_RUN/configuration"
echo "up.sh: Kubernetes $K8S_VERSION is up, with cluster DNS at $K8S_DNS_IP; KUBECONFIG=$K8S_KUBECONFIG"
