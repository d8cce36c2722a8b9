/**
 * The relational store: one schema, migrated by Flyway, on embedded SQLite (default, WAL, full sync) or
 * PostgreSQL (multi-node). Domain modules own their SQL; this package owns connections, dialects,
 * transactions and time stamps.
 */
package io.takedown.store;
