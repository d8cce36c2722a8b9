-- The server's own tables (takedown-server): how directory users sign in (passwords, API tokens, console
-- sessions, external identities for a later OIDC login) and the HMA-compatible view of banks (content ids
-- grouping entries, notes and metadata, matching ratios). Secrets are stored only as hashes.

CREATE TABLE account_password (
    user_id BIGINT PRIMARY KEY REFERENCES app_user (id),
    hash VARCHAR(200) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);

-- One row per way a person proves who they are: issuer 'local' for passwords; an OIDC issuer URL later.
CREATE TABLE account_identity (
    issuer VARCHAR(200) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    created_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (issuer, subject)
);

CREATE TABLE api_token (
    id ${id_column},
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    name VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    created_at VARCHAR(32) NOT NULL,
    last_used_at VARCHAR(32),
    revoked_at VARCHAR(32)
);

CREATE TABLE console_session (
    id_hash VARCHAR(64) PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    csrf VARCHAR(64) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    expires_at VARCHAR(32) NOT NULL,
    ended_at VARCHAR(32)
);

-- HMA's "bank content": one id for the signals of one piece of content. The id is the first entry's id.
CREATE TABLE hma_content (
    content_id BIGINT PRIMARY KEY,
    bank_id BIGINT NOT NULL REFERENCES bank (id),
    note VARCHAR(255),
    metadata TEXT,
    disable_until_ts BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE hma_content_entry (
    entry_id BIGINT PRIMARY KEY,
    content_id BIGINT NOT NULL REFERENCES hma_content (content_id)
);

CREATE TABLE hma_bank (
    bank_id BIGINT PRIMARY KEY REFERENCES bank (id),
    enabled_ratio DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    deleted_at VARCHAR(32)
);
