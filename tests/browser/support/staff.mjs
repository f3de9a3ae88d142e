// Staff accounts for browser tests, made as the district makes them: the first
// administrator with the server's own `create-staff` command (a fixture account that
// only arranges), every other account by that administrator through the API. Every
// administrator has two-step verification, enrolled here through the API and kept by
// the tests' authenticator, unless a test enrols one through the console itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hasSecondFactor, oneTimeCode, scan } from './authenticator.mjs';

export const STAFF_PASSWORD = 'lei feng 2026 coordinator';

const FIXTURE_ADMIN = 'fixture-admin';
const fixtureSessions = new Map();

/// The role an account form takes, from `create-staff`-style arguments.
function roleOf(args) {
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  switch (value('--role') ?? 'administrator') {
    case 'coordinator': return { role: 'coordinator', unit_id: Number(value('--unit')) };
    case 'point-leader': return { role: 'point_leader', point_id: Number(value('--point')) };
    default: return { role: 'administrator' };
  }
}

/// A staff API call from the tests (not a browser): the session's cookie and token.
export async function staffRequest(server, session, method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  const response = await fetch(`${server.base}${path}`, { method, headers, body: JSON.stringify(body ?? {}) });
  return response;
}

/// Gives the volunteer with `id` a new personal link, as staff do at a point for a
/// volunteer who lost theirs; returns its key and the volunteer number.
export async function newLinkFor(server, session, id) {
  const key = randomBytes(32).toString('hex');
  const number = `HL${String(id).padStart(7, '0')}`;
  const path = `/api/staff/volunteers/${number}/personal-link`;
  const replaced = await staffRequest(server, session, 'POST', path, { access_key: key });
  assert.equal(replaced.status, 204);
  return { key, number };
}

/// Signs in through the API with the password and, if enrolled, a code; an administrator
/// without two-step verification enrols it first.
export async function signInThroughApi(server, login) {
  const code = hasSecondFactor(server.base, login) ? await oneTimeCode(server.base, login) : '';
  const response = await staffRequest(server, null, 'POST', '/api/staff/session', { login, password: STAFF_PASSWORD, code });
  assert.equal(response.status, 200, `signing ${login} in: ${await response.clone().text()}`);
  const body = await response.json();
  const session = { cookie: response.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token };
  if (body.second_factor === 'required') await enrol(server, session, login);
  return session;
}

async function enrol(server, session, login) {
  const begun = await staffRequest(server, session, 'POST', '/api/staff/session/second-factor', { password: STAFF_PASSWORD });
  assert.equal(begun.status, 200);
  scan(server.base, login, (await begun.json()).secret);
  const code = await oneTimeCode(server.base, login);
  const confirmed = await staffRequest(server, session, 'PUT', '/api/staff/session/second-factor', { code });
  assert.equal(confirmed.status, 200, await confirmed.clone().text());
}

/// The arranging administrator's session on this server, made the first time.
async function fixtureAdmin(server) {
  if (!fixtureSessions.has(server.base)) {
    const created = spawnSync(
      process.env.HULI_SERVER_BIN,
      ['--database-url', `sqlite://${server.database}`, 'create-staff', '--login', FIXTURE_ADMIN, '--name', '测试准备账户'],
      { input: `${STAFF_PASSWORD}\n`, encoding: 'utf8' },
    );
    assert.equal(created.status, 0, created.stderr);
    fixtureSessions.set(server.base, await signInThroughApi(server, FIXTURE_ADMIN));
  }
  return fixtureSessions.get(server.base);
}

/// Creates an account on the test server; `args` gives the role as `create-staff` once
/// took it (`--role coordinator --unit 3`; administrator by default). An administrator
/// has two-step verification enrolled unless `enrolled` is false.
export async function createStaff(server, login, args, name = '测试协调员', { enrolled = true } = {}) {
  const admin = await fixtureAdmin(server);
  const form = { login, display_name: name, role: roleOf(args), password: STAFF_PASSWORD };
  const created = await staffRequest(server, admin, 'POST', '/api/staff/accounts', form);
  assert.equal(created.status, 201, await created.clone().text());
  if (form.role.role === 'administrator' && enrolled) await signInThroughApi(server, login);
}

/// Signs in through the console's form, in whichever language the page is in, with a
/// code from the tests' authenticator when the account has two-step verification.
export async function signIn(page, login) {
  await page.locator('#staff-login').fill(login);
  await page.locator('#staff-password').fill(STAFF_PASSWORD);
  const submit = page.getByTestId('staff-sign-in').locator('button[type="submit"]');
  await submit.click();
  const base = new URL(page.url()).origin;
  if (hasSecondFactor(base, login)) {
    await page.locator('#staff-code').fill(await oneTimeCode(base, login));
    await submit.click();
  }
  await page.getByTestId('staff-who').waitFor();
}

/// The staff lists' pager in each language: its range line and its "next" button.
export const pagerWords = {
  'zh-CN': { range: (from, to, total) => `第 ${from}–${to} 条，共 ${total} 条`, pages: '分页', next: '下一页' },
  'en-US': { range: (from, to, total) => `${from}–${to} of ${total}`, pages: 'Pages', next: 'Next page' },
};

/// Walks a staff list of `total` items from its first page to its last, 50 a page:
/// after each move the range line (`#${rangeId}`) names the new page and holds the focus.
/// Returns the "next" button, disabled on the last page.
export async function pageThrough(page, words, rangeId, total) {
  const range = page.locator(`#${rangeId}`);
  const next = page.getByRole('navigation', { name: words.pages }).getByRole('button', { name: words.next });
  let seen = 50;
  while (seen < total) {
    await next.click();
    const to = Math.min(seen + 50, total);
    await range.getByText(words.range(seen + 1, to, total)).waitFor();
    await page.waitForFunction((id) => document.activeElement?.id === id, rangeId); // where the page lies
    seen = to;
  }
  return next;
}
