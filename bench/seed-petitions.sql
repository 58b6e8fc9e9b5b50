-- Synthetic petitions for load measurements: :n points spread over the demo county's grid cells,
-- submitted over the last year by the demo citizen. Run with psql -v n=100000 -f bench/seed-petitions.sql.
-- Not part of the demo data: this is a measuring tool.
INSERT INTO petition (tracking_number, title, category_code, channel, urgency, status, level, point,
    grid_code, area_code, match_method, submitter_id, submitted_at)
SELECT 'B' || nextval('petition_tracking_seq'), '压测诉求',
       (ARRAY['STREET_LIGHT','WATER_SUPPLY','SEWAGE','ROADS','ENVIRONMENT','DISPUTE','ELDERLY_DISABLED',
              'WAGES_EMPLOYMENT','SAFETY_HAZARD','OTHER'])[1 + floor(random() * 10)::int], 'MINI_PROGRAM', 'NORMAL',
       (ARRAY['SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','RESOLVED','CLOSED'])[1 + floor(random() * 6)::int],
       'VILLAGE', pt.geom, cell.code, cell.code, 'CONTAINS',
       (SELECT id FROM person WHERE username = 'citizen'),
       now() - random() * interval '365 days'
FROM (SELECT (ST_Dump(ST_GeneratePoints(boundary, :n, 42))).geom FROM area WHERE code = '360322') pt
JOIN LATERAL (SELECT code FROM area WHERE level = 'GRID' AND ST_Covers(boundary, pt.geom) ORDER BY code LIMIT 1) cell ON true;
ANALYZE petition;
