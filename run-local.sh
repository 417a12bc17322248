#!/usr/bin/env bash
# Starts the whole saga locally, without Docker, against the machine's RabbitMQ and PostgreSQL:
# builds the services if needed, starts the four of them, waits until each is ready, prints the URLs,
# and stops them all on Ctrl-C. Logs go to .run/<service>.log.
# Least privilege (README: Security): at first start it makes the dev issuer's key pair and the services'
# passwords under .run/ (never committed), creates one RabbitMQ user and one PostgreSQL role per service
# (rabbitmqctl and psql as the administrator, idempotent), and prints an operator token.
#
#   ./run-local.sh            build if needed, then run
#   ./run-local.sh --rebuild  always rebuild first
#   JAVA_OPTS="-Xmx256m" ./run-local.sh   (replaces deploy/jvm.options)
set -euo pipefail
cd "$(dirname "$0")"

SERVICES=(customers orders payments notifications)
declare -A HTTP=([customers]=8081 [orders]=8082 [payments]=8083 [notifications]=8084)
declare -A MGMT=([customers]=9081 [orders]=9082 [payments]=9083 [notifications]=9084)
# deploy/jvm.options says why these options.
JAVA_OPTS=${JAVA_OPTS:-$(grep -v '^#' deploy/jvm.options | xargs)}
# Fault knobs on the management ports (load-gen's fault scenarios use them). Never enable them in production.
export OBSAGA_FAULTS_ENABLED=${OBSAGA_FAULTS_ENABLED:-true}
if [[ -z "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]]; then
  # No collector: keep tracing (trace ids in the logs) but do not log every failed span export.
  JAVA_OPTS="$JAVA_OPTS -Dquarkus.log.category.\"io.quarkus.opentelemetry.runtime.exporter.otlp\".level=OFF"
fi
READY_TIMEOUT=${READY_TIMEOUT:-90}
mkdir -p .run

needs_build() {
  [[ "${1:-}" == "--rebuild" ]] && return 0
  for s in "${SERVICES[@]}"; do
    jar="$s/target/quarkus-app/quarkus-run.jar"
    [[ -f "$jar" ]] || return 0
    # Rebuild when any source of the service or of the shared modules is newer than its jar.
    if [[ -n "$(find "$s/src" contracts/src commons/src -newer "$jar" -type f -print -quit)" ]]; then return 0; fi
  done
  [[ -f load-gen/target/quarkus-app/quarkus-run.jar ]] || return 0
  return 1
}

if needs_build "${1:-}"; then
  echo "Building the services (./mvnw -DskipTests install)..."
  ./mvnw -B -q -DskipTests install -pl customers,orders,payments,notifications,load-gen -am
fi

for port in "${HTTP[@]}" "${MGMT[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use: is the system already running?" >&2
    exit 1
  fi
done

# --- Least privilege: keys, passwords, broker users, database roles (all idempotent) -----------------------
mkdir -p .run/jwt && chmod 700 .run
if [[ ! -f .run/jwt/private.pem ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out .run/jwt/private.pem 2>/dev/null
  openssl pkey -in .run/jwt/private.pem -pubout -out .run/jwt/public.pem
  chmod 600 .run/jwt/private.pem
fi
if [[ ! -f .run/credentials.env ]]; then
  ( umask 077
    for s in "${SERVICES[@]}"; do
      echo "RABBITMQ_PASSWORD_${s^^}=$(openssl rand -hex 18)"
      echo "DB_PASSWORD_${s^^}=$(openssl rand -hex 18)"
    done > .run/credentials.env )
fi
set -a; source .run/credentials.env; set +a
RABBITMQ_VHOST=${RABBITMQ_VHOST:-/}
DB_NAME=${DB_NAME:-postgres}
CONTRACTS_CP="contracts/target/classes"
java -cp "$CONTRACTS_CP" dev.obsaga.contracts.access.AccessSetup rabbitmqctl "$RABBITMQ_VHOST" obsaga- | bash
PSQL_PASSWORDS=()
for s in "${SERVICES[@]}"; do
  db_password="DB_PASSWORD_${s^^}"
  PSQL_PASSWORDS+=(-v "$db_password=${!db_password}")
done
java -cp "$CONTRACTS_CP" dev.obsaga.contracts.access.AccessSetup sql obsaga_ \
  | psql -q -v ON_ERROR_STOP=1 -h "${DB_HOST:-127.0.0.1}" -U "${DB_ADMIN_USER:-postgres}" -d "$DB_NAME" \
      -v DB_NAME="$DB_NAME" "${PSQL_PASSWORDS[@]}" >/dev/null
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/.run/jwt/public.pem"
export OBSAGA_AUTH_PRIVATE_KEY="$PWD/.run/jwt/private.pem"
export DB_URL=${DB_URL:-postgresql://${DB_HOST:-127.0.0.1}:5432/$DB_NAME}

PIDS=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the services..."
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped."
}
trap 'stop_all; exit 0' INT TERM   # Ctrl-C: stop them all and end here
trap stop_all EXIT

for s in "${SERVICES[@]}"; do
  # shellcheck disable=SC2086
  rabbitmq_password="RABBITMQ_PASSWORD_${s^^}" db_password="DB_PASSWORD_${s^^}"
  RABBITMQ_USER="obsaga-$s" RABBITMQ_PASSWORD="${!rabbitmq_password}" DB_USER="obsaga_$s" DB_PASSWORD="${!db_password}" \
    java $JAVA_OPTS -jar "$s/target/quarkus-app/quarkus-run.jar" > ".run/$s.log" 2>&1 &
  PIDS+=($!)
done

for s in "${SERVICES[@]}"; do
  printf 'Waiting for %-14s' "$s..."
  for ((i = 0; i < READY_TIMEOUT * 5; i++)); do
    if curl -fs -o /dev/null "http://127.0.0.1:${MGMT[$s]}/q/health/ready"; then break; fi
    sleep 0.2
  done
  if ! curl -fs -o /dev/null "http://127.0.0.1:${MGMT[$s]}/q/health/ready"; then
    echo " not ready after ${READY_TIMEOUT}s; last lines of .run/$s.log:"
    tail -n 20 ".run/$s.log"
    exit 1
  fi
  echo " ready"
done

cat <<INFO

The saga is running. Logs: .run/<service>.log   Stop: Ctrl-C

  customers      http://127.0.0.1:8081/customers        (gRPC on the same port)   Swagger UI: http://127.0.0.1:8081/q/swagger-ui
  orders         http://127.0.0.1:8082/orders                                      Swagger UI: http://127.0.0.1:8082/q/swagger-ui
  payments       http://127.0.0.1:8083/payments?orderId=...
  notifications  http://127.0.0.1:8084/notifications?orderId=...

  health/metrics http://127.0.0.1:908{1,2,3,4}/q/health/{live,ready,started}   http://127.0.0.1:908{1..4}/q/metrics
  fault knobs    http://127.0.0.1:908{1..4}/faults   (OBSAGA_FAULTS_ENABLED=$OBSAGA_FAULTS_ENABLED)
  traces         ${OTEL_EXPORTER_OTLP_ENDPOINT:-not exported (set OTEL_EXPORTER_OTLP_ENDPOINT=http://host:4318)}

  Every API call but POST /customers needs a bearer token. An operator token (valid 8 h; may read everything):

    export TOKEN=\$(OBSAGA_AUTH_PRIVATE_KEY=.run/jwt/private.pem load-gen/run.sh token --operator)

  A customer's token (may read and order only as that customer):

    OBSAGA_AUTH_PRIVATE_KEY=.run/jwt/private.pem load-gen/run.sh token --customer <customer-id>
INFO
echo "  Operator token: $(load-gen/run.sh token --operator)"

wait -n "${PIDS[@]}" || true
echo "A service exited; see .run/*.log"
