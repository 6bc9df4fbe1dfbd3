-- Bounds on what the store takes from anyone: counts at most 1,000,000,000 (no petition has had a
-- billion signers; a larger number is a mistake or a plant, and near Int64's limit it made every
-- reader's interval arithmetic trap), and free text at the lengths the domain allows
-- (Validate.Limit: reasons 1000, notes 2000, actors 200, names 300).
--
-- The checks are NOT VALID: they hold for every row written from now on, and rows written before
-- are left as they were (history is append-only). A figure already stored above the bound is
-- retracted here, with a reason, so that no comparison, trend or page reads it as current; it
-- stays in the history.

ALTER TABLE figures
    ADD CONSTRAINT figures_value_bound CHECK (value <= 1000000000 AND (high IS NULL OR high <= 1000000000)) NOT VALID,
    ADD CONSTRAINT figures_entered_by_bound CHECK (length(entered_by) <= 200) NOT VALID;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_goal_bound CHECK (goal <= 1000000000) NOT VALID;
ALTER TABLE alerts ADD CONSTRAINT alerts_threshold_bound CHECK (threshold <= 1000000000) NOT VALID;
ALTER TABLE observations ADD CONSTRAINT observations_number_bound CHECK (value_number BETWEEN 0 AND 1000000000) NOT VALID;

ALTER TABLE figure_retractions
    ADD CONSTRAINT figure_retractions_text_bound CHECK (length(reason) <= 1000 AND length(retracted_by) <= 200) NOT VALID;
ALTER TABLE figure_reviews
    ADD CONSTRAINT figure_reviews_text_bound CHECK (length(reason) <= 1000 AND length(reviewed_by) <= 200) NOT VALID;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_bound CHECK (length(actor) <= 200) NOT VALID;
ALTER TABLE signatory_status_changes
    ADD CONSTRAINT signatory_status_changes_text_bound CHECK (length(reason) <= 1000 AND length(changed_by) <= 200) NOT VALID;
ALTER TABLE watch_list
    ADD CONSTRAINT watch_list_text_bound CHECK (length(name) <= 300 AND length(note) <= 2000 AND length(added_by) <= 200) NOT VALID;

INSERT INTO figure_retractions (figure_id, reason, retracted_by)
SELECT f.id,
       'the count is above 1,000,000,000, the largest count accepted from migration 0012 on; a number this large is a mistake or a plant',
       'petitions (migration 0012)'
FROM figures f
WHERE (f.value > 1000000000 OR f.high > 1000000000)
  AND NOT EXISTS (SELECT 1 FROM figure_retractions r WHERE r.figure_id = f.id);
