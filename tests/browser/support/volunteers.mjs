// Volunteers and shifts arranged through the public API, as quick starts for tests
// about later steps.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

let nextPhone = 0;

export async function getJson(base, path) {
  const response = await fetch(`${base}${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
}

/// The first point-duty shift, among all points, whose places are `wanted` ('free' or 'full').
export async function findShift(base, wanted) {
  for (let id = 1; id <= 30; id += 1) {
    const detail = await getJson(base, `/api/points/${id}`);
    // Far enough ahead that cancelling and the waitlist are still open (they close 2 hours
    // before the start), whatever the time of day the tests run at.
    const shift = detail.upcoming_shifts.find((s) =>
      s.duty === 'point_service' && new Date(s.window.starts_at).getTime() - Date.now() > 3 * 3600_000 &&
      (wanted === 'free' ? s.confirmed < s.capacity : s.confirmed >= s.capacity));
    if (shift) return { point: detail.point, shift };
  }
  throw new Error(`no ${wanted} shift in the seed`);
}

/// An upcoming traffic-duty shift that needs the traffic-rules training, insured, with
/// places left, far enough ahead to sign up for.
export async function trafficShift(base) {
  for (let id = 1; id <= 30; id += 1) {
    const detail = await getJson(base, `/api/points/${id}`);
    const shift = detail.upcoming_shifts.find((s) =>
      s.duty === 'traffic_duty' && s.required_training === 'traffic_rules' && s.insured &&
      s.confirmed < s.capacity && new Date(s.window.starts_at).getTime() - Date.now() > 3 * 3600_000);
    if (shift) return shift;
  }
  throw new Error('no traffic duty with places in the seed');
}

/// A volunteer registered through the API: returns their personal link key, drawn at
/// random as the app does.
export async function registeredVolunteer(base) {
  nextPhone += 1;
  const accessKey = randomBytes(32).toString('hex');
  const response = await fetch(`${base}/api/volunteers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomBytes(16).toString('hex') },
    body: JSON.stringify({
      name: '王 测试', phone: `1980000${String(nextPhone).padStart(4, '0')}`, team_id: 2,
      skills: [], consent: true, consent_version: '2026-11', access_key: accessKey,
    }),
  });
  assert.equal(response.status, 201);
  return accessKey;
}

/// Signs the volunteer with `key` up for `shift`; returns the sign-up.
export async function signUp(base, key, shift) {
  const response = await fetch(`${base}/api/signups`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, 'Idempotency-Key': randomBytes(16).toString('hex') },
    body: JSON.stringify({ shift_id: shift }),
  });
  assert.equal(response.status, 200);
  return response.json();
}
