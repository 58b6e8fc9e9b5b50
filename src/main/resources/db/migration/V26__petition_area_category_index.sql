-- The sensitive cases of one area in id order (issue 19, round five): the nearby search shows a
-- case whose exact point the caller may not see at its area's label point (V25), so it reads, for
-- each area whose label point is within the radius, that area's cases of each sensitive category,
-- lowest id first, and stops after the page's candidates (petition/internal/PetitionRepository
-- #nearby). Without it PostgreSQL intersected the area's index with another (a BitmapAnd with the
-- liaison index: 25,000 index entries per area at 1,000,000 petitions) and read every sensitive
-- case of the area to return a few.
--
-- It replaces V3's area index, which it leads with the same column: the number of indexes every
-- write maintains stays the same. Not in V3's operator class (varchar_pattern_ops, for LIKE 'code%'):
-- in it the index gives no order PostgreSQL can use past the area, and the search's scans read the
-- area's rows in id order from the area's equality. No statement reads the area index by a prefix
-- any more: lists narrow an area by left(area_code, n) (V19), tiles and scopes by patterns that are
-- not constants (LIKE d || '%', LIKE ANY), which no btree serves.

CREATE INDEX petition_area_category_idx ON petition (area_code, category_code, id);
DROP INDEX petition_area_idx;
