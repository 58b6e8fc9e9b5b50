-- The point that stands for an area wherever a case's exact point must not be shown (a sensitive
-- category seen by someone who is neither a party to it nor an officer of its area): the nearby
-- search finds, orders and measures such a case by this point instead of its own.
--
-- Stored rather than computed per request (issue 19): the nearby search computed
-- ST_PointOnSurface of the candidate areas on every request, and PostgreSQL, unable to find the
-- areas near a point by an index, started from the petitions instead: every sensitive case of the
-- county with an assignee (3,700 rows at 100,000 petitions) to return none or a few. With the
-- point stored and indexed, the search starts from the handful of areas whose point is within the
-- radius and reads only their petitions.
ALTER TABLE area ADD COLUMN label_point geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(boundary)) STORED;
CREATE INDEX area_label_point_geog_gix ON area USING gist ((label_point::geography));
