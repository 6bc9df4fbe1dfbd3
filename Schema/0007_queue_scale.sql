-- The queue at scale: scheduling and claiming through indexes, one open job per source enforced
-- by the database, politeness per host across every worker, and pruning of finished jobs.
--
-- Scheduling used to scan every source and anti-join every open job on each pass. Now each source
-- carries its next due time; the scheduler takes the sources whose time has come through an index
-- (locking them with SKIP LOCKED, so concurrent schedulers split the work), queues one job for the
-- latest due time and moves next_due_at one period past now. A source whose job is still open when
-- it falls due has that slot skipped: it catches up with one job, not a burst.

ALTER TABLE sources ADD COLUMN next_due_at timestamptz;
UPDATE sources SET next_due_at = CASE
    WHEN anchor > now() THEN anchor
    ELSE anchor + floor(extract(epoch FROM (now() - anchor)) / extract(epoch FROM every)) * every
END;
ALTER TABLE sources ALTER COLUMN next_due_at SET NOT NULL;

-- A new source is first due at its anchor unless the insert says otherwise.
CREATE FUNCTION sources_first_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.next_due_at := coalesce(NEW.next_due_at, NEW.anchor);
    RETURN NEW;
END;
$$;
CREATE TRIGGER sources_first_due BEFORE INSERT ON sources FOR EACH ROW EXECUTE FUNCTION sources_first_due();

CREATE INDEX sources_due ON sources (next_due_at) WHERE NOT paused AND removed_at IS NULL;

-- One open (queued or running) job per source, however the jobs were made: the scheduler, `source
-- poll` or `jobs retry` racing each other can no longer leave two. Older duplicates are cancelled.
UPDATE jobs j SET state = 'cancelled', lease_until = NULL, finished_at = now(),
       last_error = 'cancelled by migration 0007: another job of the same source was already open'
WHERE j.state IN ('queued', 'running')
  AND EXISTS (SELECT 1 FROM jobs k WHERE k.source_id = j.source_id AND k.state IN ('queued', 'running') AND k.id < j.id);
-- The index's predicate is a stored column rather than `state IN (...)`: a claim's `state = 'queued'`
-- would imply that predicate, and with a queue's ever-stale statistics the planner then scanned every
-- open job through this index instead of taking the head of jobs_ready.
ALTER TABLE jobs ADD COLUMN open boolean GENERATED ALWAYS AS (state IN ('queued', 'running')) STORED;
DROP INDEX jobs_open;
CREATE UNIQUE INDEX jobs_one_open ON jobs (source_id) WHERE open;

-- Expired leases are found in lease order.
DROP INDEX jobs_leased;
CREATE INDEX jobs_leased ON jobs (lease_until, id) WHERE state = 'running';

-- Nothing reads jobs by creation time (lists go by id, newest first); every state change paid for it.
DROP INDEX jobs_recent;

-- Pruning finds finished jobs by age, oldest first.
CREATE INDEX jobs_finished ON jobs (finished_at, id) WHERE state IN ('succeeded', 'failed', 'cancelled');

-- A pruned job's id stays on what it recorded (observations, feed items, flags) as provenance, so
-- those keep no foreign key to jobs. Pruning deletes a job's attempts in the same statement.
ALTER TABLE observations DROP CONSTRAINT observations_job_id_fkey;
ALTER TABLE feed_items DROP CONSTRAINT feed_items_job_id_fkey;
ALTER TABLE source_flags DROP CONSTRAINT source_flags_job_id_fkey;

-- Politeness across processes and machines: one request in flight per host, and a least gap
-- between the end of one and the start of the next. A worker takes the host's row (holder and
-- held_until) before it fetches and gives it back with next_allowed_at after; held_until bounds
-- how long a worker that died can keep a host.
CREATE TABLE fetch_hosts (
    host            text PRIMARY KEY CHECK (length(host) <= 300),
    holder          text,
    held_until      timestamptz,
    next_allowed_at timestamptz NOT NULL DEFAULT '-infinity',
    CHECK ((holder IS NULL) = (held_until IS NULL))
);

-- A queue turns its rows over quickly: every claim and completion leaves dead index entries at the
-- head of jobs_ready and jobs_leased, which claims then walk past until VACUUM removes them.
-- Vacuum these tables after a fixed number of changes, not a fraction of their size.
ALTER TABLE jobs SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                      autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 10000,
                      autovacuum_vacuum_cost_delay = 0);
ALTER TABLE job_attempts SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE sources SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_cost_delay = 0);
