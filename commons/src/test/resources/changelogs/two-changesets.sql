--liquibase formatted sql

--changeset obsaga:test-001
CREATE TABLE a (id int);

-- a comment that mentions --changeset someone:else is not one
--changeset other-author:test-002 runOnChange:true
CREATE TABLE b (id int);
