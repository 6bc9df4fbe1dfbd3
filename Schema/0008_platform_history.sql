-- The platform's own count is read at full resolution (growth, projections, lag behind the
-- platform, the chart's line): a polled change's observation is found from its figure, for when
-- the count was last seen unchanged. Without this index each lookup scanned every observation.
CREATE INDEX observations_figure ON observations (figure_id) WHERE figure_id IS NOT NULL;
