-- A figure's status, defined once. Every figure has exactly one:
--   retracted   withdrawn (figure_retractions)
--   superseded  corrected by a later figure
--   rejected    an extracted figure an admin rejected in review
--   unreviewed  an extracted figure waiting for review
--   current     the rest: entered by hand, polled, or extracted and accepted
-- current_figures and live_figures stay the planner's way of reading the current and the live
-- (current or unreviewed) sets, as anti-joins; a test checks that they hold exactly the figures
-- this view gives those statuses.
CREATE VIEW figure_status AS
SELECT f.id,
       CASE WHEN EXISTS (SELECT 1 FROM figure_retractions r WHERE r.figure_id = f.id) THEN 'retracted'
            WHEN EXISTS (SELECT 1 FROM figures n WHERE n.supersedes = f.id) THEN 'superseded'
            WHEN EXISTS (SELECT 1 FROM figure_reviews v WHERE v.figure_id = f.id AND v.decision = 'rejected') THEN 'rejected'
            WHEN f.method = 'extracted' AND NOT EXISTS (SELECT 1 FROM figure_reviews v WHERE v.figure_id = f.id) THEN 'unreviewed'
            ELSE 'current' END AS status
FROM figures f;
