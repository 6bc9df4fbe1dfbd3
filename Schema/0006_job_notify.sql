-- Wakes idle workers when a job becomes claimable now: a new job, a retry queued by an admin, a
-- job released at shutdown. NOTIFY folds identical notifications within a transaction into one,
-- and workers still poll, so a missed notification only delays a job until the next poll.
CREATE FUNCTION notify_job_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('petitions_jobs', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER jobs_notify_queued AFTER INSERT OR UPDATE OF state ON jobs
    FOR EACH ROW WHEN (NEW.state = 'queued') EXECUTE FUNCTION notify_job_queued();
