-- The key backups are encrypted with. It is derived from the recovery key, which is shown
-- only once, so it is kept here, inside the encrypted database, for backups to use.
CREATE TABLE vault_secrets (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
