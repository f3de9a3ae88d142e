// Staff accounts run from the console, in headless Chromium against the real server and
// release build: an administrator creates a coordinator, who signs in elsewhere; the
// administrator disables the account, and the coordinator's open session fails on its
// next request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { createStaff, signIn } from './support/staff.mjs';

const shared = serverAndBrowserForTests(async ({ server }) => {
  createStaff(server, 'admin', ['--role', 'administrator'], '测试管理员');
});

const COORDINATOR_PASSWORD = 'lantern ferry orchid 47';

test('an administrator creates a coordinator, then disables the account and its open session fails', async () => {
  const base = shared.server.base;
  const admin = await strictPage(shared.browser, base, { viewport: { width: 320, height: 900 } });
  await admin.page.goto(`${base}/staff/accounts`);
  await signIn(admin.page, 'admin');
  const form = admin.page.getByTestId('new-account');
  await form.waitFor();
  await form.getByLabel('登录名').fill('coord-b');
  await form.getByLabel('显示名称').fill('协调员 乙');
  await form.getByLabel('共建单位编号').fill('1');
  await form.getByLabel('初始密码（请当面交给本人）').fill('password1234');
  await form.getByRole('button', { name: '新建账户' }).click();
  await form.getByText('这个密码太常见或太容易猜到').waitFor();
  await form.getByLabel('初始密码（请当面交给本人）').fill(COORDINATOR_PASSWORD);
  await form.getByRole('button', { name: '新建账户' }).click();
  await form.getByText('已新建账户 coord-b。').waitFor();
  const item = admin.page.locator('[data-testid="account-item"][data-login="coord-b"]');
  await item.getByText('使用中').waitFor();
  assert.deepEqual(await violations(admin.page), [], 'the accounts page passes axe at 320 px');

  // The coordinator signs in on a device of their own.
  const coordinator = await strictPage(shared.browser, base);
  await coordinator.page.goto(`${base}/staff`);
  await coordinator.page.locator('#staff-login').fill('coord-b');
  await coordinator.page.locator('#staff-password').fill(COORDINATOR_PASSWORD);
  await coordinator.page.getByTestId('staff-sign-in').locator('button[type="submit"]').click();
  await coordinator.page.getByTestId('staff-who').getByText('已登录：协调员 乙').waitFor();

  await item.getByRole('button', { name: '停用' }).click();
  await item.getByText('已停用').waitFor();

  // Its next request fails: the console asks to sign in again, and signing in fails.
  await coordinator.page.getByRole('link', { name: '操作日志' }).click();
  await coordinator.page.locator('#staff-login').waitFor();
  await coordinator.page.locator('#staff-login').fill('coord-b');
  await coordinator.page.locator('#staff-password').fill(COORDINATOR_PASSWORD);
  await coordinator.page.getByTestId('staff-sign-in').locator('button[type="submit"]').click();
  await coordinator.page.getByRole('alert').filter({ hasText: '账号或密码不正确。' }).waitFor();

  // The browser logs the refused requests: who is signed in before signing in (401),
  // the common password (422).
  const refusals = (p) => !p.includes('401') && !p.includes('422');
  assert.deepEqual(admin.problems.filter(refusals), []);
  assert.deepEqual(coordinator.problems.filter(refusals), []);
  await admin.close();
  await coordinator.close();
});
