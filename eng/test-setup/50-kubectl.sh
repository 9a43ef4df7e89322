# kubectl with kustomize v4 or later: the Kubernetes publisher's tests render every published tree with
# `kubectl kustomize`, offline. Debian's kubernetes-client package is too old (its kustomize predates the
# `labels` field), so a missing or old kubectl is reported, not installed.
kubectl_kustomize_major() {
    kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p'
}

if ! command -v kubectl >/dev/null 2>&1; then
    missing "kubectl" "https://kubernetes.io/docs/tasks/tools/ (any kubectl from 1.27 on carries kustomize v5)"
elif [[ "$(kubectl_kustomize_major)" -lt 4 ]]; then
    missing "kubectl with kustomize v4 or later (found: $(kubectl version --client 2>/dev/null | tr '\n' ' '))" \
        "https://kubernetes.io/docs/tasks/tools/"
fi
