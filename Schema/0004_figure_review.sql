-- Review of figures that no person entered: extracted figures wait for an admin to accept or
-- reject them, and only reviewed figures count. Reviews, like retractions, are append-only.

CREATE TABLE figure_reviews (
    figure_id   bigint PRIMARY KEY REFERENCES figures (id),
    decision    text NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    reason      text,
    reviewed_by text NOT NULL CHECK (btrim(reviewed_by) <> ''),
    reviewed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (decision = 'accepted' OR btrim(coalesce(reason, '')) <> '')
);

CREATE TRIGGER figure_reviews_append_only BEFORE UPDATE OR DELETE ON figure_reviews
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- Figures still standing: not retracted, not replaced by a correction, not rejected in review.
-- Extracted figures awaiting review are among them.
CREATE VIEW live_figures AS
SELECT f.*
FROM figures f
WHERE NOT EXISTS (SELECT 1 FROM figure_retractions r WHERE r.figure_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM figures c WHERE c.supersedes = f.id)
  AND NOT EXISTS (SELECT 1 FROM figure_reviews v WHERE v.figure_id = f.id AND v.decision = 'rejected');

-- What comparisons, trends and listings use: live figures that a person entered, a platform
-- showed, or an admin accepted.
CREATE OR REPLACE VIEW current_figures AS
SELECT f.*
FROM figures f
WHERE NOT EXISTS (SELECT 1 FROM figure_retractions r WHERE r.figure_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM figures c WHERE c.supersedes = f.id)
  AND (f.method <> 'extracted' OR EXISTS (SELECT 1 FROM figure_reviews v WHERE v.figure_id = f.id AND v.decision = 'accepted'));
