#!/usr/bin/env bash
# The obsaga benchmark: saga throughput, latency, telemetry overhead, start-up and memory, in one command,
# on the machine it runs on. A benchmark, not a test: it asserts nothing, it measures and prints.
#
#   bench/run.sh            the full benchmark (15-40 min on 2 cores, longer the higher the ceiling)
#   bench/run.sh --quick    the same steps, shortened (< 5 min)
#   bench/run.sh --report bench/target/<timestamp>    print the table of an earlier run again
#
# Steps: (1) RabbitMQ PerfTest ceiling  (2) start the four services one by one: time to ready, idle RSS
# (3) JIT warm-up, then step the `happy` rate up until saga p99 > 250 ms, an error or a lost order
# (4) placement/saga percentiles at fixed rates  (5) the same search with telemetry off -> ratio
# (6) RSS under load, one /q/metrics scrape  (7) broker efficiency. Raw outputs: bench/target/<timestamp>/.
# docs/benchmark.md explains every figure and every knob (BENCH_* environment variables).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

Knobs (environment): BENCH_PORT_OFFSET (400: HTTP 8481-8484, management 9481-9484, OTLP sink 4718),
BENCH_DB (obsaga_bench), BENCH_VHOST (obsaga-bench), BENCH_JAVA_OPTS (deploy/jvm.options),
BENCH_SERVICE_OPTS (extra options for every service), BENCH_SERVICE_OPTS_<service> (for one service),
BENCH_CONCURRENCY (N consumers per queue, obsaga.messaging.consumer-concurrency; the services' default is 4),
BENCH_SERVICE_ENV ("K=V ..." extra environment of every service), BENCH_DB_POOL,
BENCH_P99_LIMIT_MS (250), BENCH_START_RATE, BENCH_WARMUP_RATE, BENCH_FIXED_RATES ("250 500 1000"),
BENCH_STEP_S, BENCH_WARMUP_S, BENCH_FIXED_S, BENCH_PERFTEST_S, BENCH_POLL_MIN/MAX, BENCH_APPCDS=1,
BENCH_SKIP_TELEMETRY_OFF=1, BENCH_SKIP_PERFTEST=1.
EOF
}

MODE=full
REPORT_ONLY=""
while (($#)); do
  case "$1" in
    --quick) MODE=quick ;;
    # Re-prints the table of an earlier run from its raw outputs (bench/target/<timestamp>).
    --report) REPORT_ONLY=$(cd "${2:?--report needs a directory}" && pwd); shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (try --help)" >&2; exit 3 ;;
  esac
  shift
done

# ---------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------
OFFSET=${BENCH_PORT_OFFSET:-400}
DB_NAME=${BENCH_DB:-obsaga_bench}
VHOST=${BENCH_VHOST:-obsaga-bench}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
RABBIT_HOST=${BENCH_RABBITMQ_HOST:-127.0.0.1}
RABBIT_PORT=${BENCH_RABBITMQ_PORT:-5672}
RABBIT_PROM=${BENCH_RABBITMQ_PROMETHEUS:-http://127.0.0.1:15692}
SERVICE_JAVA_OPTS=${BENCH_JAVA_OPTS:-$(grep -v '^#' "$ROOT/deploy/jvm.options" | xargs)}
SERVICE_EXTRA_OPTS=${BENCH_SERVICE_OPTS:-}
P99_LIMIT_MS=${BENCH_P99_LIMIT_MS:-250}
FIXED_RATES=${BENCH_FIXED_RATES:-250 500 1000}
# A fresh load-gen JVM per load: C1 only, or C2 compiling during every short step costs more than it saves.
LOAD_GEN_JAVA_OPTS=${LOAD_GEN_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
READY_TIMEOUT_S=${BENCH_READY_TIMEOUT_S:-60}
if [[ $MODE == quick ]]; then
  STEP_S=${BENCH_STEP_S:-6}; STEP_WARM_S=${BENCH_STEP_WARM_S:-2}; WARMUP_S=${BENCH_WARMUP_S:-10}
  FIXED_S=${BENCH_FIXED_S:-6}; REFINE=${BENCH_REFINE:-1}; MAX_STEPS=${BENCH_MAX_STEPS:-7}; GROWTH=${BENCH_GROWTH:-2}
  OFF_GROWTH=1.25; OFF_MAX_STEPS=${BENCH_OFF_MAX_STEPS:-3}; DRAIN_S=${BENCH_DRAIN_S:-30}; IDLE_S=2
else
  STEP_S=${BENCH_STEP_S:-30}; STEP_WARM_S=${BENCH_STEP_WARM_S:-5}; WARMUP_S=${BENCH_WARMUP_S:-60}
  FIXED_S=${BENCH_FIXED_S:-60}; REFINE=${BENCH_REFINE:-3}; MAX_STEPS=${BENCH_MAX_STEPS:-16}; GROWTH=${BENCH_GROWTH:-1.4}
  OFF_GROWTH=1.15; OFF_MAX_STEPS=${BENCH_OFF_MAX_STEPS:-8}; DRAIN_S=${BENCH_DRAIN_S:-120}; IDLE_S=10
fi
# PerfTest runs as long as one load step (settling included).
PERFTEST_S=${BENCH_PERFTEST_S:-$((STEP_S + STEP_WARM_S))}
START_RATE=${BENCH_START_RATE:-30}
WARMUP_RATE=${BENCH_WARMUP_RATE:-30}
MSG_SIZE=${BENCH_MSG_SIZE:-512}
# load-gen polls GET /orders/{id} to see each saga end. Finer polling reads the saga closer but costs orders CPU:
# a slow saga polled every 25 ms made the polls the largest CPU consumer of orders (docs/benchmark.md).
POLL_MIN=${BENCH_POLL_MIN:-10ms}
POLL_MAX=${BENCH_POLL_MAX:-50ms}
SEED=${BENCH_SEED:-20261122}
# Messages one happy order puts through the broker: order.created, payment.succeeded, order.confirmed.
MSGS_PER_ORDER=3

SERVICES=(customers orders payments notifications)
declare -A HTTP MGMT
i=0
for s in "${SERVICES[@]}"; do
  HTTP[$s]=$((8081 + OFFSET + i)); MGMT[$s]=$((9081 + OFFSET + i)); i=$((i + 1))
done
SINK_PORT=$((4318 + OFFSET))
# The channels whose connector tracing the telemetry-off run switches off, per service.
declare -A CHANNELS_OUT=([customers]=outbox [orders]=outbox [payments]=outbox [notifications]=)
declare -A CHANNELS_IN=([customers]= [orders]=orders-payment-results [payments]=payments-order-created
  [notifications]="notifications-customer-events notifications-order-outcomes")

STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$ROOT/bench/target/$STAMP"
[[ -n $REPORT_ONLY ]] && OUT=$REPORT_ONLY
APPS="$ROOT/bench/target/apps"
CDS_DIR="$ROOT/bench/target/cds"
PERFTEST_LIB="$ROOT/bench/target/perftest/lib"
mkdir -p "$OUT"
REPORT="$OUT/summary.txt"

# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/bench.log" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# CPU time (user + system) of a process, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
CLK_TCK=$(getconf CLK_TCK)
fmt() { LC_ALL=C printf "%.${2:-1}f" "${1:-0}"; }
calc() { LC_ALL=C awk "BEGIN { printf \"%.6g\", $* }"; }
psql_q() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

declare -A SVC_PID=()
BG_PIDS=()   # sampler, load-gen, PerfTest, sink: everything else this script started

kill_pid() {
  local pid=$1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_services() {
  local s
  for s in "${!SVC_PID[@]}"; do kill -TERM "${SVC_PID[$s]}" 2>/dev/null || true; done
  for s in "${!SVC_PID[@]}"; do kill_pid "${SVC_PID[$s]}"; wait "${SVC_PID[$s]}" 2>/dev/null || true; done
  SVC_PID=()
}

cleanup() {
  local code=$?
  trap - INT TERM EXIT
  local pid
  for pid in "${BG_PIDS[@]}"; do kill_pid "$pid"; done
  stop_services
  [[ $code -ne 0 ]] && log "stopped (exit $code); raw outputs in $OUT"
  exit "$code"
}
trap cleanup EXIT
trap 'log "failed: line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the background and waits for it, so that Ctrl-C reaches the trap at once.
run_bg() {
  "$@" &
  local pid=$!
  BG_PIDS+=("$pid")
  local rc=0
  wait "$pid" || rc=$?
  return $rc
}

# ---------------------------------------------------------------------------------------------------------
# Preflight: tools, jars, PerfTest, the database and the vhost of our own
# ---------------------------------------------------------------------------------------------------------
preflight() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      log "installing ${missing[*]} (apt-get)"
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      die "missing tools: ${missing[*]}"
    fi
  fi
  command -v rabbitmqctl >/dev/null || die "rabbitmqctl not found: the benchmark needs the machine's RabbitMQ (its vhost is made with rabbitmqctl)"
  psql_q -d postgres -c 'select 1' >/dev/null || die "PostgreSQL not reachable at $PG_HOST:$PG_PORT as $PG_USER"
  port_open "$RABBIT_PORT" || die "RabbitMQ not reachable on port $RABBIT_PORT"
  # Queue depths (the backlog column and the drain between steps) come from RabbitMQ's Prometheus endpoint.
  if [[ $RABBIT_PROM == http://127.0.0.1:15692 ]] && ! port_open 15692; then
    log "enabling RabbitMQ's rabbitmq_prometheus plugin (queue depths on :15692)"
    rabbitmq-plugins enable --quiet rabbitmq_prometheus >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do port_open 15692 && break; sleep 0.1; done
  fi
  curl -fs -o /dev/null --max-time 5 "$RABBIT_PROM/metrics" ||
    die "RabbitMQ's Prometheus endpoint $RABBIT_PROM does not answer (rabbitmq-plugins enable rabbitmq_prometheus)"

  local port
  for port in "${HTTP[@]}" "${MGMT[@]}" "$SINK_PORT"; do
    port_open "$port" && die "port $port is in use (another benchmark? set BENCH_PORT_OFFSET)"
  done

  local jar need_build=false
  for s in "${SERVICES[@]}" load-gen; do
    [[ -f "$s/target/quarkus-app/quarkus-run.jar" ]] || need_build=true
  done
  if $need_build; then
    log "building the services and load-gen (./mvnw -DskipTests install)"
    ./mvnw -B -q -DskipTests install -pl customers,orders,payments,notifications,load-gen -am >"$OUT/build.log" 2>&1 \
      || die "build failed, see $OUT/build.log"
  fi
  # A private copy of the packaged apps: a build running on the same machine cannot swap them mid-run.
  mkdir -p "$APPS"
  for s in "${SERVICES[@]}" load-gen; do
    rm -rf "${APPS:?}/$s"
    cp -rp "$s/target/quarkus-app" "$APPS/$s"
  done
  for s in "${SERVICES[@]}"; do
    jar="$s/target/quarkus-app/quarkus-run.jar"
    printf '%s %s\n' "$s" "$(date -r "$jar" '+%Y-%m-%dT%H:%M:%S')" >>"$OUT/jars.txt"
  done
  (cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown) >"$OUT/commit.txt"
  git -C "$ROOT" status --short -- commons contracts customers orders payments notifications >>"$OUT/commit.txt" 2>/dev/null || true

  if [[ ${BENCH_SKIP_PERFTEST:-0} != 1 ]] && ! ls "$PERFTEST_LIB"/perf-test-*.jar >/dev/null 2>&1; then
    log "fetching RabbitMQ PerfTest from Maven Central (bench/perftest/pom.xml)"
    ./mvnw -B -q -f bench/perftest/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$PERFTEST_LIB" >"$OUT/perftest-fetch.log" 2>&1 || die "PerfTest could not be fetched, see $OUT/perftest-fetch.log"
  fi

  # Four pools must fit in what the shared PostgreSQL has left.
  local max used free
  max=$(psql_q -d postgres -c 'show max_connections')
  used=$(psql_q -d postgres -c 'select count(*) from pg_stat_activity')
  free=$((max - used - 10))
  DB_POOL=${BENCH_DB_POOL:-20}
  if ((4 * DB_POOL > free)); then
    local fit=$((free / 4)); ((fit < 4)) && fit=4
    log "PostgreSQL has $free free connections of $max: pool size $DB_POOL -> $fit per service"
    DB_POOL=$fit
  fi
}

# A fresh database and vhost (ours alone), so every phase starts from the same empty state.
reset_state() {
  psql_q -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
  psql_q -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null
  rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true
  rabbitmqctl -q add_vhost "$VHOST" >/dev/null
  rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
}

# ---------------------------------------------------------------------------------------------------------
# (1) The broker ceiling: PerfTest, persistent messages of our size, publisher confirms, manual acks
# ---------------------------------------------------------------------------------------------------------
PERFTEST_RATE=0
run_perftest() {
  if [[ ${BENCH_SKIP_PERFTEST:-0} == 1 ]]; then log "PerfTest skipped"; return; fi
  log "(1) PerfTest: 1 producer, 1 consumer, persistent ${MSG_SIZE}-byte messages, confirms (100 in flight), ${PERFTEST_S}s"
  local out="$OUT/perftest.txt"
  run_bg java -Xmx256m -cp "$PERFTEST_LIB/*" com.rabbitmq.perf.PerfTest \
    -h "amqp://guest:guest@$RABBIT_HOST:$RABBIT_PORT/$VHOST" -x 1 -y 1 -f persistent -c 100 -q 200 \
    -s "$MSG_SIZE" -z "$PERFTEST_S" -u bench-perftest -ad true -i 1 >"$out" 2>&1 || log "PerfTest exited non-zero, see $out"
  # The steady rate: the median of the per-second "received" figures, leaving out the first two seconds.
  PERFTEST_RATE=$(grep -o 'received: [0-9]* msg/s' "$out" | awk 'NR > 2 {print $2}' | sort -n |
    awk '{a[NR] = $1} END {if (NR == 0) print 0; else print a[int((NR + 1) / 2)]}')
  PERFTEST_AVG=$(sed -n 's/.*receiving rate avg: \([0-9]*\) msg\/s.*/\1/p' "$out" | tail -1)
  PERFTEST_LAT=$(sed -n 's/.*consumer latency min\/median\/75th\/95th\/99th \([0-9\/]*\) µs.*/\1/p' "$out" | tail -1)
  log "    PerfTest: ${PERFTEST_RATE} msg/s steady (median per second), ${PERFTEST_AVG:-?} msg/s average"
}

# ---------------------------------------------------------------------------------------------------------
# (2) The services
# ---------------------------------------------------------------------------------------------------------
declare -A READY_S READY_CPU_S STARTED_S IDLE_RSS_MB
# launch_service SERVICE TELEMETRY LOGFILE [extra java options...]: starts one service in the background and
# sets SVC_PID[SERVICE]; the command line goes to LOGFILE.cmd.
launch_service() {
  local s=$1 telemetry=$2 logfile=$3 ch
  shift 3
  local opts="$SERVICE_JAVA_OPTS $SERVICE_EXTRA_OPTS" per="BENCH_SERVICE_OPTS_$s"
  opts+=" ${!per:-}"
  # BENCH_CONCURRENCY=N: N consumers per queue (the services' own knob: copies, health checks, prefetch).
  if [[ -n ${BENCH_CONCURRENCY:-} ]]; then
    opts+=" -Dobsaga.messaging.consumer-concurrency=$BENCH_CONCURRENCY"
  fi
  # BENCH_APPCDS=1: start from a class-data-sharing archive of the service (made by prepare_appcds).
  if [[ ${BENCH_APPCDS:-0} == 1 && -f "$CDS_DIR/$s.jsa" && " $* " != *ArchiveClassesAtExit* ]]; then
    opts+=" -XX:SharedArchiveFile=$CDS_DIR/$s.jsa"
  fi
  # The exporter is pointed at our sink, so a failed export never shows up as cheap "connection refused".
  local env=(HTTP_PORT="${HTTP[$s]}" MANAGEMENT_PORT="${MGMT[$s]}" CUSTOMERS_GRPC_PORT="${HTTP[customers]}"
    DB_URL="postgresql://$PG_HOST:$PG_PORT/$DB_NAME" DB_USER="$PG_USER" DB_POOL_MAX_SIZE="$DB_POOL"
    RABBITMQ_HOST="$RABBIT_HOST" RABBITMQ_PORT="$RABBIT_PORT" RABBITMQ_VHOST="$VHOST"
    OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" OBSAGA_FAULTS_ENABLED=false)
  # BENCH_SERVICE_ENV="K=V ...": extra environment for every service (e.g. MALLOC_ARENA_MAX=2).
  # shellcheck disable=SC2206
  [[ -n ${BENCH_SERVICE_ENV:-} ]] && env+=(${BENCH_SERVICE_ENV})
  if [[ $telemetry == off ]]; then
    env+=(OTEL_SDK_DISABLED=true QUARKUS_LOG_CONSOLE_JSON_ENABLED=false)
    for ch in ${CHANNELS_OUT[$s]}; do opts+=" -Dmp.messaging.outgoing.$ch.tracing.enabled=false"; done
    for ch in ${CHANNELS_IN[$s]}; do opts+=" -Dmp.messaging.incoming.$ch.tracing.enabled=false"; done
    # The custom metrics switch proposed in docs/benchmark.md; without it in the services this does nothing.
    opts+=" -Dobsaga.metrics.custom.enabled=false"
  fi
  opts+=" $*"
  echo "env ${env[*]} java $opts -jar $APPS/$s/quarkus-run.jar" >"$logfile.cmd"
  # shellcheck disable=SC2086
  env "${env[@]}" java $opts -jar "$APPS/$s/quarkus-run.jar" >"$logfile" 2>&1 &
  SVC_PID[$s]=$!
}

# wait_ready SERVICE: true once /q/health/ready answers 200 (bounded by READY_TIMEOUT_S).
wait_ready() {
  local s=$1
  for _ in $(seq 1 $((READY_TIMEOUT_S * 20))); do
    curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:${MGMT[$s]}/q/health/ready" && return 0
    kill -0 "${SVC_PID[$s]}" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

start_services() {   # $1 = on | off (telemetry)  $2 = output directory
  local telemetry=$1 phase_dir=$2 s
  for s in "${SERVICES[@]}"; do
    local t0 t1
    t0=$(now_ms)
    launch_service "$s" "$telemetry" "$phase_dir/$s.log"
    if ! wait_ready "$s"; then
      tail -n 30 "$phase_dir/$s.log" >&2
      die "$s not ready after ${READY_TIMEOUT_S}s (log: $phase_dir/$s.log)"
    fi
    t1=$(now_ms)
    READY_S[$s]=$(calc "($t1 - $t0) / 1000")
    # CPU time spent until ready: unlike the wall-clock time, hardly affected by other work on the machine.
    READY_CPU_S[$s]=$(calc "$(cpu_ticks "${SVC_PID[$s]}") / $CLK_TCK")
    STARTED_S[$s]=$(grep -o 'started in [0-9.]*s' "$phase_dir/$s.log" | head -1 | grep -o '[0-9.]*' | head -1 || true)
    log "    $s ready in $(fmt "${READY_S[$s]}" 2) s, $(fmt "${READY_CPU_S[$s]}" 2) s of CPU (Quarkus: started in ${STARTED_S[$s]:-?} s), pid ${SVC_PID[$s]}"
  done
  sleep "$IDLE_S"
  for s in "${SERVICES[@]}"; do IDLE_RSS_MB[$s]=$(calc "$(rss_kb "${SVC_PID[$s]}") / 1024"); done
}

# BENCH_APPCDS=1: one dynamic class-data-sharing archive per service (JDK 13+ -XX:ArchiveClassesAtExit), made
# from a start-up and a stop, kept in bench/target/cds and made again when the service's jars change. It
# stands in for Quarkus' own quarkus.package.jar.appcds.enabled=true, which is a build-time change.
prepare_appcds() {
  [[ ${BENCH_APPCDS:-0} == 1 ]] || return 0
  mkdir -p "$CDS_DIR" "$OUT/appcds"
  local s
  for s in "${SERVICES[@]}"; do
    if [[ -f "$CDS_DIR/$s.jsa" && -z $(find "$APPS/$s" -type f -newer "$CDS_DIR/$s.jsa" -print -quit) ]]; then continue; fi
    log "    AppCDS: archiving the classes of $s"
    rm -f "$CDS_DIR/$s.jsa"
    launch_service "$s" on "$OUT/appcds/$s.log" "-XX:ArchiveClassesAtExit=$CDS_DIR/$s.jsa"
    wait_ready "$s" || log "    AppCDS: $s did not become ready; no archive"
    kill_pid "${SVC_PID[$s]}"; wait "${SVC_PID[$s]}" 2>/dev/null || true
    unset "SVC_PID[$s]"
  done
}

# % of all cores busy over $1 seconds (the machine as a whole).
machine_busy_pct() {
  local a b
  a=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat)
  sleep "$1"
  b=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2];
    printf "%.0f", (busy + idle > 0) ? 100 * busy / (busy + idle) : 0}'
}

services_cpu_ticks() {
  local total=0 s
  for s in "${SERVICES[@]}"; do total=$((total + $(cpu_ticks "${SVC_PID[$s]}"))); done
  echo "$total"
}

# Samples once a second until killed: RSS and CPU of each service and of load-gen ($2), the machine's busy
# CPU, queue depths of our vhost, our non-idle DB connections.
sampler() {
  local file=$1 lg=$2 s
  while true; do
    local t; t=$(now_ms)
    for s in "${SERVICES[@]}"; do
      echo "$t rss $s $(rss_kb "${SVC_PID[$s]}")"
      echo "$t cpu $s $(cpu_ticks "${SVC_PID[$s]}")"
    done
    echo "$t cpu load-gen $(cpu_ticks "$lg")"
    echo "$t cpu machine $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat)"
    curl -fs --max-time 1 "$RABBIT_PROM/metrics/detailed?vhost=$VHOST&family=queue_coarse_metrics" 2>/dev/null |
      sed -n 's/^rabbitmq_detailed_queue_messages{.*queue="\([^"]*\)"} \([0-9.e+]*\)$/\1 \2/p' |
      while read -r q n; do echo "$t queue $q ${n%.*}"; done
    echo "$t dbconn $DB_NAME $(psql_q -d postgres -c "select count(*) from pg_stat_activity where datname = '$DB_NAME' and state <> 'idle'" 2>/dev/null || echo 0)"
    sleep 1
  done >>"$file"
}

# The server-side saga duration histogram of orders (order.saga.duration: placedAt -> final, committed).
saga_buckets() {
  curl -fs --max-time 5 -H 'Accept: text/plain;version=0.0.4' "http://127.0.0.1:${MGMT[orders]}/q/metrics" 2>/dev/null |
    sed -n 's/^order_saga_duration_seconds_bucket{.*le="\([^"]*\)".*} \([0-9.eE+]*\).*/\1 \2/p'
}
# p50, p99 (ms, interpolated inside the buckets), the % of sagas <= 50 ms and the % <= P99_LIMIT_MS (exact when
# that limit is a bucket boundary: 10 25 50 100 250 500 1000 ...) of the sagas between two snapshots.
saga_server_stats() {
  awk 'NR == FNR {b[$1] = $2; next} {d[++n] = $2 - b[$1]; le[n] = ($1 == "+Inf") ? -1 : int($1 * 1000 + 0.5)}
    function q(p,   i, target, prev, plo) {
      target = p * d[n]; prev = 0; plo = 0
      for (i = 1; i <= n; i++) {
        if (d[i] >= target) {
          if (le[i] < 0) return ">" plo
          return sprintf("%.0f", plo + (le[i] - plo) * (target - prev) / ((d[i] - prev) > 0 ? (d[i] - prev) : 1))
        }
        prev = d[i]; plo = le[i]
      }
      return "-"
    }
    END {
      if (n == 0 || d[n] <= 0) {print "-\t-\t-\t-"; exit}
      share = "-"; limit = "-"
      for (i = 1; i <= n; i++) {
        if (le[i] == 50) share = sprintf("%.1f", 100 * d[i] / d[n])
        if (le[i] == lim) limit = sprintf("%.2f", 100 * d[i] / d[n])
      }
      printf "%s\t%s\t%s\t%s\n", q(0.5), q(0.99), share, limit
    }' lim="$P99_LIMIT_MS" "$1" "$2"
}

queue_depth_total() {
  { curl -fs --max-time 2 "$RABBIT_PROM/metrics/detailed?vhost=$VHOST&family=queue_coarse_metrics" 2>/dev/null || true; } |
    awk '/^rabbitmq_detailed_queue_messages\{/ && !/dlq/ && !/perftest/ {n += $2} END {print n + 0}'
}

# Waits (bounded) until our queues are empty, so one step's backlog does not spill into the next.
drain() {
  local n
  for _ in $(seq 1 "$DRAIN_S"); do
    n=$(queue_depth_total)
    [[ "$n" == 0 ]] && return 0
    sleep 1
  done
  log "    queues still hold $n messages after $DRAIN_S s of draining"
}

# ---------------------------------------------------------------------------------------------------------
# (3)(4)(5) Load: one load-gen run = one row
# ---------------------------------------------------------------------------------------------------------
LOADGEN_ARGS=()
loadgen_args() {
  LOADGEN_ARGS=(--scenario happy --customers 20 --seed "$SEED" --saga-deadline 20s --progress off
    --poll-min "$POLL_MIN" --poll-max "$POLL_MAX" --max-polls-in-flight 32 --max-in-flight 2000
    --customers-url "http://127.0.0.1:${HTTP[customers]}" --orders-url "http://127.0.0.1:${HTTP[orders]}"
    --payments-url "http://127.0.0.1:${HTTP[payments]}" --notifications-url "http://127.0.0.1:${HTTP[notifications]}"
    --customers-mgmt-url "http://127.0.0.1:${MGMT[customers]}" --orders-mgmt-url "http://127.0.0.1:${MGMT[orders]}"
    --payments-mgmt-url "http://127.0.0.1:${MGMT[payments]}" --notifications-mgmt-url "http://127.0.0.1:${MGMT[notifications]}")
}

# run_load NAME RATE DURATION_S WARMUP_S TELEMETRY -> sets ROW (tab-separated) and appends it to rows.tsv
ROW_COLUMNS="name rate achieved done_per_s pl_p50 pl_p99 pl_p999 saga_p50 saga_p99 saga_p999 errors lost pass \
cpu_ms_per_order top_queue rss_customers rss_orders rss_payments rss_notifications db_conn_max srv_saga_p50 \
srv_saga_p99 srv_share_le_50ms svc_cpu_pct loadgen_cpu_pct rest_cpu_pct srv_share_le_limit"
ROW=""
run_load() {
  local name=$1 rate=$2 dur=$3 warm=$4 telemetry=$5 dir=$PHASE_DIR
  shift 5
  local json="$dir/$name.json" samples="$dir/$name.samples"
  local trace=on; [[ $telemetry == off ]] && trace=off
  [[ -f "$dir/rows.tsv" ]] || tr ' ' '\t' <<<"$ROW_COLUMNS" | tr -s '\t' >"$dir/rows.tsv"
  loadgen_args
  : >"$samples"
  local c0 c1 rc=0
  c0=$(services_cpu_ticks)
  # shellcheck disable=SC2086
  java $LOAD_GEN_JAVA_OPTS -jar "$APPS/load-gen/quarkus-run.jar" \
    "${LOADGEN_ARGS[@]}" --traceparent="$trace" --rate "$rate" --duration "${dur}s" --warmup "${warm}s" \
    --report "$json" "$@" >"$dir/$name.out" 2>&1 &
  local lg_pid=$!
  BG_PIDS+=("$lg_pid")
  sampler "$samples" "$lg_pid" &
  local sampler_pid=$!
  BG_PIDS+=("$sampler_pid")
  # The server-side histogram is read from the end of load-gen's settling period (it starts after the JVM
  # start and the customer registrations, ~3 s), so that it covers about the measured part.
  (sleep $((warm + 3)); saga_buckets >"$dir/$name.saga0" || true) &
  local snap_pid=$!
  BG_PIDS+=("$snap_pid")
  wait "$lg_pid" || rc=$?
  wait "$snap_pid" 2>/dev/null || true
  c1=$(services_cpu_ticks)
  kill_pid "$sampler_pid"
  saga_buckets >"$dir/$name.saga1" || true
  local srv
  srv=$(saga_server_stats "$dir/$name.saga0" "$dir/$name.saga1" 2>/dev/null || printf -- '-\t-\t-\t-')
  local srv_limit=${srv##*$'\t'}
  srv=${srv%$'\t'*}
  if [[ ! -s "$json" ]]; then
    ROW="$name	$rate	0	0	-	-	-	-	-	-	load-gen-exit-$rc	-	no	-	-	-	-	-	-	-	$srv	-	-	-	$srv_limit"
    echo "$ROW" >>"$dir/rows.tsv"
    return
  fi
  local r
  r=$(jq -r '[(.placement.achievedRate // 0), ((.sagas.confirmed // 0) / .settings.durationSeconds),
      (.placementLatencyMs.p50Ms // 0), (.placementLatencyMs.p99Ms // 0), (.placementLatencyMs.p999Ms // 0),
      (.sagaDurationMs.p50Ms // 0), (.sagaDurationMs.p99Ms // 0), (.sagaDurationMs.p999Ms // 0),
      (.thresholds.errors // 0), (.sagas.lost // 0), ((.placement.sent // 0) + (.warmup.sent // 0)), .exitCode] | @tsv' \
      "$json" 2>/dev/null || true)
  local achieved=0 cps=0 p50=0 p99=0 p999=0 s50=0 s99=0 s999=0 errors=-1 lost=-1 sent=0 exit=-1
  [[ -n $r ]] && IFS=$'\t' read -r achieved cps p50 p99 p999 s50 s99 s999 errors lost sent exit <<<"$r"
  # Pass: no error, no lost order, and the saga p99 within the limit - read from orders' own histogram when it
  # has the limit as a bucket (>= 99 % of sagas at most P99_LIMIT_MS: exact), else from load-gen's polls.
  local pass=no latency_ok
  if [[ $srv_limit =~ ^[0-9.]+$ ]]; then
    latency_ok=$(awk "BEGIN {print ($srv_limit >= 99) ? 1 : 0}")
  else
    latency_ok=$(awk "BEGIN {print ($s99 <= $P99_LIMIT_MS) ? 1 : 0}")
  fi
  if [[ $errors == 0 && $lost == 0 && $exit == 0 && $latency_ok == 1 ]]; then pass=yes; fi
  local cpu_ms_order=-
  ((sent > 0)) && cpu_ms_order=$(calc "($c1 - $c0) * 1000 / $CLK_TCK / $sent")
  local topq rss dbc shares
  topq=$(awk '$2 == "queue" && $3 !~ /dlq|perftest/ {if ($4 > m[$3]) m[$3] = $4} END {b = "-"; v = 0;
    for (q in m) if (m[q] > v) {v = m[q]; b = q} print b ":" v}' "$samples")
  rss=$(for s in "${SERVICES[@]}"; do
    awk -v s="$s" '$2 == "rss" && $3 == s {if ($4 > m) m = $4} END {printf "%d\t", m / 1024}' "$samples"; done)
  dbc=$(awk '$2 == "dbconn" {if ($4 > m) m = $4} END {print m + 0}' "$samples")
  # Where the machine's CPU went while the load ran: our services, load-gen, and the rest (RabbitMQ, PostgreSQL
  # and whatever else runs on the machine), in % of all cores.
  shares=$(awk -v ncpu="$(nproc)" -v tck="$CLK_TCK" '$2 == "cpu" {
      if (!($3 in first)) {first[$3] = $4; t0[$3] = $1} last[$3] = $4; t1[$3] = $1}
    END {
      el = (t1["machine"] - t0["machine"]) / 1000; if (el <= 0) {print "-\t-\t-"; exit}
      svc = 0; for (k in first) if (k != "machine" && k != "load-gen") svc += last[k] - first[k]
      lg = last["load-gen"] - first["load-gen"]; all = last["machine"] - first["machine"]
      d = el * tck * ncpu / 100
      printf "%.0f\t%.0f\t%.0f\n", svc / d, lg / d, (all - svc - lg) / d
    }' "$samples")
  ROW="$name	$rate	$(fmt "$achieved" 0)	$(fmt "$cps" 0)	$(fmt "$p50" 1)	$(fmt "$p99" 1)	$(fmt "$p999" 1)	$(fmt "$s50" 1)	$(fmt "$s99" 1)	$(fmt "$s999" 1)	$errors	$lost	$pass	$(fmt "$cpu_ms_order" 2)	$topq	${rss}$dbc	$srv	$shares	$srv_limit"
  echo "$ROW" >>"$dir/rows.tsv"
}

print_row() {
  IFS=$'\t' read -r n rate ach cps p50 p99 p999 s50 s99 s999 err lost pass cpu topq r1 r2 r3 r4 dbc <<<"$1"
  log "    $(printf '%-12s rate %5s achieved %5s confirmed/s %5s | placement p50 %6s p99 %7s | saga p50 %6s p99 %7s p99.9 %7s | err %s lost %s | cpu %s ms/order | backlog %s | pass %s' \
    "$n" "$rate" "$ach" "$cps" "$p50" "$p99" "$s50" "$s99" "$s999" "$err" "$lost" "$cpu" "$topq" "$pass")"
  local rest; rest=$(cut -f26 <<<"$1")
  log "    $(printf '%-12s server-side saga p50 %s p99 %s ms, <= 50 ms: %s %% | CPU %% of machine: services %s, load-gen %s, rest %s' \
    "" "$(cut -f21 <<<"$1")" "$(cut -f22 <<<"$1")" "$(cut -f23 <<<"$1")" "$(cut -f24 <<<"$1")" "$(cut -f25 <<<"$1")" "$rest")"
}

round_rate() { awk -v r="$1" 'BEGIN { if (r < 50) printf "%d", int(r + 0.5); else printf "%d", int(r / 10 + 0.5) * 10 }'; }

# Steps the rate: up by GROWTH until a step fails, down until one passes, then REFINE bisections.
SEARCH_MAX=0
search() {   # $1 label  $2 start rate  $3 growth  $4 telemetry  $5 most steps
  local label=$1 rate=$2 growth=$3 telemetry=$4 max_steps=$5 lo=0 hi=0 step=0 refined=0
  rate=$(round_rate "$rate")
  while ((step < max_steps)); do
    step=$((step + 1))
    run_load "$label-$step" "$rate" "$STEP_S" "$STEP_WARM_S" "$telemetry"
    print_row "$ROW"
    local pass; pass=$(cut -f13 <<<"$ROW")
    if [[ $pass == yes ]]; then
      if ((rate > lo)); then lo=$rate; fi
    else
      if ((hi == 0 || rate < hi)); then hi=$rate; fi
    fi
    drain
    # After a failed step: let orders' circuit breaker (5 s open) close again before the next one.
    [[ $pass == yes ]] || sleep 6
    local next
    if ((hi == 0)); then next=$(round_rate "$(calc "$rate * $growth")")
    elif ((lo == 0)); then
      next=$(round_rate "$(calc "$rate / $growth")"); ((next < 10)) && break
    else
      ((refined >= REFINE)) && break
      awk "BEGIN {exit !(($hi - $lo) / $lo < 0.06)}" && break
      refined=$((refined + 1))
      next=$(round_rate "$(calc "($lo + $hi) / 2")")
      ((next <= lo || next >= hi)) && break
    fi
    rate=$next
  done
  SEARCH_MAX=$lo
}

# ---------------------------------------------------------------------------------------------------------
# (6) One /q/metrics scrape per service: size and time (text 0.0.4, as Prometheus asks by default)
# ---------------------------------------------------------------------------------------------------------
declare -A SCRAPE_MS SCRAPE_KB SCRAPE_SERIES
scrape() {
  local s
  for s in "${SERVICES[@]}"; do
    local url="http://127.0.0.1:${MGMT[$s]}/q/metrics" times=()
    curl -fs -o "$PHASE_DIR/metrics-$s.txt" -H 'Accept: text/plain;version=0.0.4' "$url" || true
    for _ in 1 2 3 4 5; do
      times+=("$(curl -fs -o /dev/null -H 'Accept: text/plain;version=0.0.4' -w '%{time_total}' "$url" || echo 0)")
    done
    SCRAPE_MS[$s]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1 * 1000} END {printf "%.2f", a[3]}')
    SCRAPE_KB[$s]=$(calc "$(stat -c %s "$PHASE_DIR/metrics-$s.txt" 2>/dev/null || echo 0) / 1024")
    SCRAPE_SERIES[$s]=$(grep -vc '^#' "$PHASE_DIR/metrics-$s.txt" 2>/dev/null || true)
  done
}

orders_sent() {
  local files=("$1"/*.json)
  [[ -e ${files[0]} ]] || { echo 0; return; }
  jq -s 'map((.placement.sent // 0) + (.warmup.sent // 0)) | add // 0' "${files[@]}" 2>/dev/null || echo 0
}

# requests, bytes and spans the OTLP sink received so far.
sink_stats() {
  local line
  line=$(cat "$OUT/otlp-sink.stats" 2>/dev/null || true)
  [[ $line =~ requests=([0-9]+)\ bytes=([0-9]+)\ spans=([0-9]+) ]] || { echo "0 0 0"; return; }
  echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]}"
}

# Evidence from the services' own logs and the sink after a phase.
declare -A PHASE_BLOCKED PHASE_LOGBYTES PHASE_CUSTOM_METRICS
phase_evidence() {   # $1 phase name
  local p=$1 blocked=0 bytes=0 s
  for s in "${SERVICES[@]}"; do
    blocked=$((blocked + $(grep -c 'has been blocked for' "$PHASE_DIR/$s.log" || true)))
    bytes=$((bytes + $(stat -c %s "$PHASE_DIR/$s.log")))
  done
  PHASE_BLOCKED[$p]=$blocked
  PHASE_LOGBYTES[$p]=$bytes
  PHASE_CUSTOM_METRICS[$p]=$(curl -fs "http://127.0.0.1:${MGMT[orders]}/q/metrics" | grep -c '^obsaga_messaging_' || true)
}

# ---------------------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------------------
STATE_VARS=(MODE READY_ON READY_CPU_ON STARTED_ON IDLE_ON PHASE_MAX PHASE_CPU PHASE_SINK IDLE_REST SCRAPE_MS SCRAPE_KB SCRAPE_SERIES
  PHASE_BLOCKED PHASE_LOGBYTES PHASE_CUSTOM_METRICS FIXED_DONE PERFTEST_RATE PERFTEST_AVG PERFTEST_LAT CPU_RATE
  LOAD_START DB_POOL SERVICE_JAVA_OPTS SERVICE_EXTRA_OPTS BENCH_CONCURRENCY STEP_S STEP_WARM_S PERFTEST_S GROWTH REFINE
  POLL_MAX MSG_SIZE BENCH_APPCDS RUN_END LOAD_END)
save_state() { declare -p "${STATE_VARS[@]}" 2>/dev/null | sed 's/^declare -\([aA]*\)[-a-zA-Z]* /declare -g\1 /' >"$OUT/state.sh" || true; }
if [[ -n $REPORT_ONLY ]]; then
  [[ -f "$OUT/state.sh" ]] || die "$OUT/state.sh not found: not a bench/run.sh output directory"
  # shellcheck disable=SC1091
  source "$OUT/state.sh"
else
log "obsaga benchmark ($MODE) -> $OUT"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
preflight
log "services: $SERVICE_JAVA_OPTS ${SERVICE_EXTRA_OPTS:+$SERVICE_EXTRA_OPTS }${BENCH_CONCURRENCY:+concurrency $BENCH_CONCURRENCY }DB pool $DB_POOL; DB $DB_NAME, vhost $VHOST, ports ${HTTP[customers]}-${HTTP[notifications]} / ${MGMT[customers]}-${MGMT[notifications]}"

# The stand-in collector the services export spans to (http/protobuf, batch span processor).
java -Xmx64m -XX:+UseSerialGC "$ROOT/bench/OtlpSink.java" "$SINK_PORT" "$OUT/otlp-sink.stats" >"$OUT/otlp-sink.log" 2>&1 &
BG_PIDS+=($!)

reset_state
prepare_appcds
run_perftest

declare -A PHASE_MAX PHASE_CPU PHASE_SINK READY_ON READY_CPU_ON STARTED_ON IDLE_ON IDLE_REST
FIXED_DONE=()
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for phase in on off; do
  if [[ $phase == off && ${BENCH_SKIP_TELEMETRY_OFF:-0} == 1 ]]; then break; fi
  PHASE_DIR="$OUT/telemetry-$phase"
  mkdir -p "$PHASE_DIR"
  if [[ $phase == on ]]; then
    log "(2) starting the services one at a time, telemetry ON (100 % sampling, spans exported to the sink)"
  else
    log "(5) restarting the services with telemetry OFF (OTel SDK disabled, connector tracing off, plain-text logs)"
  fi
  stop_services
  reset_state
  IDLE_REST[$phase]=$(machine_busy_pct 3)
  log "    the machine is ${IDLE_REST[$phase]} % busy before the services start (other people's work: noise)"
  start_services "$phase" "$PHASE_DIR"
  if [[ $phase == on ]]; then
    for s in "${SERVICES[@]}"; do
      READY_ON[$s]=${READY_S[$s]}; READY_CPU_ON[$s]=${READY_CPU_S[$s]}; STARTED_ON[$s]=${STARTED_S[$s]:-}
      IDLE_ON[$s]=${IDLE_RSS_MB[$s]}
    done
  fi
  sink0=$(sink_stats)

  log "    warm-up: ${WARMUP_S}s at $WARMUP_RATE orders/s (JIT)"
  run_load warmup "$WARMUP_RATE" "$WARMUP_S" 0 "$phase" --ramp "$((WARMUP_S / 3))s"
  print_row "$ROW"
  drain

  start=$START_RATE; growth=$GROWTH; steps=$MAX_STEPS
  if [[ $phase == off && ${PHASE_MAX[on]:-0} -gt 0 ]]; then start=${PHASE_MAX[on]}; growth=$OFF_GROWTH; steps=$OFF_MAX_STEPS; fi
  log "    throughput search: ${STEP_S}s steps (+${STEP_WARM_S}s settling), from $start orders/s, x$growth, at most $steps steps; pass = no error, no lost order, saga p99 <= ${P99_LIMIT_MS} ms (>= 99 % of orders' order.saga.duration <= ${P99_LIMIT_MS} ms)"
  search "step" "$start" "$growth" "$phase" "$steps"
  PHASE_MAX[$phase]=$SEARCH_MAX
  log "    highest sustained saga throughput (telemetry $phase): ${SEARCH_MAX} orders/s"

  if [[ $phase == on ]]; then
    rates=()
    for r in $FIXED_RATES; do
      if ((SEARCH_MAX > 0 && r <= SEARCH_MAX)); then rates+=("$r"); fi
    done
    last_fixed=$(awk '{print $NF}' <<<"$FIXED_RATES")
    if ((SEARCH_MAX > 0 && SEARCH_MAX < last_fixed)); then
      top=0; ((${#rates[@]})) && top=${rates[-1]}
      if ((SEARCH_MAX > top)); then rates+=("$SEARCH_MAX"); fi
    fi
    if ((${#rates[@]} == 0)); then rates=("$WARMUP_RATE"); fi
    log "(4) fixed rates: ${rates[*]} orders/s, ${FIXED_S}s each"
    for r in "${rates[@]}"; do
      run_load "fixed-$r" "$r" "$FIXED_S" "$STEP_WARM_S" "$phase"
      print_row "$ROW"
      drain
    done
    FIXED_DONE=("${rates[@]}")
    log "(6) /q/metrics scrapes"
    scrape
  fi
  # CPU per order at the same rate in both phases (a steadier overhead figure than the ceilings): half the
  # telemetry-on ceiling, which both phases should sustain easily.
  if [[ -z ${CPU_RATE:-} ]]; then
    CPU_RATE=$WARMUP_RATE
    if ((${PHASE_MAX[on]:-0} > 0)); then CPU_RATE=$(round_rate "$(calc "${PHASE_MAX[on]} * 0.5")"); fi
    if ((CPU_RATE < 5)); then CPU_RATE=5; fi
  fi
  run_load "cpu-$CPU_RATE" "$CPU_RATE" "$STEP_S" "$STEP_WARM_S" "$phase"
  print_row "$ROW"
  PHASE_CPU[$phase]=$(cut -f14 <<<"$ROW")
  drain
  sink1=$(sink_stats)
  read -r rq0 by0 sp0 <<<"$sink0"; read -r rq1 by1 sp1 <<<"$sink1"
  sent_phase=$(orders_sent "$PHASE_DIR")
  PHASE_SINK[$phase]="$((rq1 - rq0)) requests, $(fmt "$(calc "($by1 - $by0) / 1048576")" 1) MiB, $((sp1 - sp0)) spans"
  if ((sent_phase > 0 && sp1 > sp0)); then
    PHASE_SINK[$phase]+=" ($(fmt "$(calc "($sp1 - $sp0) / $sent_phase")" 1) spans and $(fmt "$(calc "($by1 - $by0) / 1024 / $sent_phase")" 1) KiB per order, polls included)"
  fi
  cp "$OUT/otlp-sink.stats.spans" "$PHASE_DIR/spans-by-name.txt" 2>/dev/null || true
  phase_evidence "$phase"
  stop_services
  save_state
done

RUN_END=$(date '+%Y-%m-%d %H:%M'); LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
save_state
fi

# ---------------------------------------------------------------------------------------------------------
# The table and the summary line
# ---------------------------------------------------------------------------------------------------------
ON="$OUT/telemetry-on"
OFFD="$OUT/telemetry-off"
rows_table() {   # $1 rows.tsv  $2 name pattern (regex)
  [[ -f $1 ]] || return 0
  awk -F'\t' -v pat="$2" 'NR > 1 && $1 ~ pat {
    printf "  %-10s %5s %5s %5s | %6s %7s %7s | %6s %7s %7s | %5s %5s | %4s %4s | %5s | %3s %3s %3s | %-28s | %s\n",
      $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $22, $23, $11, $12, $14, $24, $25, $26, $15, $13}' "$1"
}
row_header() {
  printf '  %-10s %5s %5s %5s | %6s %7s %7s | %6s %7s %7s | %5s %5s | %4s %4s | %5s | %3s %3s %3s | %-28s | %s\n' \
    run rate sent done/s "pl.p50" "pl.p99" "p99.9" "sg.p50" "sg.p99" "p99.9" "srv99" "<=50" err lost "cpu" svc lg rest "largest queue backlog" pass
}
max_col() { [[ -f $1 ]] && awk -F'\t' -v c="$2" '$c != "-" && $c + 0 > m {m = $c + 0} END {print m + 0}' "$1" || echo 0; }

SAGA_MAX=${PHASE_MAX[on]:-0}
SAGA_MAX_OFF=${PHASE_MAX[off]:-0}
TOP_FIXED=0; ((${#FIXED_DONE[@]})) && TOP_FIXED=${FIXED_DONE[-1]}
P99_TOP=$( (awk -F'\t' -v n="fixed-$TOP_FIXED" '$1 == n {print $9}' "$ON/rows.tsv" 2>/dev/null || true) | tail -1)
PL99_TOP=$( (awk -F'\t' -v n="fixed-$TOP_FIXED" '$1 == n {print $6}' "$ON/rows.tsv" 2>/dev/null || true) | tail -1)
TELEMETRY_RATIO=n/a
if ((SAGA_MAX > 0 && SAGA_MAX_OFF > 0)); then TELEMETRY_RATIO=$(fmt "$(calc "$SAGA_MAX / $SAGA_MAX_OFF")" 3); fi
CPU_RATIO=n/a
if [[ ${PHASE_CPU[on]:-} =~ ^[0-9.]+$ && ${PHASE_CPU[off]:-} =~ ^[0-9.]+$ ]]; then
  CPU_RATIO=$(fmt "$(calc "${PHASE_CPU[off]} / ${PHASE_CPU[on]}")" 3)
fi
rest_mean() { [[ -f $1 ]] && awk -F'\t' 'NR > 1 && $1 !~ /warmup/ && $26 ~ /^[0-9]+$/ {s += $26; n++}
  END {if (n) printf "%.0f", s / n; else print "-"}' "$1" || echo -; }
REST_ON=$(rest_mean "$ON/rows.tsv"); REST_OFF=$(rest_mean "$OFFD/rows.tsv")
NOISE_NOTE=""
if [[ $REST_ON =~ ^[0-9]+$ && $REST_OFF =~ ^[0-9]+$ ]] && (( REST_ON - REST_OFF > 10 || REST_OFF - REST_ON > 10 )); then
  NOISE_NOTE="WARNING: the rest of the machine used ${REST_ON} % of the CPU during the telemetry-on runs and ${REST_OFF} % during the telemetry-off runs: the on/off ratios measure that difference as much as telemetry"
fi
BROKER_EFF=n/a
((PERFTEST_RATE > 0)) && BROKER_EFF=$(fmt "$(calc "$MSGS_PER_ORDER * $SAGA_MAX / $PERFTEST_RATE")" 3)
READY_MAX=0; READY_CPU_MAX=0; RSS_MAX=0; SCRAPE_MAX=0
declare -A RSS_LOAD
col=16
for s in "${SERVICES[@]}"; do
  RSS_LOAD[$s]=$(max_col "$ON/rows.tsv" $col); col=$((col + 1))
  READY_MAX=$(awk -v a="$READY_MAX" -v b="${READY_ON[$s]:-0}" 'BEGIN {print (b > a) ? b : a}')
  READY_CPU_MAX=$(awk -v a="$READY_CPU_MAX" -v b="${READY_CPU_ON[$s]:-0}" 'BEGIN {print (b > a) ? b : a}')
  RSS_MAX=$(awk -v a="$RSS_MAX" -v b="${RSS_LOAD[$s]}" 'BEGIN {print (b > a) ? b : a}')
  SCRAPE_MAX=$(awk -v a="$SCRAPE_MAX" -v b="${SCRAPE_MS[$s]:-0}" 'BEGIN {print (b > a) ? b : a}')
done
DBCONN_MAX=$(max_col "$ON/rows.tsv" 20)
LOAD_END=${LOAD_END:-$(cut -d" " -f1-3 /proc/loadavg)}
ORDERS_ON=$(orders_sent "$ON")
ORDERS_OFF=$(orders_sent "$OFFD")
per_order() { (($2 > 0)) && fmt "$(calc "$1 / $2")" 0 || echo n/a; }
met() { awk "BEGIN {exit !($1)}" && echo met || echo "NOT met"; }

{
  echo
  echo "=============================================================================================================="
  echo " obsaga benchmark ($MODE), ${RUN_END:-$(date '+%Y-%m-%d %H:%M')}, $(hostname): $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo " load average at start $LOAD_START, at end $LOAD_END (other work on the machine makes every figure noisy)"
  echo " commit $(head -1 "$OUT/commit.txt"); services $SERVICE_JAVA_OPTS ${SERVICE_EXTRA_OPTS:+$SERVICE_EXTRA_OPTS }pool $DB_POOL; raw outputs $OUT"
  echo "=============================================================================================================="
  echo
  echo "(1) Broker ceiling: RabbitMQ PerfTest 2.22.1, 1 producer / 1 consumer, persistent ${MSG_SIZE}-byte messages,"
  echo "    publisher confirms (100 in flight), manual acks, prefetch 200, ${PERFTEST_S}s"
  echo "    ${PERFTEST_RATE} msg/s each way (median of 1-s samples; average ${PERFTEST_AVG:-n/a}); consumer latency min/p50/p75/p95/p99 ${PERFTEST_LAT:-n/a} µs"
  echo
  echo "(2)(6) Start-up and memory (telemetry on; each service started alone; RSS under load = max over all load runs)"
  printf '  %-14s %8s %10s %10s %10s %10s %10s %10s %8s\n' service ready_s ready_cpu_s started_s rss_idle rss_load scrape_ms scrape_KiB series
  for s in "${SERVICES[@]}"; do
    printf '  %-14s %8s %10s %10s %7s MB %7s MB %10s %10s %8s\n' "$s" "$(fmt "${READY_ON[$s]:-0}" 2)" "$(fmt "${READY_CPU_ON[$s]:-0}" 2)" "${STARTED_ON[$s]:-?}" \
      "$(fmt "${IDLE_ON[$s]:-0}" 0)" "${RSS_LOAD[$s]}" "${SCRAPE_MS[$s]:-n/a}" "$(fmt "${SCRAPE_KB[$s]:-0}" 1)" "${SCRAPE_SERIES[$s]:-0}"
  done
  echo "  (ready_s: launch -> /q/health/ready 200, polled every 50 ms; ready_cpu_s: CPU used until then; started_s: Quarkus' own"
  echo "   figure; scrape: median of 5 scrapes of /q/metrics, Accept text/plain 0.0.4, after the load$([[ ${BENCH_APPCDS:-0} == 1 ]] && echo "; services started from AppCDS archives"))"
  echo
  echo "(3) Throughput search, telemetry ON. Columns: offered rate and achieved send rate (orders/s), sagas done/s;"
  echo "    placement (pl) and saga (sg) latency in ms from the intended start - the saga ends when a poll sees CONFIRMED,"
  echo "    so it is over-estimated by up to $POLL_MAX + one poll; srv99 / <=50: the saga p99 (ms, interpolated in the"
  echo "    buckets) and the % of sagas <= 50 ms from orders' own order.saga.duration histogram; cpu: ms of CPU of the four"
  echo "    services per order; svc/lg/rest: % of the machine's CPU used by the services / load-gen / everything else"
  echo "    (RabbitMQ, PostgreSQL and other people's work); largest queue backlog seen (1-s samples)."
  row_header; rows_table "$ON/rows.tsv" '^(warmup|step-)'
  echo
  echo "(4) Fixed rates, telemetry ON"
  row_header; rows_table "$ON/rows.tsv" '^(fixed-|cpu-)'
  if [[ -f "$OFFD/rows.tsv" ]]; then
    echo
    echo "(5) Throughput search, telemetry OFF (OTEL_SDK_DISABLED=true, connector tracing off, JSON logs off;"
    echo "    custom metrics: $([[ ${PHASE_CUSTOM_METRICS[off]:-0} -gt 0 ]] && echo "still ON - no switch in the services yet (docs/benchmark.md)" || echo off))"
    row_header; rows_table "$OFFD/rows.tsv" '.'
  fi
  echo
  echo "Derived"
  echo "  highest sustained saga throughput, telemetry on : $SAGA_MAX orders/s (0 lost, 0 errors, saga p99 <= $P99_LIMIT_MS ms)"
  echo "  highest sustained saga throughput, telemetry off: $SAGA_MAX_OFF orders/s"
  echo "  telemetry ratio (throughput on / off)           : $TELEMETRY_RATIO   (step resolution: x$GROWTH, then $REFINE bisection(s))"
  echo "  telemetry CPU ratio (CPU per order off / on)    : $CPU_RATIO   at $CPU_RATE orders/s: ${PHASE_CPU[on]:-n/a} vs ${PHASE_CPU[off]:-n/a} ms/order"
  echo "  broker efficiency ($MSGS_PER_ORDER msgs/order x saga / PerfTest)   : $BROKER_EFF   ($((MSGS_PER_ORDER * SAGA_MAX)) of $PERFTEST_RATE msg/s)"
  echo "  CPU used by the rest of the machine, mean (on/off): ${REST_ON} % / ${REST_OFF} %   (idle before each phase: ${IDLE_REST[on]:-?} % / ${IDLE_REST[off]:-?} %)"
  [[ -n $NOISE_NOTE ]] && echo "  $NOISE_NOTE"
  echo "  peak DB connections in use (non-idle)           : $DBCONN_MAX   (pool max $DB_POOL per service)"
  echo "  event-loop blocked warnings (on / off)          : ${PHASE_BLOCKED[on]:-0} / ${PHASE_BLOCKED[off]:-n/a}"
  echo "  log bytes per order (on, JSON / off, text)      : $(per_order "${PHASE_LOGBYTES[on]:-0}" "$ORDERS_ON") / $(per_order "${PHASE_LOGBYTES[off]:-0}" "$ORDERS_OFF")"
  echo "  span export to the OTLP sink (on / off)         : ${PHASE_SINK[on]:-n/a} / ${PHASE_SINK[off]:-n/a}"
  echo
  echo "Targets (2 cores)"
  echo "  saga >= 1500 orders/s                      : $SAGA_MAX                      $(met "$SAGA_MAX >= 1500")"
  echo "  p99 placement->final <= 50 ms at 1000/s    : ${P99_TOP:-n/a} ms at $TOP_FIXED/s  $( [[ $TOP_FIXED == 1000 ]] && met "${P99_TOP:-999} <= 50" || echo "NOT met (1000/s not sustained)")"
  echo "  telemetry ratio >= 0.95 (100 % sampling)   : $TELEMETRY_RATIO                  $( [[ $TELEMETRY_RATIO != n/a ]] && met "$TELEMETRY_RATIO >= 0.95" || echo n/a)$([[ -n $NOISE_NOTE ]] && echo " - unreliable, see WARNING")"
  echo "  each service ready <= 1.5 s                : max $(fmt "$READY_MAX" 2) s              $(met "$READY_MAX <= 1.5")"
  echo "  RSS <= 250 MB under load                   : max $RSS_MAX MB              $(met "$RSS_MAX <= 250")"
  echo "  one scrape <= 10 ms                        : max $SCRAPE_MAX ms            $(met "$SCRAPE_MAX <= 10")"
  echo
  echo "saga_max_orders_per_s=$SAGA_MAX p99_ms_at_${TOP_FIXED}=${P99_TOP:-n/a} placement_p99_ms_at_${TOP_FIXED}=${PL99_TOP:-n/a} telemetry_ratio=$TELEMETRY_RATIO telemetry_cpu_ratio=$CPU_RATIO broker_efficiency=$BROKER_EFF ready_s_max=$(fmt "$READY_MAX" 2) ready_cpu_s_max=$(fmt "$READY_CPU_MAX" 2) rss_mb_max=$RSS_MAX scrape_ms=$SCRAPE_MAX saga_max_off_orders_per_s=$SAGA_MAX_OFF perftest_msgs_per_s=$PERFTEST_RATE mode=$MODE cores=$(nproc) load_avg_start=${LOAD_START%% *}"
} | tee "$REPORT"
