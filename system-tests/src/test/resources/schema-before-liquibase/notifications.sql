-- The notifications schema as SchemaBootstrap created it (commit fb60565): commons' messaging-schema.sql, then notifications's schema.sql.
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
CREATE TABLE IF NOT EXISTS notifications (
    id          uuid PRIMARY KEY,
    event_id    uuid NOT NULL,
    type        text NOT NULL,
    customer_id uuid NOT NULL,
    order_id    uuid,
    recipient   text NOT NULL,
    subject     text NOT NULL,
    created_at  timestamptz NOT NULL
);
-- One notification per event, however often the event is delivered.
CREATE UNIQUE INDEX IF NOT EXISTS notifications_event_key ON notifications (event_id);
CREATE INDEX IF NOT EXISTS notifications_order_idx ON notifications (order_id);
CREATE INDEX IF NOT EXISTS notifications_customer_idx ON notifications (customer_id);
