// Staff accounts for browser tests: made with the server's own `create-staff` command,
// signed in through the console's form.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

export const STAFF_PASSWORD = 'lei feng 2026 coordinator';

/// Creates an account on the test server's database; `args` gives the role.
export function createStaff(server, login, args, name = '测试协调员') {
  const created = spawnSync(
    process.env.HULI_SERVER_BIN,
    ['--database-url', `sqlite://${server.database}`, 'create-staff', '--login', login, '--name', name, ...args],
    { input: `${STAFF_PASSWORD}\n`, encoding: 'utf8' },
  );
  assert.equal(created.status, 0, created.stderr);
}

/// Signs in on the console's form, wherever the page shows it.
/// Signs in through the form, in whichever language the page is in.
export async function signIn(page, login) {
  await page.locator('#staff-login').fill(login);
  await page.locator('#staff-password').fill(STAFF_PASSWORD);
  await page.getByTestId('staff-sign-in').locator('button[type="submit"]').click();
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
