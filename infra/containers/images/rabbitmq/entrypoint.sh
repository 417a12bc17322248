#!/bin/sh
# The official image's environment, as RabbitMQ configuration: the default user, password and vhost are created on
# the first boot (an empty data volume). Configuration mounted into conf.d (infra/rabbitmq/rabbitmq.conf) comes
# after this file and wins.
set -eu
{
  echo "loopback_users = none"
  echo "listeners.tcp.default = 5672"
  echo "management.tcp.port = 15672"
  if [ -n "${RABBITMQ_DEFAULT_USER:-}" ]; then echo "default_user = $RABBITMQ_DEFAULT_USER"; fi
  if [ -n "${RABBITMQ_DEFAULT_PASS:-}" ]; then echo "default_pass = $RABBITMQ_DEFAULT_PASS"; fi
  if [ -n "${RABBITMQ_DEFAULT_VHOST:-}" ]; then echo "default_vhost = $RABBITMQ_DEFAULT_VHOST"; fi
} >/etc/rabbitmq/conf.d/10-environment.conf
exec /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
