-- The web service pages through a campaign's figures by id (keyset paging, never OFFSET), so a
-- campaign with a million polled counts answers its hundredth page as fast as its first.
CREATE INDEX figures_campaign_page ON figures (campaign_id, id);
