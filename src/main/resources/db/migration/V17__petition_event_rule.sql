-- The dispatch rule that chose an assignee or a queue, as a machine id of its own
-- (dispatch's DispatchRule) rather than inside the bilingual note. Null for every
-- event that dispatch did not write.
ALTER TABLE petition_event ADD COLUMN rule text;

-- Events written before this column carried the id in their note: "(rule GRID_MEMBER: …)".
UPDATE petition_event
   SET rule = substring(note FROM 'rule ([A-Z_]+)')
 WHERE type IN ('ASSIGNED', 'QUEUED') AND actor_id IS NULL AND note ~ 'rule [A-Z_]+';
