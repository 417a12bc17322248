-- The payments schema as SchemaBootstrap created it (commit fb60565): commons' messaging-schema.sql, then payments's schema.sql.
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
CREATE TABLE IF NOT EXISTS payments (
    id         uuid PRIMARY KEY,
    order_id   uuid NOT NULL,
    status     text NOT NULL,
    reason     text,
    amount     numeric(14, 2) NOT NULL,
    currency   char(3) NOT NULL,
    card_last4 char(4) NOT NULL,
    created_at timestamptz NOT NULL
);
-- One payment per order, whatever the broker delivers: the last line of defence behind the inbox.
CREATE UNIQUE INDEX IF NOT EXISTS payments_order_key ON payments (order_id);
