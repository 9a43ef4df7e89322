# A real single-node Kubernetes 1.20 (eng/test-cluster): the cluster tests deploy to it. As root on Debian,
# builds it from Debian's source package once (10 to 20 minutes on 2 cores; cached outside the clone), starts
# it when it does not run yet, and exports AIRFLOWASPIRE_TEST_KUBECONFIG for the tests. A kubeconfig already
# in AIRFLOWASPIRE_TEST_KUBECONFIG is used as it is: then the tests create and delete namespaces there.
# A cluster this step starts is stopped when test.sh ends (test_cluster_stop), unless
# AIRFLOWASPIRE_KEEP_TEST_CLUSTER=1; one that already ran is left running, as it was found.

kubernetes_setup() {
    local cluster=eng/test-cluster kubeconfig status=0
    if [[ -n "${AIRFLOWASPIRE_TEST_KUBECONFIG:-}" ]]; then
        echo "test.sh: the cluster tests use AIRFLOWASPIRE_TEST_KUBECONFIG=$AIRFLOWASPIRE_TEST_KUBECONFIG"
        return 0
    fi
    if ! can_use_apt; then
        missing "a Kubernetes test cluster" \
            "as root on Debian: $cluster/build.sh && $cluster/up.sh, then export AIRFLOWASPIRE_TEST_KUBECONFIG=<the kubeconfig it names>"
        return
    fi
    if ! timeout 20 docker info >/dev/null 2>&1; then
        missing "a Kubernetes test cluster" "it runs on the local docker engine, which does not answer (see above)"
        return
    fi

    kubeconfig="$(bash -c "source $cluster/common.sh && echo \"\$K8S_KUBECONFIG\"")"
    if ! timeout 3600 bash "$cluster/build.sh"; then
        missing "Kubernetes 1.20.2 built from Debian's source package" "see why above, then run $cluster/build.sh"
        return
    fi
    if ! bash -c "source $cluster/common.sh && cluster_is_running"; then
        test_cluster_started_here=1
    fi
    timeout 600 bash "$cluster/up.sh" || status=$?
    if [[ "$status" == 3 ]]; then
        missing "a docker engine that can start Kubernetes pods (dockerd runs without the oomfix runtime; test.sh does not restart a running dockerd)" \
            "restart dockerd as shown above"
        return
    elif [[ "$status" != 0 ]]; then
        missing "a running Kubernetes test cluster" "see why above and the logs in ${kubeconfig%/*}/, then run $cluster/up.sh"
        return
    fi
    export AIRFLOWASPIRE_TEST_KUBECONFIG="$kubeconfig"
}

# Called when test.sh ends: the cluster's etcd, API server and kubelet are root's to reach, but a cluster nobody
# uses should not keep running.
test_cluster_stop() {
    if [[ "${test_cluster_started_here:-}" == 1 && "${AIRFLOWASPIRE_KEEP_TEST_CLUSTER:-}" != 1 ]]; then
        echo "test.sh: stopping the test cluster it started (AIRFLOWASPIRE_KEEP_TEST_CLUSTER=1 keeps it running)"
        bash eng/test-cluster/down.sh || true
    fi
}

test_cluster_started_here=""
kubernetes_setup
unset -f kubernetes_setup
