-- The provider's warnings as this run received them (sanitized, bounded like connection_warnings); empty when it
-- reported none or the run never reached it.
ALTER TABLE sync_runs ADD COLUMN warnings TEXT[] NOT NULL DEFAULT '{}';
