-- Imports belong to a file connection: deleting the connection deletes its import history (issue 11).
DELETE FROM imports i WHERE NOT EXISTS (SELECT 1 FROM provider_connections c WHERE c.id = i.connection_id);
ALTER TABLE imports ADD CONSTRAINT imports_connection_fk
    FOREIGN KEY (connection_id) REFERENCES provider_connections (id) ON DELETE CASCADE;
CREATE INDEX imports_connection_idx ON imports (connection_id);
