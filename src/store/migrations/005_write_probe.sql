-- Written only by the readiness check after a full disk: truncated (a new,
-- empty file) and given one row, a write that needs new space, so readiness
-- turns back to ready only once the database can really write again.
CREATE TABLE write_probe (at timestamptz NOT NULL);
