-- The customers schema as SchemaBootstrap created it (commit fb60565): commons' messaging-schema.sql, then customers's schema.sql.
-- The reference the first Liquibase changesets must reproduce exactly (SchemaChangelogsTests).
-- Tables every service has for reliable messaging. Idempotent: run at every start-up.

-- Events written in the same transaction as the state change that caused them, relayed to RabbitMQ with
-- publisher confirms and deleted once the broker confirmed them.
CREATE TABLE IF NOT EXISTS outbox (
    id          uuid PRIMARY KEY,
    seq         bigserial NOT NULL,
    routing_key text NOT NULL,
    payload     text NOT NULL,
    traceparent text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS outbox_seq_idx ON outbox (seq);

-- Event ids already handled, written in the same transaction as the handler's effect: a redelivery is a no-op.
CREATE TABLE IF NOT EXISTS inbox (
    event_id     uuid NOT NULL,
    subscription text NOT NULL,
    handled_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, subscription)
);
CREATE TABLE IF NOT EXISTS customers (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    email      text NOT NULL,
    created_at timestamptz NOT NULL
);
-- E-mail addresses are unique regardless of case: Bob@x.org and bob@x.org are one customer.
CREATE UNIQUE INDEX IF NOT EXISTS customers_email_key ON customers (lower(email));
