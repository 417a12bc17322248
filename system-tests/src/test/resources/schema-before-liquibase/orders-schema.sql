CREATE TABLE IF NOT EXISTS orders (
    id               uuid PRIMARY KEY,
    customer_id      uuid NOT NULL,
    status           text NOT NULL,
    total            numeric(14, 2) NOT NULL,
    currency         char(3) NOT NULL,
    card_token       text NOT NULL,
    card_last4       char(4) NOT NULL,
    rejection_reason text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS order_items (
    order_id   uuid NOT NULL REFERENCES orders (id),
    line       int NOT NULL,
    sku        text NOT NULL,
    quantity   int NOT NULL,
    unit_price numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line)
);
CREATE INDEX IF NOT EXISTS orders_status_idx ON orders (status) WHERE status = 'PENDING';
