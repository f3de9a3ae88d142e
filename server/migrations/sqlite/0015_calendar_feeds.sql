-- A volunteer's calendar subscription: the feed their phone's calendar polls. One at a
-- time; only the token's hash is kept. Erasing the volunteer deletes it.
CREATE TABLE calendar_feeds (
    volunteer_id  INTEGER PRIMARY KEY REFERENCES volunteers (id),
    token_hash    BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    lang          TEXT NOT NULL CHECK (lang IN ('zh-Hans', 'zh-Hant', 'en')),
    created_at    INTEGER NOT NULL
);
