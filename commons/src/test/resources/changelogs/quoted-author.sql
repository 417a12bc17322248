--liquibase formatted sql

--changeset obsaga:q-001
CREATE TABLE a (id int);

--ChangeSet "Jane Doe":q-002
CREATE TABLE b (id int);
