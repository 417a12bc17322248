#!/usr/bin/env bash
# podman as a Docker engine for docker-compose on machines of our kind (no Docker, no systemd), shared by the
# container test and by people:
#   - CONTAINERS_CONF=infra/containers/containers.conf (runc, default ulimits, netavark: CONTAINERS-FACTS);
#   - `podman system service` on a socket of our own, for DOCKER_HOST;
#   - a loop running `podman healthcheck run` for every running container with a healthcheck: without systemd
#     podman never schedules them, and a health stays "starting" (depends_on: service_healthy would wait forever).
#
#   eval "$(infra/containers/podman.sh start)"   start both (if not running) and export DOCKER_HOST, CONTAINERS_CONF
#                                                and the local host ports of infra/containers/local.env
#   infra/containers/podman.sh env               only print those exports
#   infra/containers/podman.sh stop              stop the service and the health loop
# Knobs: OBSAGA_PODMAN_DIR (socket, pid and log files; default /run/obsaga-podman), OBSAGA_HEALTH_INTERVAL (seconds
# between two rounds of healthchecks, default 2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${OBSAGA_PODMAN_DIR:-/run/obsaga-podman}
interval=${OBSAGA_HEALTH_INTERVAL:-2}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}
socket=$dir/podman.sock

running() { [[ -f "$dir/$1.pid" ]] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

health_loop() {
  while true; do
    # "Up 3 seconds (starting)", "Up 1 minute (healthy)": only containers with a healthcheck have the parenthesis.
    # podman reads stdin: without </dev/null the first check would swallow the other containers' ids.
    podman ps --format '{{.ID}} {{.Status}}' 2>/dev/null | awk '/\((starting|healthy|unhealthy)\)/ {print $1}' \
      | while read -r id; do podman healthcheck run "$id" </dev/null >/dev/null 2>&1 || true; done
    sleep "$interval"
  done
}

print_env() {
  echo "export CONTAINERS_CONF='$CONTAINERS_CONF'"
  echo "export DOCKER_HOST='unix://$socket'"
  # the local override's host ports, unless the environment already sets them
  while IFS='=' read -r name value; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ -n "${!name:-}" ]] && value=${!name}
    echo "export $name='$value'"
  done <"$here/local.env"
}

start() {
  mkdir -p "$dir"
  if ! running service; then
    rm -f "$socket"
    setsid podman system service --time=0 "unix://$socket" >"$dir/service.log" 2>&1 </dev/null &
    echo $! >"$dir/service.pid"
    for _ in $(seq 100); do [[ -S "$socket" ]] && break; sleep 0.1; done
    [[ -S "$socket" ]] || { echo "podman system service did not open $socket:" >&2; cat "$dir/service.log" >&2; exit 1; }
  fi
  if ! running health; then
    health_loop >/dev/null 2>&1 </dev/null &
    echo $! >"$dir/health.pid"
  fi
  print_env
}

stop() {
  for name in health service; do
    if running "$name"; then kill "$(cat "$dir/$name.pid")" 2>/dev/null || true; fi
    rm -f "$dir/$name.pid"
  done
}

case "${1:-}" in
  start) start ;;
  env) print_env ;;
  stop) stop ;;
  *) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac
