#!/bin/bash
# The part of the official rabbitmq image that AirflowAspire's model relies on: RABBITMQ_DEFAULT_USER and
# RABBITMQ_DEFAULT_PASS name the first user, which may log in from other hosts; the server runs as rabbitmq.
set -Eeuo pipefail

if [[ "$(id -u)" == 0 ]]; then
    conf=/etc/rabbitmq/conf.d/10-defaults.conf
    {
        echo "loopback_users = none"
        echo "listeners.tcp.default = 5672"
        [[ -n "${RABBITMQ_DEFAULT_USER:-}" ]] && echo "default_user = ${RABBITMQ_DEFAULT_USER}"
        [[ -n "${RABBITMQ_DEFAULT_PASS:-}" ]] && echo "default_pass = ${RABBITMQ_DEFAULT_PASS}"
    } >"$conf"
    chown rabbitmq:rabbitmq "$conf" /var/lib/rabbitmq
    chmod 600 "$conf"
    unset RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS
    exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "${BASH_SOURCE[0]}" "$@"
fi

exec "$@"
