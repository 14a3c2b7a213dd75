-- Issue 26: single sign-on over OpenID Connect. An account is linked to an issuer's subject ("sub"), never to an
-- email alone: the pair is unique, and one account may hold identities of several issuers.
CREATE TABLE user_identities (
    issuer       TEXT        NOT NULL,
    subject      TEXT        NOT NULL,
    user_id      UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);
