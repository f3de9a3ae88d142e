// The staff console in headless Chromium against the real server and release build:
// an account made with the server's own `create-staff` command signs in, and a
// coordinator's approval moves the verified counter live.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { violations } from './support/axe.mjs';
import { pendingUnit } from './support/fixtures.mjs';
import { createStaff, signIn } from './support/staff.mjs';

const shared = serverAndBrowserForTests();

async function unitHours(unit) {
  const response = await fetch(`${shared.server.base}/api/stats?unit=${unit}`);
  return Math.floor((await response.json()).verified_minutes_this_year / 60);
}

test('a wrong password is refused in words, and nothing is shown before signing in', async () => {
  createStaff(shared.server, 'someone', []);
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(`${shared.server.base}/staff`);
  await page.getByLabel('账号').fill('someone');
  await page.getByLabel('密码').fill('not the password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: '账号或密码不正确。' }).waitFor();
  assert.equal(await page.getByTestId('review-queue').count(), 0);
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await close();
});

test('a coordinator signs in, approves pending hours and sees the verified counter rise', async () => {
  const unit = pendingUnit(shared.server.database);
  createStaff(shared.server, 'coordinator', ['--role', 'coordinator', '--unit', String(unit)]);
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(`${shared.server.base}/staff`);
  await signIn(page, 'coordinator');
  await page.getByTestId('staff-who').getByText('已登录：测试协调员').waitFor();

  const figure = page.getByTestId('verified-hours-this-year');
  await figure.waitFor();
  const before = Number(await figure.getAttribute('data-hours'));
  assert.equal(before, await unitHours(unit), 'the unit\'s own counter');
  const first = page.getByTestId('review-item').first();
  const minutes = Number(await first.getAttribute('data-minutes'));
  assert.ok(minutes >= 60, `an hour or more to approve (${minutes} min)`);
  assert.match(await first.innerText(), /\d{3}\*{4}\d{4}/, 'the phone is masked');
  assert.deepEqual(await violations(page), [], 'the console with its queue');
  await first.getByRole('button', { name: '通过', exact: true }).click();

  const expected = await (async () => {
    for (let i = 0; i < 50; i += 1) {
      const hours = await unitHours(unit);
      if (hours > before) return hours;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the approval never reached the API');
  })();
  await page.waitForFunction(
    (hours) => document.querySelector('[data-testid="verified-hours-this-year"]')?.dataset.hours === String(hours),
    expected,
    { timeout: 2000 },
  );
  // Before signing in, the console asked who is signed in: 401.
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await close();
});

test('a coordinator approves the unflagged rest at once and reads it in the audit log', async () => {
  const unit = pendingUnit(shared.server.database);
  createStaff(shared.server, 'bulk', ['--role', 'coordinator', '--unit', String(unit)]);
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(`${shared.server.base}/staff`);
  await signIn(page, 'bulk');
  const queue = () => page.evaluate(async () => (await fetch('/api/staff/attendance')).json());
  const plain = (await queue()).filter((item) => !item.auto_closed).map((item) => item.id);
  const button = page.getByTestId('approve-all');
  assert.match(await button.innerText(), new RegExp(`通过全部 ${plain.length} 条未标记记录`));
  await button.click();
  for (let i = 0; i < 50; i += 1) {
    const pending = new Set((await queue()).map((item) => item.id));
    if (!plain.some((id) => pending.has(id))) break;
    assert.ok(i < 49, 'every unflagged record was approved');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // The filter shows what was decided.
  await page.getByLabel('状态').selectOption('approved');
  await page.getByTestId('review-item').first().waitFor();
  const shown = await page.getByTestId('review-item').count();
  assert.ok(shown >= Math.min(plain.length, 1), `${shown} approved records listed`);

  await page.getByRole('navigation', { name: '工作台栏目' }).getByRole('link', { name: '操作日志' }).click();
  const log = page.getByTestId('audit-log');
  await log.waitFor();
  const approvals = await log.locator('tr', { hasText: 'attendance.approve' }).count();
  assert.ok(approvals >= Math.min(plain.length, 200), `${approvals} approvals in the log`);
  assert.deepEqual(await violations(page), [], 'the audit log');
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await close();
});
