-- Petition lists by keyset (issues 17 and 19): every order a list offers (submitted_at, the time
-- limit, updated_at; each either way, ties by id) has an index per filter that narrows a list, so
-- that a page reads about as many rows as it returns instead of reading the filter's rows and
-- sorting them (a township's first page read 4,300 rows to return 20: "area_code LIKE prefix"
-- cannot come out of an index in time order).
--
-- Each index is (filter, sort key, id); a btree reads it forwards or backwards, so ASC, DESC and
-- Relay's last/before share it. The queries (petition/query/PetitionSearch) write the filters as
-- these expressions:
--   an area         left(area_code, <length of its code>) = code  (a grid cell: area_code = code)
--   statuses        one scan per status   (status = value), merged
--   categories      one scan per category (category_code = value), merged
-- "No time limit" sorts as the end of time, so that the due key is never null and the keyset stays
-- one row comparison. The county level has no index of its own: one deployment is one county, whose
-- filter is every petition, which the plain order indexes serve.
-- petition_submitted_idx (V3) is the plain index of submitted_at.
--
-- The price is write cost: every insert and every non-HOT update (each lifecycle step) maintains
-- these 17 indexes too (docs/graphql-conventions.md).

CREATE INDEX petition_updated_idx ON petition (updated_at, id);
CREATE INDEX petition_due_idx ON petition ((coalesce(due_at, 'infinity'::timestamptz)), id);

CREATE INDEX petition_township_submitted_idx ON petition ((left(area_code, 9)), submitted_at, id);
CREATE INDEX petition_township_due_idx ON petition ((left(area_code, 9)), (coalesce(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX petition_township_updated_idx ON petition ((left(area_code, 9)), updated_at, id);

CREATE INDEX petition_village_submitted_idx ON petition ((left(area_code, 12)), submitted_at, id);
CREATE INDEX petition_village_due_idx ON petition ((left(area_code, 12)), (coalesce(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX petition_village_updated_idx ON petition ((left(area_code, 12)), updated_at, id);

CREATE INDEX petition_cell_submitted_idx ON petition (area_code, submitted_at, id);
CREATE INDEX petition_cell_due_idx ON petition (area_code, (coalesce(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX petition_cell_updated_idx ON petition (area_code, updated_at, id);

CREATE INDEX petition_status_submitted_idx ON petition (status, submitted_at, id);
CREATE INDEX petition_status_due_idx ON petition (status, (coalesce(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX petition_status_updated_idx ON petition (status, updated_at, id);

CREATE INDEX petition_category_submitted_idx ON petition (category_code, submitted_at, id);
CREATE INDEX petition_category_due_idx ON petition (category_code, (coalesce(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX petition_category_updated_idx ON petition (category_code, updated_at, id);
