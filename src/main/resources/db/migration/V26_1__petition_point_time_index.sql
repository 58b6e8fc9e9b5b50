-- A list filtered by a box, newest or oldest first (issue 19, round five): petitions(filter: {bbox})
-- in SUBMITTED_AT order. The box had no order in time: PostgreSQL either read every petition of
-- the box by the spatial index and sorted them (a 2 km square holds about 5,500 at 1,000,000
-- petitions) or walked the time index with the box as a filter (4,000 rows for a page of 20).
-- A GiST index of (point, submitted_at), with btree_gist for the time, answers both at once: the
-- box is its index condition and the distance in time from the end the list starts at
-- (submitted_at <-> a far date) its order, so the scan stops after the page
-- (petition/query/PetitionSearch#distanceInTime).
--
-- It replaces V3's spatial index of the point, which it leads with the same column and operator
-- class (boxes, tiles, nearest by geometry): the number of indexes every write maintains stays
-- the same. btree_gist is a trusted extension: the owner of the database may create it.

CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE INDEX petition_point_submitted_gix ON petition USING gist (point, submitted_at);
DROP INDEX petition_point_gix;
