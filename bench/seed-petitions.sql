-- Synthetic petitions for load measurements: :n points spread over the demo county's grid cells,
-- submitted over the last year by the demo citizen. Run with psql -v n=100000 -f bench/seed-petitions.sql.
-- Not part of the demo data: this is a measuring tool.
--
-- Lifecycles as the county's are: a petition older than 20 days has been closed (within 10 days of
-- submission, most of them rated), the last 20 days' are spread over every status. Open cases are
-- therefore a few weeks of intake, as in the real programme, not two thirds of all history (an
-- earlier version of this file drew every petition's status at random, which left 650,000 of a
-- million open and made the county's overdue count read them all).
INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
    grid_code, area_code, match_method, submitter_id, submitted_at, due_at, closed_at, satisfaction)
SELECT 'B' || nextval('petition_tracking_seq'), '压测诉求', s.category_code, 'MINI_PROGRAM', 'NORMAL', s.status,
       'VILLAGE', s.geom, cell.code, cell.code, 'CONTAINS', (SELECT id FROM person WHERE username = 'citizen'),
       s.submitted_at, s.submitted_at + interval '7 days',
       CASE WHEN s.status = 'CLOSED' THEN least(now(), s.submitted_at + interval '1 hour' + random() * interval '10 days') END,
       CASE WHEN s.status = 'CLOSED' AND random() < 0.8
            THEN (ARRAY['SATISFIED','BASICALLY_SATISFIED','DISSATISFIED'])[1 + floor(random() * 3)::int] END
FROM (SELECT t.geom, t.submitted_at,
             (ARRAY['STREET_LIGHT','WATER_SUPPLY','SEWAGE','ROADS','ENVIRONMENT','DISPUTE','ELDERLY_DISABLED',
                    'WAGES_EMPLOYMENT','SAFETY_HAZARD','OTHER'])[1 + floor(random() * 10)::int] AS category_code,
             CASE WHEN t.submitted_at < now() - interval '20 days' THEN 'CLOSED'
                  ELSE (ARRAY['SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','RESOLVED','CLOSED'])[1 + floor(random() * 6)::int]
             END AS status
      -- random() in this subquery's select list keeps it from being merged into the outer query, so
      -- each petition's time is drawn once and the status above reads that same time.
      FROM (SELECT pt.geom, now() - random() * interval '365 days' AS submitted_at
            FROM (SELECT (ST_Dump(ST_GeneratePoints(boundary, :n, 42))).geom FROM area WHERE code = '360322') pt) t) s
JOIN LATERAL (SELECT code FROM area WHERE level = 'GRID' AND ST_Covers(boundary, s.geom) ORDER BY code LIMIT 1) cell ON true;
ANALYZE petition;
