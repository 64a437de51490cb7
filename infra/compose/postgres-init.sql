-- Runs once, when the postgres volume is new: the same databases infra/lib/common.sh creates
-- for the local stack (one per service, plus the registry's, so schema ids survive restarts).
CREATE DATABASE orders;
CREATE DATABASE payments;
CREATE DATABASE inventory;
CREATE DATABASE projection;
CREATE DATABASE admin;
CREATE DATABASE registry;
