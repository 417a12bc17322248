#!/bin/sh
# The broker's entrypoint in compose: fills the passwords of the environment into the users of definitions.json
# (generated from the contracts topology by AccessSetup; README: Security), writes the result where
# rabbitmq.conf's load_definitions reads it at boot, then runs the image's own entrypoint ("$@"). The filled-in
# file lives only in the container (/tmp/obsaga, readable by the broker alone); the committed one holds no secret.
# Passwords may not hold a double quote or a backslash (they are written into JSON as they are).
set -eu
template=/etc/obsaga/definitions.json
out=/tmp/obsaga/definitions.json
mkdir -p /tmp/obsaga
umask 077
awk '{
  rest = $0; line = ""
  while (match(rest, /\$\{[A-Z0-9_]+\}/)) {
    name = substr(rest, RSTART + 2, RLENGTH - 3)
    value = ENVIRON[name]
    if (value == "") { print "load-definitions: " name " is not set" > "/dev/stderr"; exit 2 }
    if (value ~ /["\\]/) { print "load-definitions: " name " holds a quote or a backslash" > "/dev/stderr"; exit 2 }
    line = line substr(rest, 1, RSTART - 1) value
    rest = substr(rest, RSTART + RLENGTH)
  }
  print line rest
}' "$template" >"$out"
if [ "$(id -u)" = 0 ]; then
  chown -R rabbitmq:rabbitmq /tmp/obsaga # the official image's entrypoint goes on as the rabbitmq user
fi
exec "$@"
