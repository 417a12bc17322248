#!/usr/bin/env bash
# CPU per order, per service and per thread, at one fixed rate: the tool behind the before/after figures in
# docs/benchmark.md ("Changes made"). Starts the four packaged services (like bench/run.sh, ports +500, its own
# database obsaga_prof and vhost obsaga-prof, spans to test-support's counting OtlpReceiver) and restarts them once
# their schemas are migrated, warms them up with load-gen, then measures one load and prints the CPU each service
# and each of its thread groups (event loops, JIT compiler, GC...) spent per order. PROFILE_ASYNC=1 also records
# async-profiler stacks of the measured part
# (<out>/<service>.collapsed, for any flame-graph tool), fetched once from Maven Central.
#
#   bench/profile.sh [--rate 20] [--duration 60] [--warmup 60] [--out bench/target/profile-<ts>] [--first-start]
#                    [-- extra JVM options]
#
# --first-start measures the services as started on fresh schemas (each ran its migration, Liquibase stays loaded)
# instead of restarted: the state of an instance that applied a new change set.
#
# PROFILE_JAVA_OPTS replaces deploy/jvm.options (e.g. "-Xmx192m -XX:+UseSerialGC" to measure with C2);
# PROFILE_JAVA picks the java binary of the services (e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESTART=true RATE=20 DUR=60 WARM=60 OUT="bench/target/profile-$(date +%Y%m%d-%H%M%S)"
while (($#)); do
  case $1 in
    --rate) RATE=$2; shift 2 ;;
    --duration) DUR=$2; shift 2 ;;
    --warmup) WARM=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --first-start) RESTART=false; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
EXTRA=("$@")
JAVA_OPTS=${PROFILE_JAVA_OPTS:-$(grep -v '^#' deploy/jvm.options | xargs)}
DB=obsaga_prof VHOST=obsaga-prof SINK_PORT=4719
SERVICES=(customers orders payments notifications)
declare -A HTTP=([customers]=8581 [orders]=8582 [payments]=8583 [notifications]=8584)
declare -A MGMT=([customers]=9581 [orders]=9582 [payments]=9583 [notifications]=9584)
declare -A PID
mkdir -p "$OUT"
for s in "${SERVICES[@]}" load-gen; do
  [[ -f $s/target/quarkus-app/quarkus-run.jar ]] || { echo "$s is not built: ./mvnw -DskipTests install" >&2; exit 1; }
done
[[ -f bench/target/lib/test-support-0.1.0-SNAPSHOT.jar ]] || { echo "bench is not built: ./mvnw -DskipTests install -pl bench -am" >&2; exit 1; }

AP_LIB=""
if [[ ${PROFILE_ASYNC:-0} == 1 ]]; then
  AP_DIR=bench/target/async-profiler
  if [[ ! -f $AP_DIR/linux-x64/libasyncProfiler.so ]]; then
    ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1 >/dev/null
    mkdir -p "$AP_DIR" && (cd "$AP_DIR" && unzip -o -q ~/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar)
  fi
  AP_LIB=$ROOT/$AP_DIR/linux-x64/libasyncProfiler.so
fi

BG=()
cleanup() { for p in "${BG[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost "$VHOST"
# As the services run for real: a token issuer of the benchmark's own (load-gen signs its operator token), and each
# service its own broker user and database role (README: Security), made by the same set-up step as run-local.sh's.
mkdir -p "$OUT/jwt"
JWT_DIR=$(cd "$OUT/jwt" && pwd)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$JWT_DIR/private.pem" 2>/dev/null
openssl pkey -in "$JWT_DIR/private.pem" -pubout -out "$JWT_DIR/public.pem"
for s in "${SERVICES[@]}"; do
  export "RABBITMQ_PASSWORD_${s^^}=$(openssl rand -hex 18)" "DB_PASSWORD_${s^^}=$(openssl rand -hex 18)"
done
java -cp contracts/target/classes dev.obsaga.contracts.access.AccessSetup rabbitmqctl "$VHOST" obsaga-prof- | bash
PSQL_PASSWORDS=()
for s in "${SERVICES[@]}"; do
  db_password="DB_PASSWORD_${s^^}"
  PSQL_PASSWORDS+=(-v "$db_password=${!db_password}")
done
java -cp contracts/target/classes dev.obsaga.contracts.access.AccessSetup sql obsaga_prof_ \
  | psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$DB" -v DB_NAME="$DB" "${PSQL_PASSWORDS[@]}" >/dev/null
export OBSAGA_AUTH_PRIVATE_KEY="$JWT_DIR/private.pem"
# The counting OTLP receiver of test-support (the same one bench/run.sh uses), from the bench module's lib.
java -Xmx64m -XX:+UseSerialGC -cp "bench/target/lib/*" dev.obsaga.testsupport.OtlpReceiver "$SINK_PORT" "$OUT/sink.stats" \
  >"$OUT/sink.log" 2>&1 &
BG+=($!)

start_services() {
  for s in "${SERVICES[@]}"; do
    # shellcheck disable=SC2086
    rabbitmq_password="RABBITMQ_PASSWORD_${s^^}" db_password="DB_PASSWORD_${s^^}"
    env HTTP_PORT="${HTTP[$s]}" MANAGEMENT_PORT="${MGMT[$s]}" CUSTOMERS_GRPC_PORT="${HTTP[customers]}" \
      DB_URL="postgresql://127.0.0.1:5432/$DB" DB_USER="obsaga_prof_$s" DB_PASSWORD="${!db_password}" \
      DB_POOL_MAX_SIZE="${DB_POOL_MAX_SIZE:-10}" RABBITMQ_HOST=127.0.0.1 RABBITMQ_VHOST="$VHOST" \
      RABBITMQ_USER="obsaga-prof-$s" RABBITMQ_PASSWORD="${!rabbitmq_password}" \
      MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$JWT_DIR/public.pem" \
      OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" \
      "${PROFILE_JAVA:-java}" $JAVA_OPTS "${EXTRA[@]}" -jar "$s/target/quarkus-app/quarkus-run.jar" >>"$OUT/$s.log" 2>&1 &
    PID[$s]=$!
    BG+=($!)
    ready=false
    for _ in $(seq 1 1200); do
      curl -fs -o /dev/null "http://127.0.0.1:${MGMT[$s]}/q/health/ready" && { ready=true; break; }
      sleep 0.1
    done
    $ready || { echo "$s not ready after 120 s, see $OUT/$s.log" >&2; exit 1; }
  done
}
stop_services() {
  for s in "${SERVICES[@]}"; do kill "${PID[$s]}"; done
  for s in "${SERVICES[@]}"; do wait "${PID[$s]}" 2>/dev/null || true; done
}
# The first start migrates the fresh schemas; by default the services are measured as they run after that, in a
# restart or in a second replica: with their schemas up to date, and so without Liquibase loaded (SchemaAtStart).
start_services
if $RESTART; then
  stop_services
  start_services
fi

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Thread groups (numbers stripped from thread names) and their CPU ticks.
threads() {
  for t in /proc/"$1"/task/*; do
    echo "$(sed 's/[-#]*[0-9]*$//' "$t/comm" 2>/dev/null | tr -d ' ') $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)"
  done | awk 'NF == 2 {a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
loadgen() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar load-gen/target/quarkus-app/quarkus-run.jar \
    --scenario happy --customers 20 --saga-deadline 30s --progress off --poll-wait 5s \
    --max-polls-in-flight 512 --rate "$RATE" \
    --customers-url "http://127.0.0.1:${HTTP[customers]}" --orders-url "http://127.0.0.1:${HTTP[orders]}" \
    --payments-url "http://127.0.0.1:${HTTP[payments]}" --notifications-url "http://127.0.0.1:${HTTP[notifications]}" \
    --customers-mgmt-url "http://127.0.0.1:${MGMT[customers]}" --orders-mgmt-url "http://127.0.0.1:${MGMT[orders]}" \
    --payments-mgmt-url "http://127.0.0.1:${MGMT[payments]}" \
    --notifications-mgmt-url "http://127.0.0.1:${MGMT[notifications]}" "$@"
}

echo "warm-up: ${WARM}s at $RATE orders/s; JVM: ${PROFILE_JAVA:-java} $JAVA_OPTS ${EXTRA[*]}"
loadgen --duration "${WARM}s" >"$OUT/warmup.out" 2>&1 || true
# The broker and the database are shared with anything else on the machine: their figures are an upper bound.
infra_ticks() { local t=0; for p in $(pgrep "$1"); do t=$((t + $(ticks "$p" 2>/dev/null || echo 0))); done; echo "$t"; }
declare -A C0
RMQ0=$(infra_ticks beam.smp); PG0=$(infra_ticks postgres)
for s in "${SERVICES[@]}"; do
  C0[$s]=$(ticks "${PID[$s]}"); threads "${PID[$s]}" >"$OUT/$s.threads0"
  [[ -n $AP_LIB ]] && jcmd "${PID[$s]}" JVMTI.agent_load "$AP_LIB" '"start,event=itimer,interval=2ms"' >/dev/null
done
echo "measuring: ${DUR}s at $RATE orders/s"
rc=0
loadgen --duration "${DUR}s" --report "$OUT/load.json" >"$OUT/load.out" 2>&1 || rc=$?
HZ=$(getconf CLK_TCK)
n=$(jq '.placement.accepted // 0' "$OUT/load.json" 2>/dev/null || echo 0)
((n > 0)) || { echo "no order accepted (load-gen exit $rc), see $OUT/load.out" >&2; exit 1; }
total=0
{
  echo "rate $RATE orders/s, $n orders accepted, load-gen exit $rc; JVM: $JAVA_OPTS ${EXTRA[*]}"
  for s in "${SERVICES[@]}"; do
    d=$(($(ticks "${PID[$s]}") - C0[$s])); total=$((total + d))
    printf '%-14s %7.2f ms CPU/order  RSS %4d MB\n' "$s" "$(awk -v d="$d" -v n="$n" -v hz="$HZ" 'BEGIN {print d * 1000 / hz / n}')" \
      "$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/${PID[$s]}/status")"
    threads "${PID[$s]}" | join "$OUT/$s.threads0" - | awk -v n="$n" -v hz="$HZ" \
      '{d = ($3 - $2) * 1000 / hz / n; if (d >= 0.1) printf "    %-28s %7.2f\n", $1, d}' | sort -k2 -nr | head -6
    [[ -n $AP_LIB ]] && jcmd "${PID[$s]}" JVMTI.agent_load "$AP_LIB" "\"stop,collapsed,file=$ROOT/$OUT/$s.collapsed\"" >/dev/null
  done
  printf '%-14s %7.2f ms CPU/order\n' "all four" "$(awk -v d="$total" -v n="$n" -v hz="$HZ" 'BEGIN {print d * 1000 / hz / n}')"
  printf '%-14s %7.2f ms CPU/order (whole broker)\n' "rabbitmq" "$(awk -v d="$(($(infra_ticks beam.smp) - RMQ0))" -v n="$n" -v hz="$HZ" 'BEGIN {print d * 1000 / hz / n}')"
  printf '%-14s %7.2f ms CPU/order (whole cluster)\n' "postgresql" "$(awk -v d="$(($(infra_ticks postgres) - PG0))" -v n="$n" -v hz="$HZ" 'BEGIN {print d * 1000 / hz / n}')"
  jq -r '"placement p50 \(.placementLatencyMs.p50Ms) p99 \(.placementLatencyMs.p99Ms) ms; saga p50 \(.sagaDurationMs.p50Ms) p99 \(.sagaDurationMs.p99Ms) ms; lost \(.sagas.lost)"' "$OUT/load.json"
  echo "spans exported: $(awk '{print}' "$OUT/sink.stats" 2>/dev/null | head -1)"
} | tee "$OUT/result.txt"
