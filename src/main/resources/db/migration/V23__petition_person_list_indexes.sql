-- Petition lists of one person (issue 19, round four): an assignee's list (the assigneeId filter),
-- a citizen's own petitions, and the person's part of a member of staff's scope (cases they
-- submitted, handle or are liaison of, merged with their areas' scans: petition/query/PetitionSearch
-- #branches). Each is read as V19's lists are: (person, sort key, id), the person leading the
-- ORDER BY and the keyset, so that a page reads about as many rows as it returns instead of every
-- case of the person, sorted.
--
-- Few on purpose, each costing every write: the assignee gets all three orders (a grid member's
-- work list is read in any of them, and the filter is in the API); the submitter and the liaison
-- only the default order (newest first), and each replaces the plain index of V3 on the same
-- leading column (same count, a wider entry). Other orders of those two read the person's rows and
-- sort them (docs/graphql-conventions.md). The plain assignee index of V3 goes: the three new ones
-- lead with the same column. Net: two indexes more on petition.

CREATE INDEX petition_assignee_submitted_idx ON petition (assignee_id, submitted_at, id)
    WHERE assignee_id IS NOT NULL;
CREATE INDEX petition_assignee_due_idx ON petition (assignee_id, (coalesce(due_at, 'infinity'::timestamptz)), id)
    WHERE assignee_id IS NOT NULL;
CREATE INDEX petition_assignee_updated_idx ON petition (assignee_id, updated_at, id)
    WHERE assignee_id IS NOT NULL;
DROP INDEX petition_assignee_idx;

CREATE INDEX petition_submitter_submitted_idx ON petition (submitter_id, submitted_at, id);
DROP INDEX petition_submitter_idx;

CREATE INDEX petition_liaison_submitted_idx ON petition (liaison_id, submitted_at, id)
    WHERE liaison_id IS NOT NULL;
DROP INDEX petition_liaison_idx;
