-- An admin may take back an invite before it is used or expires (issue 13): open -> revoked, never back. A revoked
-- invite is kept (like a used one) so the admin's list says what happened to it; housekeeping purges it after its
-- expiry like any unused invite.
ALTER TABLE user_invites
    ADD COLUMN revoked_at TIMESTAMPTZ,
    ADD COLUMN revoked_by UUID REFERENCES users (id) ON DELETE SET NULL,
    ADD CONSTRAINT user_invites_used_or_revoked CHECK (used_at IS NULL OR revoked_at IS NULL),
    ADD CONSTRAINT user_invites_revoker CHECK (revoked_at IS NOT NULL OR revoked_by IS NULL);
