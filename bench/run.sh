#!/usr/bin/env bash
# The obsaga benchmark, one command. The logic is Java (the bench module, dev.obsaga.bench.BenchMain); this entry
# only makes sure the jars are built, PerfTest is fetched and the run has a private copy of the packaged apps.
#
#   bench/run.sh --quick          a short run: checks that every phase works (~15-20 min on 2 cores)
#   bench/run.sh                  the full benchmark (~1-1.5 h on 2 cores; longer with C2)
#   bench/run.sh --help           every option (JVM options, Java 25 + AOT cache, rates, windows, phases to skip)
#
# Tables go to stdout (and <out>/summary.txt), progress to stderr; raw outputs in bench/target/<timestamp>/.
# docs/benchmark.md explains the method and every figure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SERVICES=(customers orders payments notifications)

for a in "$@"; do
  if [[ $a == -h || $a == --help ]]; then
    [[ -f bench/target/obsaga-bench.jar ]] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }
    exec java -jar bench/target/obsaga-bench.jar --help
  fi
done

need_build=false
for m in "${SERVICES[@]}" load-gen; do [[ -f $m/target/quarkus-app/quarkus-run.jar ]] || need_build=true; done
[[ -f bench/target/obsaga-bench.jar ]] || need_build=true
if $need_build; then
  echo "bench/run.sh: building the services, load-gen and the bench (./mvnw -DskipTests install)" >&2
  ./mvnw -B -q -DskipTests install -pl customers,orders,payments,notifications,load-gen,bench -am >&2
fi
if ! ls bench/target/perftest/lib/perf-test-*.jar >/dev/null 2>&1; then
  echo "bench/run.sh: fetching RabbitMQ PerfTest (bench/perftest/pom.xml)" >&2
  ./mvnw -B -q -f bench/perftest/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$ROOT/bench/target/perftest/lib" >&2
fi
# A private copy of the packaged apps: a build running on the same machine cannot swap a jar under the run.
mkdir -p bench/target/apps
for m in "${SERVICES[@]}" load-gen; do
  rm -rf "bench/target/apps/$m"
  cp -rp "$m/target/quarkus-app" "bench/target/apps/$m"
done

# The bench runs on C1 with a small heap: it only starts processes and reads /proc, and must not compete.
exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar bench/target/obsaga-bench.jar "$@"
