-- A volunteer's calendar subscription: the feed their phone's calendar polls. One at a
-- time; only the token's hash is kept. Erasing the volunteer deletes it.
CREATE TABLE calendar_feeds (
    volunteer_id  BIGINT PRIMARY KEY REFERENCES volunteers (id),
    token_hash    BYTEA NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    lang          TEXT NOT NULL CHECK (lang IN ('zh-Hans', 'zh-Hant', 'en')),
    created_at    BIGINT NOT NULL
);
