#!/usr/bin/env bash
# Runs the load generator: ./load-gen/run.sh --rate 200 --duration 60s --scenario mixed --report report.json
# Build it first: ./mvnw -B -q -pl load-gen -am install -DskipTests   (from the repository root)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/quarkus-app/quarkus-run.jar"
if [[ ! -f "$jar" ]]; then
  echo "load-gen: $jar not found; build it with: ./mvnw -B -q -pl load-gen -am install -DskipTests" >&2
  exit 3
fi
exec java ${LOAD_GEN_JAVA_OPTS:--Xmx1g} -jar "$jar" "$@"
