-- Campaigns, outlets, reported figures (append-only, with retractions and corrections), and the
-- audit trail of admin actions. The checks mirror the domain's validation so that no client can
-- store what the domain would refuse.

CREATE TABLE campaigns (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
    title        text NOT NULL CHECK (btrim(title) <> ''),
    kind         text NOT NULL CHECK (kind IN ('petition', 'open-letter', 'statement')),
    aliases      text[] NOT NULL DEFAULT '{}',
    target       text,
    organiser    text,
    platform_url text CHECK (platform_url ~ '^https?://'),
    launched_on  date,
    closed_on    date,
    goal         bigint CHECK (goal >= 0),
    notes        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (closed_on IS NULL OR launched_on IS NULL OR closed_on >= launched_on)
);

CREATE TABLE outlets (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
    name       text NOT NULL CHECK (btrim(name) <> ''),
    kind       text NOT NULL CHECK (kind IN ('news', 'platform', 'organiser', 'social', 'wire')),
    home_url   text CHECK (home_url ~ '^https?://'),
    language   text CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
    country    text CHECK (country ~ '^[A-Z]{2}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE figures (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id  bigint NOT NULL REFERENCES campaigns (id),
    outlet_id    bigint NOT NULL REFERENCES outlets (id),
    metric       text NOT NULL CHECK (metric IN ('signatures', 'verified_signatures', 'authors', 'goal')),
    value        bigint NOT NULL CHECK (value >= 0),
    high         bigint CHECK (high >= value),
    qualifier    text NOT NULL CHECK (qualifier IN ('exact', 'about', 'over', 'at_least', 'almost', 'under', 'up_to', 'range')),
    as_of        timestamptz NOT NULL,
    published_at timestamptz,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    source_url   text CHECK (source_url ~ '^https?://'),
    quote        text CHECK (length(quote) <= 1000),
    language     text CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
    method       text NOT NULL CHECK (method IN ('manual', 'extracted', 'polled')),
    entered_by   text NOT NULL CHECK (btrim(entered_by) <> ''),
    note         text,
    -- A correction replaces exactly one earlier figure, and a figure is corrected at most once.
    supersedes   bigint UNIQUE REFERENCES figures (id),
    CHECK ((qualifier = 'range') = (high IS NOT NULL)),
    CHECK (published_at IS NULL OR published_at >= as_of - interval '1 day'),
    CHECK (supersedes IS NULL OR supersedes < id)
);

-- Comparison reads each outlet's latest figure per metric for one campaign.
CREATE INDEX figures_latest ON figures (campaign_id, metric, outlet_id, as_of DESC, id DESC);

CREATE TABLE figure_retractions (
    figure_id    bigint PRIMARY KEY REFERENCES figures (id),
    reason       text NOT NULL CHECK (btrim(reason) <> ''),
    retracted_by text NOT NULL,
    retracted_at timestamptz NOT NULL DEFAULT now()
);

-- Figures that are neither retracted nor replaced by a correction.
CREATE VIEW current_figures AS
SELECT f.*
FROM figures f
WHERE NOT EXISTS (SELECT 1 FROM figure_retractions r WHERE r.figure_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM figures c WHERE c.supersedes = f.id);

CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL,
    action       text NOT NULL,
    subject_type text NOT NULL,
    subject      text NOT NULL,
    details      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject, at);

-- History is append-only: figures, retractions and the audit trail are never changed or removed.
CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'retract a figure with a reason, or correct it with a new figure that supersedes it';
END;
$$;

CREATE TRIGGER figures_append_only BEFORE UPDATE OR DELETE ON figures
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER figure_retractions_append_only BEFORE UPDATE OR DELETE ON figure_retractions
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER figures_no_truncate BEFORE TRUNCATE ON figures
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
