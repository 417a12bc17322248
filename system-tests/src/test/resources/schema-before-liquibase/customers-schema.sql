CREATE TABLE IF NOT EXISTS customers (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    email      text NOT NULL,
    created_at timestamptz NOT NULL
);
-- E-mail addresses are unique regardless of case: Bob@x.org and bob@x.org are one customer.
CREATE UNIQUE INDEX IF NOT EXISTS customers_email_key ON customers (lower(email));
