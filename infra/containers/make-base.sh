#!/usr/bin/env bash
# Local stand-ins for the images infra/docker-compose.yml pulls, made from Debian alone (no registry is reachable on
# our machines): a debootstrapped bookworm base, a JDK build image, a JRE runtime image, RabbitMQ (management +
# prometheus plugins), PostgreSQL, Prometheus, Alertmanager and the Slack-compatible sink. Idempotent: an image whose
# inputs (its folder under images/ and the base it builds on) are unchanged is skipped; the base is made once.
#
#   infra/containers/make-base.sh            make what is missing or stale
#   infra/containers/make-base.sh --list     print the images' names
#   OBSAGA_DEBIAN_MIRROR=<url>               debootstrap's mirror (default: the one apt uses here)
#   OBSAGA_LOCAL_CA_DIR=<dir>                certificate authorities the images trust besides Debian's (default: the
#                                            host's /usr/local/share/ca-certificates), so that a build inside reaches
#                                            HTTPS endpoints (Maven Central) exactly as the host does
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}

BASE=localhost/obsaga-base:bookworm
# name:tag and the folder under images/ it is built from, in build order (each on BASE, nothing else)
IMAGES=(
  "localhost/obsaga-jdk:17 jdk"
  "localhost/obsaga-jre:17 jre"
  "localhost/obsaga-rabbitmq:3 rabbitmq"
  "localhost/obsaga-postgres:15 postgres"
  "localhost/obsaga-prometheus:2 prometheus"
  "localhost/obsaga-alertmanager:0 alertmanager"
  "localhost/obsaga-slack-sink:1 slack-sink"
)

if [[ "${1:-}" == "--list" ]]; then
  echo "$BASE"; for entry in "${IMAGES[@]}"; do echo "${entry%% *}"; done; exit 0
fi

log() { printf '== %s\n' "$*" >&2; }

mirror() {
  if [[ -n "${OBSAGA_DEBIAN_MIRROR:-}" ]]; then echo "$OBSAGA_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null \
    | grep -v security | head -n1 | awk '{print $2}')
  echo "${uri:-http://deb.debian.org/debian}"
}

make_base() {
  if podman image exists "$BASE"; then log "$BASE exists"; return; fi
  local root started=$SECONDS
  root=$(mktemp -d /var/tmp/obsaga-bookworm.XXXXXX)
  log "debootstrap bookworm (minbase) from $(mirror)"
  debootstrap --variant=minbase bookworm "$root" "$(mirror)" >&2
  # No init system in a container: packages must not try to start their services when installed.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  # The host's own certificate authorities: ca-certificates (installed by the images that need it) adds them.
  local cas=${OBSAGA_LOCAL_CA_DIR:-/usr/local/share/ca-certificates}
  if compgen -G "$cas/*.crt" >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp "$cas"/*.crt "$root/usr/local/share/ca-certificates/"
  fi
  # apt's lists stay in the base: each image below installs from them without its own apt-get update
  chroot "$root" apt-get update -qq >&2
  chroot "$root" apt-get clean
  tar -C "$root" -c . | podman import --change 'CMD ["/bin/bash"]' - "$BASE" >/dev/null
  rm -rf "$root"
  log "$BASE made in $((SECONDS - started)) s"
}

# A digest of what an image is made of: its folder and the base image's id.
inputs_hash() {
  { podman image inspect --format '{{.Id}}' "$BASE"; (cd "$here/images/$1" && find . -type f | sort | xargs sha256sum); } \
    | sha256sum | cut -c1-16
}

make_image() {
  local name=$1 dir=$2 hash current started=$SECONDS
  hash=$(inputs_hash "$dir")
  current=$(podman image inspect --format '{{index .Labels "obsaga.inputs"}}' "$name" 2>/dev/null || true)
  if [[ "$current" == "$hash" ]]; then log "$name is up to date"; return; fi
  log "building $name"
  # --format docker keeps HEALTHCHECK instructions (the OCI format has none)
  podman build --format docker --build-arg "BASE=$BASE" --label "obsaga.inputs=$hash" -t "$name" \
    "$here/images/$dir" >&2
  log "$name built in $((SECONDS - started)) s"
}

make_base
for entry in "${IMAGES[@]}"; do
  make_image ${entry}
done
