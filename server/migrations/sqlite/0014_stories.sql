-- Volunteer stories. Staff write one; it is published only once the volunteer consents
-- through their personal link, and withdrawing the consent unpublishes it for good.
-- Erasing the volunteer deletes their stories.

-- Photos as the server re-encoded them (JPEG, at most 1200 px a side, no metadata),
-- named by the SHA-256 of their bytes: the name is the photo's unguessable address.
CREATE TABLE story_photos (
    id      TEXT PRIMARY KEY CHECK (length(id) = 64),
    jpeg    BLOB NOT NULL,
    width   INTEGER NOT NULL CHECK (width BETWEEN 1 AND 1200),
    height  INTEGER NOT NULL CHECK (height BETWEEN 1 AND 1200)
);

CREATE TABLE stories (
    id            INTEGER PRIMARY KEY,
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id),
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
    body          TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    photo_id      TEXT REFERENCES story_photos (id),
    written_by    INTEGER NOT NULL REFERENCES staff_accounts (id),
    -- The unit whose coordinator wrote it, and may see it; NULL for the district's.
    unit_id       INTEGER REFERENCES partner_units (id),
    written_at    INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('awaiting_consent', 'published', 'withdrawn')),
    consented_at  INTEGER,
    withdrawn_at  INTEGER,
    -- Nothing is published without the consent on record.
    CHECK (status <> 'published' OR consented_at IS NOT NULL),
    CHECK (status <> 'withdrawn' OR withdrawn_at IS NOT NULL)
);
CREATE INDEX stories_by_volunteer ON stories (volunteer_id);
CREATE INDEX stories_published ON stories (status, consented_at);
