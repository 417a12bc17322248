-- One order's database work the way the saga does it (REFERENCE.md "Floors"): four transactions, one per step,
-- and the outbox relay's deletes by id once the broker confirmed. One pgbench "transaction" = one order, so
-- pgbench's tps is orders/s. Ids are derived from one random number so the four steps find the same order.
\set n random(1, 9000000000000000000)
\set customer random(1, 1000)
BEGIN;
INSERT INTO orders.orders VALUES (md5(:n || 'o')::uuid, md5(:customer || 'c')::uuid, 'PENDING', 25.00, 'EUR',
    'tok_visa', '4242', NULL, now(), now());
INSERT INTO orders.order_items VALUES (md5(:n || 'o')::uuid, 1, 'BOOK-1', 2, 12.50);
INSERT INTO orders.outbox (id, routing_key, payload, traceparent) VALUES (md5(:n || 'e1')::uuid, 'order.created',
    repeat('x', 450), '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
COMMIT;
BEGIN;
INSERT INTO payments.inbox (event_id, subscription) VALUES (md5(:n || 'e1')::uuid, 'payments-order-created');
INSERT INTO payments.payments VALUES (md5(:n || 'p')::uuid, md5(:n || 'o')::uuid, 'SUCCEEDED', NULL, 25.00, 'EUR', '4242', now());
INSERT INTO payments.outbox (id, routing_key, payload, traceparent) VALUES (md5(:n || 'e2')::uuid, 'payment.succeeded',
    repeat('x', 400), '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203332-01');
COMMIT;
BEGIN;
INSERT INTO orders.inbox (event_id, subscription) VALUES (md5(:n || 'e2')::uuid, 'orders-payment-results');
UPDATE orders.orders SET status = 'CONFIRMED', updated_at = now() WHERE id = md5(:n || 'o')::uuid;
INSERT INTO orders.outbox (id, routing_key, payload, traceparent) VALUES (md5(:n || 'e3')::uuid, 'order.confirmed',
    repeat('x', 450), '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203333-01');
COMMIT;
BEGIN;
INSERT INTO notifications.inbox (event_id, subscription) VALUES (md5(:n || 'e3')::uuid, 'notifications-order-outcomes');
INSERT INTO notifications.notifications VALUES (md5(:n || 'm')::uuid, md5(:n || 'e3')::uuid, 'ORDER_CONFIRMED',
    md5(:customer || 'c')::uuid, md5(:n || 'o')::uuid, 'ada@example.org', 'Your order is confirmed', now());
COMMIT;
DELETE FROM orders.outbox WHERE id = md5(:n || 'e1')::uuid;
DELETE FROM payments.outbox WHERE id = md5(:n || 'e2')::uuid;
DELETE FROM orders.outbox WHERE id = md5(:n || 'e3')::uuid;
