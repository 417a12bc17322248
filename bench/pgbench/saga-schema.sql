-- The tables one order touches, as the services define them (the orders, payments and notifications changelogs and
-- commons' messaging changelog, under src/main/resources/db/changelog), for bench/pgbench/saga-mix.sql. The benchmark runs this in a database of its own.
DROP SCHEMA IF EXISTS orders CASCADE;
DROP SCHEMA IF EXISTS payments CASCADE;
DROP SCHEMA IF EXISTS notifications CASCADE;
CREATE SCHEMA orders;
CREATE SCHEMA payments;
CREATE SCHEMA notifications;
CREATE TABLE orders.orders (id uuid PRIMARY KEY, customer_id uuid NOT NULL, status text NOT NULL,
    total numeric(14, 2) NOT NULL, currency char(3) NOT NULL, card_token text NOT NULL, card_last4 char(4) NOT NULL,
    rejection_reason text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
CREATE TABLE orders.order_items (order_id uuid NOT NULL REFERENCES orders.orders (id), line int NOT NULL,
    sku text NOT NULL, quantity int NOT NULL, unit_price numeric(12, 2) NOT NULL, PRIMARY KEY (order_id, line));
CREATE INDEX ON orders.orders (status) WHERE status = 'PENDING';
CREATE TABLE payments.payments (id uuid PRIMARY KEY, order_id uuid NOT NULL, status text NOT NULL, reason text,
    amount numeric(14, 2) NOT NULL, currency char(3) NOT NULL, card_last4 char(4) NOT NULL, created_at timestamptz NOT NULL);
CREATE UNIQUE INDEX ON payments.payments (order_id);
CREATE TABLE notifications.notifications (id uuid PRIMARY KEY, event_id uuid NOT NULL, type text NOT NULL,
    customer_id uuid NOT NULL, order_id uuid, recipient text NOT NULL, subject text NOT NULL, created_at timestamptz NOT NULL);
CREATE UNIQUE INDEX ON notifications.notifications (event_id);
CREATE INDEX ON notifications.notifications (order_id);
CREATE INDEX ON notifications.notifications (customer_id);
CREATE TABLE orders.outbox (id uuid PRIMARY KEY, seq bigserial NOT NULL, routing_key text NOT NULL, payload text NOT NULL,
    traceparent text, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX ON orders.outbox (seq);
CREATE TABLE payments.outbox (LIKE orders.outbox INCLUDING ALL);
CREATE TABLE orders.inbox (event_id uuid NOT NULL, subscription text NOT NULL, handled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, subscription));
CREATE TABLE payments.inbox (LIKE orders.inbox INCLUDING ALL);
CREATE TABLE notifications.inbox (LIKE orders.inbox INCLUDING ALL);
