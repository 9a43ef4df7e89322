#!/bin/bash
# The part of the official rabbitmq image that AirflowAspire's model relies on: RABBITMQ_DEFAULT_USER and
# RABBITMQ_DEFAULT_PASS name the first user, which may log in from other hosts (the official image's
# 10-defaults.conf opens loopback_users, and its server reads the two variables itself, whatever user the container
# runs as: a pod runs it as 999); the server runs as rabbitmq.
set -Eeuo pipefail

conf=/etc/rabbitmq/conf.d/10-defaults.conf
{
    echo "loopback_users = none"
    echo "listeners.tcp.default = 5672"
    [[ -n "${RABBITMQ_DEFAULT_USER:-}" ]] && echo "default_user = ${RABBITMQ_DEFAULT_USER}"
    [[ -n "${RABBITMQ_DEFAULT_PASS:-}" ]] && echo "default_pass = ${RABBITMQ_DEFAULT_PASS}"
} >"$conf"
chmod 600 "$conf"
unset RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS

if [[ "$(id -u)" == 0 ]]; then
    chown rabbitmq:rabbitmq "$conf" /var/lib/rabbitmq
    exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
fi

exec "$@"
