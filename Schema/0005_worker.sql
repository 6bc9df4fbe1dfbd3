-- The worker: sources it polls, the job queue it runs, and what polling saw.
--
-- A source is polled on a grid of due times (anchor + k × every). The scheduler inserts one job per
-- source and due time; the unique key makes that exact however many workers schedule at once, and a
-- source with a job still queued or running gets no new one, so a stopped worker catches up with
-- one job, not a burst. Workers claim jobs with FOR UPDATE SKIP LOCKED and hold them under a lease
-- that they extend while working; a job whose lease ran out (its worker died) is claimed again.

CREATE TABLE sources (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id   bigint NOT NULL REFERENCES campaigns (id),
    -- Where the figures are recorded as coming from: the platform for counts, the outlet for feeds.
    outlet_id     bigint NOT NULL REFERENCES outlets (id),
    kind          text NOT NULL CHECK (kind IN ('uk-parliament', 'json', 'html', 'feed')),
    url           text NOT NULL CHECK (url ~ '^https?://[^\s/?#]+' AND length(url) <= 2000),
    every         interval NOT NULL CHECK (every >= interval '1 second' AND every <= interval '366 days'),
    metric        text NOT NULL DEFAULT 'signatures' CHECK (metric IN ('signatures', 'verified_signatures', 'authors', 'goal')),
    -- JSON Pointer (RFC 6901) to the count, for `json`; regular expression with one capture, for `html`.
    pointer       text CHECK (pointer = '' OR pointer LIKE '/%'),
    pattern       text CHECK (length(pattern) <= 1000),
    max_attempts  integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 50),
    paused        boolean NOT NULL DEFAULT false,
    -- Due times are anchor + k × every.
    anchor        timestamptz NOT NULL,
    -- Validators from the last response, for conditional requests.
    etag          text,
    last_modified text,
    last_polled_at  timestamptz,
    last_changed_at timestamptz,
    last_error    text,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    removed_at    timestamptz,
    CHECK ((kind = 'json') = (pointer IS NOT NULL)),
    CHECK ((kind = 'html') = (pattern IS NOT NULL))
);
-- One live source per campaign, kind and URL.
CREATE UNIQUE INDEX sources_live_url ON sources (campaign_id, kind, url) WHERE removed_at IS NULL;

CREATE TABLE jobs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id    bigint NOT NULL REFERENCES sources (id),
    due_at       timestamptz NOT NULL,
    state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    -- Not claimed before this time (the due time, or later after a failed attempt).
    run_after    timestamptz NOT NULL,
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL CHECK (max_attempts >= 1),
    worker       text,
    lease_until  timestamptz,
    last_error   text,
    result       jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    UNIQUE (source_id, due_at),
    CHECK ((state = 'running') = (lease_until IS NOT NULL))
);
CREATE INDEX jobs_ready ON jobs (run_after, id) WHERE state = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE state = 'running';
CREATE INDEX jobs_open ON jobs (source_id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_recent ON jobs (created_at DESC, id DESC);

-- Every attempt at a job: who ran it, when, and how it ended (an attempt whose worker died ends
-- as 'lease expired' when another worker claims the job).
CREATE TABLE job_attempts (
    job_id      bigint NOT NULL REFERENCES jobs (id),
    attempt     integer NOT NULL CHECK (attempt >= 1),
    worker      text NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    outcome     text CHECK (outcome IN ('succeeded', 'failed', 'released', 'lease expired', 'cancelled')),
    error       text,
    PRIMARY KEY (job_id, attempt)
);

-- What a source showed over time, one row per value and period: an unchanged value extends the
-- latest row's last_seen_at instead of adding a row, so "unchanged for 3 days" (last_seen_at recent)
-- and "not polled for 3 days" (last_seen_at old) read differently. Series: 'count' (the figure the
-- source is for), 'state', 'opened_at', 'closed_at', 'threshold:NAME', 'country:CODE',
-- 'constituency:ONS-CODE'.
CREATE TABLE observations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id     bigint NOT NULL REFERENCES sources (id),
    series        text NOT NULL CHECK (length(series) <= 200),
    value_number  bigint,
    value_text    text,
    label         text,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL CHECK (last_seen_at >= first_seen_at),
    job_id        bigint REFERENCES jobs (id),
    -- The figure recorded for a change of the count.
    figure_id     bigint REFERENCES figures (id),
    CHECK ((value_number IS NULL) <> (value_text IS NULL))
);
CREATE INDEX observations_latest ON observations (source_id, series, first_seen_at DESC, id DESC);

-- Feed items already processed: each is read once, however often the feed is.
CREATE TABLE feed_items (
    source_id    bigint NOT NULL REFERENCES sources (id),
    item_key     text NOT NULL,
    url          text,
    title        text,
    published_at timestamptz,
    processed_at timestamptz NOT NULL,
    job_id       bigint REFERENCES jobs (id),
    figures      integer NOT NULL DEFAULT 0,
    -- Why the item's article could not be read (it is not tried again).
    error        text,
    PRIMARY KEY (source_id, item_key)
);

-- Things a poll noticed that deserve a person's look; raised once per source, kind and subject.
CREATE TABLE source_flags (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id bigint NOT NULL REFERENCES sources (id),
    kind      text NOT NULL,
    subject   text NOT NULL,
    detail    text NOT NULL,
    raised_at timestamptz NOT NULL,
    job_id    bigint REFERENCES jobs (id),
    UNIQUE (source_id, kind, subject)
);
