/**
 * The database: embedded PostgreSQL or DATABASE_URL, the pool and its request/background shares, the outage gate
 * that answers 503 at once while PostgreSQL is away, LISTEN/NOTIFY between instances, and the event publication
 * registry's executor.
 */
package io.dashtam.platform.database;
