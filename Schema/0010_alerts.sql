-- Alerts: a campaign's subscribers are told when its count crosses a threshold or its goal, falls,
-- jumps, or when an outlet publishes a figure the platform had already left behind.
--
-- An alert is raised in the same statement that records the count (a poll), or the figure, so it
-- exists exactly when what it reports does; its event key makes it once per event, however many
-- workers record. Deliveries are a small queue of their own: claimed under SKIP LOCKED with a
-- lease, retried with backoff, and marked sent once the webhook answers 2xx (or the command exits 0).
CREATE TABLE alerts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id  bigint NOT NULL REFERENCES campaigns (id),
    event        text NOT NULL CHECK (event IN ('threshold', 'goal', 'count-fell', 'anomaly', 'outdated-report')),
    -- The count of a threshold alert; the least change that counts as an anomaly.
    threshold    bigint CHECK (threshold > 0),
    webhook_url  text CHECK (length(webhook_url) <= 2000),
    command      text CHECK (length(command) <= 2000),
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    removed_at   timestamptz,
    CHECK (webhook_url IS NOT NULL OR command IS NOT NULL),
    CHECK (event <> 'threshold' OR threshold IS NOT NULL)
);
CREATE INDEX alerts_campaign ON alerts (campaign_id) WHERE removed_at IS NULL;

CREATE TABLE alert_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id        bigint NOT NULL REFERENCES alerts (id),
    -- What happened, once: 'threshold:10000', 'count-fell:<figure id>', 'test:<time>'.
    event_key       text NOT NULL,
    payload         jsonb NOT NULL,
    state           text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    max_attempts    integer NOT NULL DEFAULT 8,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    worker          text,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    UNIQUE (alert_id, event_key)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX alert_deliveries_leased ON alert_deliveries (lease_until) WHERE state = 'sending';

-- Idle workers wake for a delivery as for a job.
CREATE TRIGGER alert_deliveries_notify AFTER INSERT OR UPDATE OF state ON alert_deliveries
    FOR EACH ROW WHEN (NEW.state = 'queued') EXECUTE FUNCTION notify_job_queued();
