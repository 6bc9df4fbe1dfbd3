-- The platform's own count is read at full resolution (growth, projections, lag behind the
-- platform, the chart's line): a polled change's observation is found from its figure, for when
-- the count was last seen unchanged. Without this index each lookup scanned every observation.
CREATE INDEX observations_figure ON observations (figure_id) WHERE figure_id IS NOT NULL;

-- Reports beside a polled history: the few hundred figures outlets gave, found without reading
-- the platform's millions of polled counts (which the planner cannot tell apart by outlet).
CREATE INDEX figures_reported ON figures (campaign_id, metric, as_of) WHERE method <> 'polled';
