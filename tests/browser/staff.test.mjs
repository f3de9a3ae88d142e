// The staff console in headless Chromium against the real server and release build:
// an account made with the server's own `create-staff` command signs in, and a
// coordinator's approval moves the verified counter live.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { violations } from './support/axe.mjs';
import { pendingUnit } from './support/fixtures.mjs';
import { createStaff, pageThrough, pagerWords, signIn } from './support/staff.mjs';

const shared = serverAndBrowserForTests();

async function unitHours(unit) {
  const response = await fetch(`${shared.server.base}/api/stats?unit=${unit}`);
  return Math.floor((await response.json()).verified_minutes_this_year / 60);
}

test('a wrong password is refused in words, and nothing is shown before signing in', async () => {
  await createStaff(shared.server, 'someone', []);
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
  await createStaff(shared.server, 'coordinator', ['--role', 'coordinator', '--unit', String(unit)]);
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

const bulkWords = {
  'zh-CN': {
    login: 'bulk', name: '批量审核员', approvePage: (n) => `通过本页 ${n} 条未标记记录`, yes: '确定通过',
    question: (n) => new RegExp(`确定通过本页这 ${n} 条记录`), cancel: '取消', done: (n) => `已通过 ${n} 条记录。`, undo: '撤销',
    undone: (n) => `已撤销：${n} 条记录重新等待审核。`, nav: '工作台栏目', audit: '操作日志',
    approved: /^批量审核员通过了服务时长：服务记录 #\d+$/, undid: /^批量审核员撤销了通过：服务记录 #\d+$/, details: '账号与修改前后',
  },
  'en-US': {
    login: 'bulk-en', name: 'Bulk Reviewer', approvePage: (n) => `Approve the ${n} records on this page that are not flagged`,
    yes: 'Yes, approve', question: (n) => new RegExp(`Approve these ${n} records on this page`), cancel: 'Cancel',
    done: (n) => `${n} records approved.`, undo: 'Undo', undone: (n) => `Undone: ${n} records are waiting for review again.`,
    nav: 'Staff console sections', audit: 'Audit log',
    approved: /^Bulk Reviewer approved served minutes: attendance record #\d+$/,
    undid: /^Bulk Reviewer undid an approval: attendance record #\d+$/, details: 'Account, before and after',
  },
};

for (const [locale, words] of Object.entries(bulkWords)) {
  test(`a coordinator approves the page's unflagged records after confirming, undoes it, and reads both in the audit log (${locale}, 360 px)`, async () => {
    const unit = pendingUnit(shared.server.database);
    await createStaff(shared.server, words.login, ['--role', 'coordinator', '--unit', String(unit)], words.name);
    const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { locale, viewport: { width: 360, height: 740 } });
    await page.goto(`${shared.server.base}/staff`);
    await signIn(page, words.login);
    const queue = (status = 'pending') =>
      page.evaluate(async (status) => (await (await fetch(`/api/staff/attendance?status=${status}`)).json()).items, status);
    await page.getByTestId('review-item').first().waitFor();
    const plain = (await queue()).filter((item) => !item.auto_closed).map((item) => item.id);
    const button = page.getByTestId('approve-all');
    assert.equal(await button.innerText(), words.approvePage(plain.length));
    await button.click();
    // It asks first, and nothing is approved until the answer is yes.
    const yes = page.getByRole('button', { name: words.yes });
    await page.waitForFunction(() => document.activeElement?.id === 'bulk-confirm'); // focus on the answer
    await page.getByRole('group').getByText(words.question(plain.length)).waitFor();
    assert.deepEqual(await violations(page), [], 'the question');
    await page.getByRole('button', { name: words.cancel }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'approve-page'); // back on the button
    assert.ok((await queue()).some((item) => plain.includes(item.id)), 'nothing approved');
    await button.click();
    await yes.click();

    const notice = page.locator('#queue-notice');
    await notice.getByText(words.done(plain.length)).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'queue-notice'); // on what was done
    const pending = new Set((await queue()).map((item) => item.id));
    assert.ok(!plain.some((id) => pending.has(id)), 'every unflagged record of the page approved');

    await notice.getByRole('button', { name: words.undo }).click();
    await notice.getByText(words.undone(plain.length)).waitFor();
    const back = new Set((await queue()).map((item) => item.id));
    assert.ok(plain.every((id) => back.has(id)), 'every one waiting again');
    assert.deepEqual(await violations(page), [], 'the queue after an undo');

    await page.getByRole('navigation', { name: words.nav }).getByRole('link', { name: words.audit }).click();
    const log = page.getByTestId('audit-log');
    await log.waitFor();
    // Only this account's entries, as sentences: the unit's log holds other reviewers' too.
    const sentences = log.locator(':scope > li > .audit-sentence');
    const approvals = await sentences.filter({ hasText: words.approved }).count();
    const undos = await sentences.filter({ hasText: words.undid }).count();
    // In Huli's time, with the record itself behind a disclosure.
    const newest = log.locator(':scope > li').first();
    assert.match(await newest.locator('time').innerText(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await newest.getByText(words.details).click();
    const record = await newest.locator('dd').allInnerTexts();
    assert.ok(record.some((text) => text.includes('"status":"pending"')), record.join(' | '));
    assert.equal(approvals, plain.length, 'each approval in the log');
    assert.equal(undos, plain.length, 'and each undo');
    assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
    await close();
  });
}

const queueWords = {
  'zh-CN': { ...pagerWords['zh-CN'], method: '签到方式', unit: '组织单位', byCode: '签到码' },
  'en-US': { ...pagerWords['en-US'], method: 'Check-in method', unit: 'Organising unit', byCode: 'Check-in code' },
};

for (const [locale, words] of Object.entries(queueWords)) {
  test(`an administrator sees the queue's true total and pages through all of it, filtered or not (${locale}, 360 px)`, async () => {
    const login = `pager-${locale}`;
    await createStaff(shared.server, login, ['--role', 'administrator']);
    const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { locale, viewport: { width: 360, height: 740 } });
    await page.goto(`${shared.server.base}/staff`);
    await signIn(page, login);
    const total = async (query) =>
      page.evaluate(async (query) => (await (await fetch(`/api/staff/attendance?${query}`)).json()).total, query);
    // Pending: the seed leaves several hundred, more than the old cap of 200.
    const all = await total('status=pending');
    assert.ok(all > 200, `more than one old page: ${all}`);
    const range = page.locator('#queue-range');
    await range.getByText(words.range(1, 50, all)).waitFor();
    const next = await pageThrough(page, words, 'queue-range', all);
    assert.ok(await next.isDisabled(), 'the last page has no next');
    assert.equal(await page.getByTestId('review-item').count(), all - Math.floor((all - 1) / 50) * 50);

    // A filter starts again from the first page of what it keeps.
    await page.getByLabel(words.method).selectOption('rotating_code');
    const byCode = await total('method=rotating_code');
    assert.ok(byCode > 0 && byCode <= all, `${byCode} of ${all} checked in by code`);
    await range.getByText(words.range(1, Math.min(byCode, 50), byCode)).waitFor();
    // A unit whose count differs, so the list drawn before the unit filter cannot pass for it.
    const units = page.locator('#queue-unit option');
    let unit = null;
    for (let i = 1; i < (await units.count()) && unit === null; i += 1) {
      const id = await units.nth(i).getAttribute('value');
      const count = await total(`method=rotating_code&unit=${id}`);
      if (count > 0 && count < byCode) unit = { id, count, name: (await units.nth(i).innerText()).trim() };
    }
    assert.ok(unit, 'some unit holds part of the records checked in by code');
    await page.getByLabel(words.unit).selectOption(unit.id);
    await range.getByText(words.range(1, Math.min(unit.count, 50), unit.count)).waitFor();
    const items = await page.getByTestId('review-item').allInnerTexts();
    assert.equal(items.length, Math.min(unit.count, 50));
    assert.ok(items.every((text) => text.includes(words.byCode)), 'each row says how it was checked in');
    assert.ok(items.every((text) => text.includes(unit.name)), 'and which unit organised it');
    assert.deepEqual(await violations(page), [], 'the filtered queue');
    assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
    await close();
  });
}
