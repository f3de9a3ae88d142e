-- The programme: partner units, service points, teams, volunteers, shifts, sign-ups and
-- attendance. Times are Unix seconds (UTC). Enumerations are stored as the contract
-- crate's snake_case names and checked here, so no other value can get in.

CREATE TABLE partner_units (
    id       INTEGER PRIMARY KEY,
    name_zh  TEXT NOT NULL UNIQUE,
    name_en  TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('government_office', 'public_institution', 'school', 'company'))
);

CREATE TABLE service_points (
    id                    INTEGER PRIMARY KEY,
    name_zh               TEXT NOT NULL UNIQUE,
    name_en               TEXT NOT NULL,
    category              TEXT NOT NULL CHECK (category IN ('park', 'square', 'metro_station', 'airport', 'ferry_terminal', 'bus_station', 'intersection')),
    lat                   REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon                   REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    location_approximate  INTEGER NOT NULL DEFAULT 1 CHECK (location_approximate IN (0, 1)),
    address_zh            TEXT NOT NULL,
    address_en            TEXT NOT NULL,
    sub_district          TEXT NOT NULL CHECK (sub_district IN ('huli', 'dianqian', 'heshan', 'jiangtou', 'jinshan')),
    -- The contract's OpeningHours as JSON, e.g. {"kind":"daily","opens":"08:00:00","closes":"18:00:00"}.
    opening_hours         TEXT NOT NULL CHECK (json_valid(opening_hours))
);

CREATE TABLE point_services (
    point_id  INTEGER NOT NULL REFERENCES service_points (id) ON DELETE CASCADE,
    service   TEXT NOT NULL,
    PRIMARY KEY (point_id, service)
) WITHOUT ROWID;

-- A unit staffs exactly one point; a point may be staffed by several units.
CREATE TABLE point_partners (
    unit_id   INTEGER PRIMARY KEY REFERENCES partner_units (id) ON DELETE CASCADE,
    point_id  INTEGER NOT NULL REFERENCES service_points (id) ON DELETE CASCADE
);
CREATE INDEX point_partners_by_point ON point_partners (point_id);

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name_zh    TEXT NOT NULL UNIQUE,
    name_en    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('unit', 'community', 'youth', 'women', 'science', 'red_cross', 'legal_aid', 'environmental', 'online_civility')),
    -- Set for a team formed by one of the partner units.
    unit_id    INTEGER REFERENCES partner_units (id)
);

CREATE TABLE volunteers (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    -- Personal information (PIPL): never in a public response, masked in staff views.
    phone          TEXT NOT NULL UNIQUE CHECK (length(phone) = 11),
    team_id        INTEGER NOT NULL REFERENCES teams (id),
    registered_at  INTEGER NOT NULL
);
CREATE INDEX volunteers_by_team ON volunteers (team_id);

CREATE TABLE shifts (
    id                  INTEGER PRIMARY KEY,
    point_id            INTEGER NOT NULL REFERENCES service_points (id),
    organiser_unit_id   INTEGER NOT NULL REFERENCES partner_units (id),
    duty                TEXT NOT NULL CHECK (duty IN ('point_service', 'traffic_duty', 'emergency_relief', 'community_event')),
    starts_at           INTEGER NOT NULL,
    ends_at             INTEGER NOT NULL CHECK (ends_at > starts_at AND ends_at - starts_at <= 12 * 3600),
    capacity            INTEGER NOT NULL CHECK (capacity > 0),
    -- High-risk duty opens for sign-up only once the organiser's accident insurance is on record.
    insured             INTEGER NOT NULL DEFAULT 0 CHECK (insured IN (0, 1))
);
CREATE INDEX shifts_by_point_and_start ON shifts (point_id, starts_at);

CREATE TABLE signups (
    id            INTEGER PRIMARY KEY,
    shift_id      INTEGER NOT NULL REFERENCES shifts (id),
    volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id),
    status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    created_at    INTEGER NOT NULL,
    UNIQUE (shift_id, volunteer_id)
);
CREATE INDEX signups_by_volunteer ON signups (volunteer_id);

-- Time served on one sign-up. It counts as verified only once the organising unit approved it.
CREATE TABLE attendance (
    id               INTEGER PRIMARY KEY,
    signup_id        INTEGER NOT NULL UNIQUE REFERENCES signups (id),
    checked_in_at    INTEGER NOT NULL,
    checked_out_at   INTEGER CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at),
    check_in_method  TEXT NOT NULL CHECK (check_in_method IN ('rotating_code', 'location', 'leader')),
    minutes          INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reviewed_at      INTEGER
);
CREATE INDEX attendance_by_status_and_time ON attendance (status, checked_in_at);
