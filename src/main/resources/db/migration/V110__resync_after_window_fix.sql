-- Issue 24: with a transaction window shorter than the history and one call at a time, syncs before this version
-- fetched only the first two windows of a backfill and reported success; later runs only overlap the last days,
-- so the hole stayed. Forget how far each connection was synced: the next run fetches the whole backfill again
-- (idempotent upserts: rows already stored are left as they are, missing ones are added).
UPDATE sync_jobs SET synced_until = NULL;
