-- Who may sign up, as an admin chose it (issue 13). At most one row: when it exists it wins over
-- DASHTAM_REGISTRATION, which stays the default. Every replica reads this row per sign-up, so a change applies
-- everywhere at once.
CREATE TABLE registration_setting (
    singleton  BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    mode       TEXT        NOT NULL CHECK (mode IN ('open', 'invite-only', 'closed')),
    changed_by UUID        REFERENCES users (id) ON DELETE SET NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
