-- Bulk import of petitions from another system's export (scripts/import-petitions, docs/bulk-import.md).
-- Where an imported petition came from: the same export imported again loads nothing new, because an
-- external id is unique within its source. Petitions taken in by the service itself have neither.
ALTER TABLE petition ADD COLUMN external_source varchar(32);
ALTER TABLE petition ADD COLUMN external_id varchar(64);
ALTER TABLE petition ADD CONSTRAINT petition_external_id_key UNIQUE (external_source, external_id);
ALTER TABLE petition ADD CONSTRAINT petition_external_id_pair
    CHECK ((external_source IS NULL) = (external_id IS NULL));

-- The submitter of imported petitions: the citizen who called the hotline has no account here (their
-- name and phone are kept as the petition's contact). A citizen by role, so it can do no more than
-- any citizen could with these petitions. Id 0 lies outside the id sequence: it takes no id from the
-- people imported later, so their ids stay what they were before this migration.
INSERT INTO person (id, username, name, roles) VALUES (0, 'bulk-import', '批量导入', '{CITIZEN}')
ON CONFLICT (username) DO NOTHING;
