# PostgreSQL, Redis and RabbitMQ server binaries: the no-container-runtime tests start their own servers from
# them. The packages' system services must not run (they would hold the default ports and data folders),
# so apt is kept from starting them, and any that apt started anyway are stopped again.

servers_running_before="$(for name in postgres redis-server beam.smp epmd; do pgrep -x "$name" || true; done | tr '\n' ',')"

# policy-rc.d exit 101 tells invoke-rc.d and deb-systemd-invoke not to start services during the install.
servers_policy_added=""
if can_use_apt && [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# Added by AirflowAspire test.sh for one install; it removes this file.\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    servers_policy_added=1
fi

ensure_packages "compgen -G '/usr/lib/postgresql/*/bin/initdb'" postgresql
ensure_packages "command -v redis-server && command -v redis-cli" redis-server
ensure_packages "test -x /usr/lib/rabbitmq/bin/rabbitmq-server" rabbitmq-server

if [[ -n "$servers_policy_added" ]]; then
    rm -f /usr/sbin/policy-rc.d
fi

# stop_started_service NAME PROCESS: stops a service whose processes were not running before this step.
stop_started_service() {
    local name="$1" process="$2" pid started=()
    for pid in $(pgrep -x "$process" || true); do
        [[ ",$servers_running_before," == *",$pid,"* ]] || started+=("$pid")
    done
    [[ ${#started[@]} -gt 0 ]] || return 0
    echo "test.sh: stopping the $name service that its package started; the tests start their own servers."
    if command -v service >/dev/null 2>&1; then
        service "$name" stop >/dev/null 2>&1 || true
    fi
    kill "${started[@]}" 2>/dev/null || true
}
stop_started_service postgresql postgres
stop_started_service redis-server redis-server
stop_started_service rabbitmq-server beam.smp
stop_started_service rabbitmq-server epmd
unset -f stop_started_service
unset servers_running_before servers_policy_added
