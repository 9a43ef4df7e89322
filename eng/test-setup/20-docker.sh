# Docker: the container runtime tests run real containers. Installs Debian's docker.io and debootstrap,
# starts dockerd when no engine answers (there is no systemd in CI's sandbox), and builds the test images
# from Debian's packages (tests/images/build.sh; no registry can be reached). Quiet once all is in place.
# A dockerd this step starts runs the runc wrapper eng/test-cluster/runc-oomfix as its default runtime: some
# VMs refuse a negative oom_score_adj even to root, and the test cluster's kubelet asks for one on every pod.

docker_log=/tmp/airflowaspire-dockerd.log
# Outside the clone: the engine outlives test.sh and may outlive the clone.
docker_oomfix=/usr/local/libexec/airflowaspire/runc-oomfix

docker_engine_answers() {
    timeout 20 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# docker_wait_for_engine PID: waits up to 60 s for the engine to answer, giving up early if PID exits.
docker_wait_for_engine() {
    local pid="$1" waited
    for ((waited = 0; waited < 120; waited++)); do
        docker_engine_answers && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.5
    done
    return 1
}

# A machine booted without an init may not have mounted the cgroup file system, which runc needs.
docker_mount_cgroups() {
    if [[ ! -e /sys/fs/cgroup/cgroup.controllers && ! -d /sys/fs/cgroup/memory ]]; then
        mkdir -p /sys/fs/cgroup
        mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null \
            || echo "test.sh: no cgroup file system at /sys/fs/cgroup, and mounting one failed; containers may not start." >&2
    fi
}

# Starts dockerd in the background. Where the defaults fail, the next try drops what the log blames:
# overlay2 (e.g. a root file system that is itself an overlay) for vfs, iptables (no netfilter in a
# nested sandbox) for none; the test images build on the host network and need neither.
docker_start_engine() {
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
        systemctl start docker >/dev/null 2>&1 && docker_engine_answers && return 0
    fi

    docker_mount_cgroups
    touch "$docker_log"
    local options=() attempt pid from failure
    if mkdir -p "${docker_oomfix%/*}" && install -m 755 eng/test-cluster/runc-oomfix "$docker_oomfix.new" \
        && mv -f "$docker_oomfix.new" "$docker_oomfix"; then
        options=(--add-runtime "oomfix=$docker_oomfix" --default-runtime oomfix)
    else
        echo "test.sh: could not install $docker_oomfix; dockerd runs plain runc, on which the test cluster may not start pods." >&2
    fi
    for attempt in 1 2 3; do
        from=$(($(wc -l <"$docker_log") + 1))
        echo "test.sh: starting dockerd${options[*]:+ ${options[*]}} in the background; its log: $docker_log"
        # setsid: the engine outlives test.sh and a Ctrl-C of the tests does not reach it.
        setsid dockerd "${options[@]}" >>"$docker_log" 2>&1 </dev/null &
        pid=$!
        docker_wait_for_engine "$pid" && return 0

        kill "$pid" 2>/dev/null || true
        timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
        failure="$(tail -n "+$from" "$docker_log")"
        if [[ " ${options[*]:-} " != *storage-driver* ]] && grep -qiE 'overlay|graphdriver|storage.driver' <<<"$failure"; then
            options+=(--storage-driver=vfs)
        elif [[ " ${options[*]:-} " != *iptables* ]] && grep -qiE 'iptables|nf_tables|netfilter' <<<"$failure"; then
            options+=(--iptables=false)
        else
            break
        fi
    done
    echo "test.sh: dockerd did not start (try $attempt). The end of $docker_log:" >&2
    tail -n 20 "$docker_log" >&2
    return 1
}

docker_setup() {
    if ! docker_engine_answers && ! command -v dockerd >/dev/null 2>&1; then
        if can_use_apt; then
            apt_install docker.io || echo "test.sh: apt-get could not install docker.io" >&2
        fi
    fi
    if ! docker_engine_answers; then
        if [[ "$(id -u)" == 0 ]] && command -v dockerd >/dev/null 2>&1; then
            docker_start_engine || { missing "a running Docker engine" "see $docker_log for why dockerd did not start"; return; }
        elif [[ "$(docker version 2>&1 || true)" == *"permission denied"* ]]; then
            missing "access to the Docker engine" "add your user to the docker group (sudo usermod -aG docker \$USER), then log in again"
            return
        else
            missing "a running Docker engine" \
                "apt-get install docker.io and start it (sudo systemctl start docker), or Docker Desktop"
            return
        fi
    fi

    # debootstrap makes the base image; without apt, build.sh says so only if that image must be built.
    if can_use_apt; then
        ensure_packages "command -v debootstrap && test -e /usr/share/keyrings/debian-archive-keyring.gpg && command -v docker-compose" \
            debootstrap debian-archive-keyring docker-compose
    fi
    if ! timeout 1500 bash tests/images/build.sh; then
        missing "the container test images" "run tests/images/build.sh as root (it needs debootstrap and Docker)"
    fi
}

docker_setup
unset -f docker_engine_answers docker_wait_for_engine docker_mount_cgroups docker_start_engine docker_setup
unset docker_log docker_oomfix
