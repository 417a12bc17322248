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
