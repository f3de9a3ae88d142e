// Arranging what no public API offers yet (the staff console will): moving a shift to
// now so that a test can check in on it. Python's standard sqlite3 module writes to the
// server's database file, as the Rust tests do with sqlx; WAL lets both at it at once.
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';

const SCRIPT = `
import sqlite3, sys, time
database, shift = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(database, timeout=10)
now = int(time.time())
db.execute("UPDATE shifts SET starts_at = ?, ends_at = ? WHERE id = ?", (now - 600, now + 3 * 3600, shift))
db.commit()
(secret,) = db.execute(
    "SELECT hex(code_secret) FROM service_points p JOIN shifts s ON s.point_id = p.id WHERE s.id = ?",
    (shift,)).fetchone()
print(secret)
`;

/// Moves `shift` so that it started ten minutes ago; returns its point's code secret.
export function startShiftNow(database, shift) {
  const hex = execFileSync('python3', ['-c', SCRIPT, database, String(shift)], { encoding: 'utf8' });
  return Buffer.from(hex.trim(), 'hex');
}

/// The point's rotating code at `at` (ms, now by default): HMAC-SHA256 over the minute,
/// truncated as in RFC 4226.
export function rotatingCode(secret, at = Date.now()) {
  const step = Buffer.alloc(8);
  step.writeBigInt64BE(BigInt(Math.floor(at / 1000 / 60)));
  const digest = createHmac('sha256', secret).update(step).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

const PENDING_UNIT = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=10)
rows = db.execute("""
    SELECT sh.organiser_unit_id, a.minutes, a.checked_out_at FROM attendance a
    JOIN signups s ON s.id = a.signup_id JOIN shifts sh ON sh.id = s.shift_id
    WHERE a.status = 'pending'
    ORDER BY sh.organiser_unit_id, a.auto_closed DESC, a.checked_in_at, a.id""").fetchall()
seen = set()
for unit, minutes, checked_out in rows:
    if unit in seen:
        continue
    seen.add(unit)
    if minutes >= 60 and checked_out is not None:
        print(unit)
        break
`;

/// A partner unit whose review queue starts with an hour or more of checked-out,
/// pending service, as the seed leaves several.
export function pendingUnit(database) {
  return Number(execFileSync('python3', ['-c', PENDING_UNIT, database], { encoding: 'utf8' }).trim());
}

const VERIFIED_VOLUNTEER = `
import calendar, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=10)
# Verified service since 1 January (China Standard Time, UTC+8) on the shifts of the
# volunteer's own unit.
year = time.gmtime(time.time() + 8 * 3600).tm_year
year_start = calendar.timegm((year, 1, 1, 0, 0, 0)) - 8 * 3600
unit, volunteer = db.execute("""
    SELECT sh.organiser_unit_id, s.volunteer_id FROM attendance a
    JOIN signups s ON s.id = a.signup_id JOIN shifts sh ON sh.id = s.shift_id
    JOIN volunteers v ON v.id = s.volunteer_id JOIN teams t ON t.id = v.team_id
    WHERE a.status = 'approved' AND a.minutes > 0 AND sh.starts_at >= ?
      AND t.unit_id = sh.organiser_unit_id
    ORDER BY a.id LIMIT 1""", (year_start,)).fetchone()
print(unit, volunteer)
`;

/// A partner unit and a volunteer of one of its teams with verified service on its
/// shifts this year.
export function verifiedVolunteer(database) {
  const [unit, volunteer] = execFileSync('python3', ['-c', VERIFIED_VOLUNTEER, database], { encoding: 'utf8' })
    .trim().split(' ').map(Number);
  return { unit, volunteer };
}
