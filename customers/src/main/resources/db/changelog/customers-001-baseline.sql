--liquibase formatted sql

-- The customers schema as the schema scripts before Liquibase created it (IF NOT EXISTS, so a database they created
-- is taken over as it is). Change it with a new changeset below or a new file in db/changelog.xml, never here.

--changeset obsaga:customers-001
CREATE TABLE IF NOT EXISTS customers (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    email      text NOT NULL,
    created_at timestamptz NOT NULL
);
-- E-mail addresses are unique regardless of case: Bob@x.org and bob@x.org are one customer.
CREATE UNIQUE INDEX IF NOT EXISTS customers_email_key ON customers (lower(email));
