/**
 * Backup and restore of the whole database, built into the jar ({@code java -jar dashtam.jar backup FILE},
 * {@code restore FILE}): a consistent COPY-based dump from one {@code REPEATABLE READ} snapshot (the embedded
 * PostgreSQL has no {@code pg_dump}), checksummed per table and versioned by format and schema; a restore goes only
 * into an empty database, migrates forward from an older schema, and checks that the configured keys open the
 * restored provider secrets before it commits.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "platform", "providers"})
package io.dashtam.backup;
