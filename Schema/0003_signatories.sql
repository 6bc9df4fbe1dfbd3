-- Signatories of a campaign's list, their verification history, and a watch list of well-known
-- names to verify. Personal data (name, affiliation, source) lives only in `signatories` and in the
-- reasons of `signatory_status_changes`; `signatory erase` clears both and the audit log never
-- holds it, so an erasure leaves no copy behind.

CREATE TABLE signatories (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id     bigint NOT NULL REFERENCES campaigns (id),
    -- As given; NULL for anonymous signatories (counted, never named) and after erasure.
    display_name    text CHECK (length(display_name) <= 300),
    -- NameKeys: NFKC + case folding + collapsed whitespace; without accents; letters and digits only.
    name_key        text,
    loose_key       text,
    skeleton        text,
    role            text NOT NULL CHECK (role IN ('author', 'signatory')),
    affiliation     text CHECK (length(affiliation) <= 500),
    affiliation_key text,
    country         text CHECK (country ~ '^[A-Z]{2}$'),
    signed_at       timestamptz,
    -- Where the entry comes from: a URL or the imported file (with its line).
    source          text,
    visibility      text NOT NULL CHECK (visibility IN ('public', 'anonymous')),
    status          text NOT NULL DEFAULT 'unverified'
                    CHECK (status IN ('unverified', 'self_asserted', 'confirmed_by_organiser', 'confirmed_independently', 'disputed', 'removed')),
    -- Fingerprint of the entry's content and its occurrence in its file: re-importing a file adds nothing.
    row_key         uuid NOT NULL,
    added_at        timestamptz NOT NULL DEFAULT now(),
    erased_at       timestamptz,
    UNIQUE (campaign_id, row_key),
    CHECK (visibility = 'public' OR display_name IS NULL),
    CHECK (erased_at IS NOT NULL OR visibility = 'anonymous' OR display_name IS NOT NULL),
    CHECK (erased_at IS NULL OR (display_name IS NULL AND name_key IS NULL AND loose_key IS NULL AND skeleton IS NULL
                                 AND affiliation IS NULL AND affiliation_key IS NULL AND source IS NULL))
);

-- Name search: one index serves both the prefix of the accent-free key and, by filtering within
-- that range, the exact key (an accented prefix lies inside its accent-free range). With `id` last
-- it also gives the listing order (`ORDER BY loose_key USING ~<~, id`), so a page of a common
-- prefix reads its 20 entries, not every match.
CREATE INDEX signatories_search ON signatories (campaign_id, loose_key text_pattern_ops, id);

CREATE TABLE signatory_status_changes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    signatory_id bigint NOT NULL REFERENCES signatories (id),
    from_status  text,
    to_status    text NOT NULL,
    -- Free text by an admin; cleared when the signatory is erased (it may name them).
    reason       text,
    changed_by   text NOT NULL,
    changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signatory_status_changes_signatory ON signatory_status_changes (signatory_id, changed_at);

-- Names of well-known people who often appear on lists without having signed: entries matching
-- one are reported for verification.
CREATE TABLE watch_list (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text NOT NULL CHECK (btrim(name) <> ''),
    name_key  text NOT NULL UNIQUE,
    loose_key text NOT NULL,
    note      text,
    added_by  text NOT NULL,
    added_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX watch_list_loose ON watch_list (loose_key);
