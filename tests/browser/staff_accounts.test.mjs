// Staff accounts run from the console, in headless Chromium against the real server and
// release build: a new administrator must set up two-step verification first, and then
// signs in with a code; they create a coordinator, who signs in elsewhere; the
// administrator disables the account, and the coordinator's open session fails on its
// next request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { oneTimeCode, scan } from './support/authenticator.mjs';
import { createStaff, signIn } from './support/staff.mjs';

const shared = serverAndBrowserForTests(async ({ server }) => {
  await createStaff(server, 'admin', ['--role', 'administrator'], '测试管理员', { enrolled: false });
});

const COORDINATOR_PASSWORD = 'lantern ferry orchid 47';

test('an administrator enrols two-step verification and signs in with it, creates a coordinator, then disables the account and its open session fails', async () => {
  const base = shared.server.base;
  const admin = await strictPage(shared.browser, base, { viewport: { width: 320, height: 900 } });
  await admin.page.goto(`${base}/staff/accounts`);
  await signIn(admin.page, 'admin');

  // Nothing but the set-up until two-step verification is on.
  const required = admin.page.getByTestId('second-factor-required');
  await required.getByText('管理员账户须先开启两步验证').waitFor();
  assert.equal(await admin.page.getByTestId('new-account').count(), 0);
  await required.getByLabel('当前密码').fill('lei feng 2026 coordinator');
  await required.getByRole('button', { name: '开始设置' }).click();
  await required.getByRole('img', { name: '两步验证设置二维码' }).waitFor();
  assert.deepEqual(await violations(admin.page), [], 'the set-up passes axe at 320 px');
  scan(base, 'admin', await required.getByTestId('second-factor-key').innerText());
  await required.getByLabel('应用中显示的 6 位验证码').fill('12345');
  await required.getByRole('button', { name: '确认开启' }).click();
  await required.getByText('请输入 6 位数字验证码').waitFor();
  await required.getByLabel('应用中显示的 6 位验证码').fill(await oneTimeCode(base, 'admin'));
  await required.getByRole('button', { name: '确认开启' }).click();
  const codes = required.getByTestId('recovery-codes').getByRole('listitem');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  assert.match(await codes.first().innerText(), /^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await required.getByRole('button', { name: '我已保存恢复码' }).click();
  await admin.page.getByTestId('new-account').waitFor();

  // Signed out, signing in again takes the password and then a code.
  await admin.page.getByTestId('staff-who').getByRole('button', { name: '退出登录' }).click();
  await admin.page.locator('#staff-login').fill('admin');
  await admin.page.locator('#staff-password').fill('lei feng 2026 coordinator');
  await admin.page.getByTestId('staff-sign-in').locator('button[type="submit"]').click();
  await admin.page.getByText('请输入身份验证器应用中的 6 位验证码').waitFor();
  await admin.page.locator('#staff-code').fill('000000');
  await admin.page.getByTestId('staff-sign-in').locator('button[type="submit"]').click();
  await admin.page.getByText('验证码不正确、已过期或已使用过').waitFor();
  await admin.page.locator('#staff-code').fill(await oneTimeCode(base, 'admin'));
  await admin.page.getByTestId('staff-sign-in').locator('button[type="submit"]').click();
  await admin.page.getByTestId('staff-who').waitFor();

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
