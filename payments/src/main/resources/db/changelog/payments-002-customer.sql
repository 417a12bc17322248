--liquibase formatted sql

-- A payment names its customer, so that a customer's token may read its own payments (GET /payments). Rows written
-- before this change have none and stay visible to operators only.

--changeset obsaga:payments-002
ALTER TABLE payments ADD COLUMN customer_id uuid;
