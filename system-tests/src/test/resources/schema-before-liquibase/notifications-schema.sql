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
