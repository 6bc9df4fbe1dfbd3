-- Trend reports. The per-bucket probes ("each source's latest figure in this bucket") use the
-- figures_latest index from 0001. This one finds a campaign's first and last figure of a metric
-- without reading the rows in between, however many polled counts lie there.
CREATE INDEX figures_timeline ON figures (campaign_id, metric, as_of);
