#!/bin/sh
# One-shot compose service "database-roles": one PostgreSQL role per service that owns its schema and nothing else,
# from database-roles.sql (generated from the contracts by AccessSetup; README: Security), run as the database's
# administrator (POSTGRES_USER). Idempotent: it runs at every `up`, so a password changed in .env is the role's at
# the next start. The services start only once it has succeeded.
set -eu
export PGPASSWORD="$POSTGRES_PASSWORD"
exec psql -q -v ON_ERROR_STOP=1 -h postgres -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v DB_NAME="$POSTGRES_DB" \
  -v DB_PASSWORD_CUSTOMERS="${DB_PASSWORD_CUSTOMERS:?}" -v DB_PASSWORD_ORDERS="${DB_PASSWORD_ORDERS:?}" \
  -v DB_PASSWORD_PAYMENTS="${DB_PASSWORD_PAYMENTS:?}" -v DB_PASSWORD_NOTIFICATIONS="${DB_PASSWORD_NOTIFICATIONS:?}" \
  -f /etc/obsaga/database-roles.sql
