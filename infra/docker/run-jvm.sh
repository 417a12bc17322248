#!/bin/sh
# Starts a service's fast-jar in its container with the JVM options of deploy/jvm.options (copied next to the jar),
# as run-local.sh, the tests and the benchmark do: JAVA_OPTS replaces them, JAVA_OPTS_APPEND adds to them.
# Plain sh: the UBI runtime image and the local JRE image both have it (grep or xargs are not a given).
set -eu
options=""
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '#'* | '') ;;
    *) options="$options $line" ;;
  esac
done </deployments/jvm.options
# word splitting of the options is intended: one option per word, as in the file
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-$options} -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${JAVA_OPTS_APPEND:-} \
  -jar /deployments/quarkus-run.jar "$@"
