// Registration, sign-up, the waitlist, cancelling and "add to calendar", in headless
// Chromium against the real server and release build.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { rotatingCode, startShiftNow } from './support/fixtures.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import {
  findShift as findShiftOn, getJson, registeredVolunteer as registeredVolunteerOn, signUp,
} from './support/volunteers.mjs';

const shared = serverAndBrowserForTests();
async function api(path) {
  return getJson(shared.server.base, path);
}

const findShift = (wanted) => findShiftOn(shared.server.base, wanted);
const registeredVolunteer = () => registeredVolunteerOn(shared.server.base);

test('a volunteer registers from a point page, sees an inline error for a bad number, signs up and adds the shift to a calendar', async () => {
  const { point, shift } = await findShift('free');
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { acceptDownloads: true });
  await page.goto(`${shared.server.base}/points/${point.id}`);
  await page.locator(`a[href="/signup?shift=${shift.id}"]`).click();
  await page.getByRole('heading', { level: 1, name: '志愿者报名' }).waitFor();
  await page.getByTestId('shift-summary').waitFor();

  await page.getByLabel('姓名').fill('林 小雨');
  await page.getByLabel('手机号码').fill('138 1234');
  await page.getByRole('button', { name: '注册', exact: true }).click();
  const phone = page.locator('#reg-phone');
  assert.equal(await phone.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#reg-phone-error').innerText(), /请填写 11 位中国大陆手机号码/);
  assert.ok(await phone.evaluate((input) => input === document.activeElement), 'focus moves to the first bad field');
  assert.match(await page.locator('#reg-consent-error').innerText(), /同意/);

  await phone.fill('+86 197-0000-0001');
  await page.locator('#reg-team').selectOption('1');
  await page.getByLabel('急救').check();
  await page.getByLabel('我同意按上述说明处理我的个人信息。').check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  const link = page.getByTestId('personal-link').locator('input');
  await link.waitFor();
  assert.match(await link.inputValue(), new RegExp(`^${shared.server.base}/me#key=[0-9a-f]{64}$`));
  assert.equal(await page.getByTestId('registration-form').count(), 0, 'the form is done');

  const placesBefore = shift.capacity - shift.confirmed;
  const places = page.getByTestId('shift-summary').locator('.shift-places');
  assert.match(await places.innerText(), new RegExp(`还差 ${placesBefore} 人`));
  await page.getByRole('button', { name: '报名这个班次' }).click();
  await page.getByText('报名成功，感谢您的奉献！').waitFor();
  // The button is gone: focus is on what came of it, not back at the top of the page.
  await page.waitForFunction(() => document.activeElement?.id === 'signup-outcome');
  // The figure is the one after the sign-up.
  assert.match(await places.innerText(), placesBefore > 1 ? new RegExp(`还差 ${placesBefore - 1} 人`) : /已满/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('signup-action').getByRole('link', { name: '添加到日历' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  const ics = await readFile(await download.path(), 'utf8');
  assert.match(ics, /^BEGIN:VCALENDAR/);
  assert.ok(ics.includes(`SUMMARY:学雷锋志愿服务：${point.name.zh}`), ics);
  const unfolded = ics.replaceAll('\r\n ', '');
  assert.ok(unfolded.includes(point.address.zh), `the address is in the event: ${ics}`);
  assert.match(unfolded, /\r\nGEO:\d+\.\d{6};\d+\.\d{6}\r\n/);

  await page.getByRole('link', { name: '查看我的报名' }).click();
  const item = page.getByTestId('signup-item');
  await item.waitFor();
  assert.match(await item.innerText(), /已确认/);
  assert.match(await page.getByTestId('my-profile').innerText(), /197\*\*\*\*0001/);
  // Nobody waits for this shift: cancelling would open the place again, and says so.
  await item.getByRole('button', { name: '取消报名' }).click();
  await item.getByText('您的名额将重新开放给其他志愿者。').waitFor();
  assert.doesNotMatch(await item.innerText(), /候补第一位/);
  await item.getByRole('button', { name: '保留报名' }).click();
  assert.deepEqual(problems, []);
  await close();
});

test('a full shift offers the waitlist with the position, and a sign-up can be cancelled', async () => {
  const { shift } = await findShift('full');
  const key = await registeredVolunteer();
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  // The personal link: its key is saved on this device and taken out of the address bar.
  await page.goto(`${shared.server.base}/me#key=${key}`);
  await page.getByText('您近期没有班次。').waitFor();
  assert.equal(new URL(page.url()).hash, '');

  await page.goto(`${shared.server.base}/signup?shift=${shift.id}`);
  await page.getByRole('button', { name: '加入这个班次的候补' }).click();
  const position = shift.waitlisted + 1;
  await page.getByText(`您是候补第 ${position} 位`).waitFor();

  await page.goto(`${shared.server.base}/me`);
  const item = page.getByTestId('signup-item');
  await item.getByText(`候补第 ${position} 位`).waitFor();
  await item.getByRole('button', { name: '取消报名' }).click();
  await item.getByRole('button', { name: '确定取消' }).click();
  await page.getByTestId('signup-item').getByText('已取消').waitFor();
  const after = await api(`/api/shifts/${shift.id}`);
  assert.equal(after.waitlisted, shift.waitlisted);
  assert.deepEqual(problems, []);
  await close();
});

test('a personal link that no longer works says so, and a phone number is never enough', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(`${shared.server.base}/me#key=${'0'.repeat(64)}`);
  await page.getByText('个人链接无效或已更换。').waitFor();
  await page.getByText('仅凭手机号码无法打开报名记录', { exact: false }).waitFor();
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await close();
});

test('a check-in with the rotating code on one page raises the on-duty count on another without a reload', async () => {
  const { point, shift } = await findShift('free');
  const key = await registeredVolunteer();
  await signUp(shared.server.base, key, shift.id);
  const secret = startShiftNow(shared.server.database, shift.id);

  const watcher = await strictPage(shared.browser, shared.server.base);
  await watcher.page.goto(shared.server.base);
  const onDuty = watcher.page.getByTestId('on-duty-now-total');
  await onDuty.waitFor();
  const before = Number(await onDuty.getAttribute('data-count'));
  const atPoint = await strictPage(shared.browser, shared.server.base);
  await atPoint.page.goto(`${shared.server.base}/points/${point.id}`);
  const pointOnDuty = atPoint.page.getByTestId('on-duty-now-total');
  await pointOnDuty.waitFor();
  const pointBefore = Number(await pointOnDuty.getAttribute('data-count'));

  const volunteer = await strictPage(shared.browser, shared.server.base);
  await volunteer.page.goto(`${shared.server.base}/me#key=${key}`);
  await volunteer.page.getByLabel('签到码（服务点屏幕上的 6 位数字）').fill(rotatingCode(secret));
  await volunteer.page.getByRole('button', { name: '签到', exact: true }).click();
  await volunteer.page.getByTestId('attendance').getByText(/已于 \d\d:\d\d 签到/).waitFor();

  await watcher.page.waitForFunction(
    (expected) => document.querySelector('[data-testid="on-duty-now-total"]')?.dataset.count === String(expected),
    before + 1,
    { timeout: 2000 },
  );
  assert.match(await onDuty.innerText(), new RegExp(`当前在岗志愿者 ${before + 1} 人`));

  // The point's own counter rises too, and the time served on duty ticks each second.
  await atPoint.page.waitForFunction(
    (expected) => document.querySelector('[data-testid="on-duty-now-total"]')?.dataset.count === String(expected),
    pointBefore + 1,
    { timeout: 2000 },
  );
  const clock = atPoint.page.getByTestId('on-duty-time');
  const seconds = async () => Number(await clock.getAttribute('data-seconds'));
  const first = await seconds();
  await atPoint.page.waitForFunction(
    (earlier) => Number(document.querySelector('[data-testid="on-duty-time"]')?.dataset.seconds) > earlier,
    first,
  );
  assert.equal(await clock.getAttribute('role'), 'timer', 'not announced each second');
  assert.match(await clock.innerText(), /已累计服务 \d+ 小时 \d\d 分 \d\d 秒/);
  assert.deepEqual(atPoint.problems, []);
  await atPoint.close();
  assert.deepEqual(watcher.problems, []);
  assert.deepEqual(volunteer.problems, []);
  await watcher.close();
  await volunteer.close();
});

const shiftFinder = {
  'zh-CN': {
    nav: '主导航', findShift: '找班次', heading: '需要志愿者的班次', day: '日期', point: '服务点', signUp: /^报名/,
    name: '姓名', phone: '手机号码', team: '所属队伍或共建单位', individual: '个人志愿者', consent: '我同意按上述说明处理我的个人信息。',
    register: '注册', confirm: '报名这个班次', done: '报名成功，感谢您的奉献！', mine: '我的报名', fits: '只看适合我的（时间不冲突、培训已具备）',
  },
  'en-US': {
    nav: 'Main', findShift: 'Find a shift', heading: 'Shifts that need volunteers', day: 'Day', point: 'Service point', signUp: /^Sign up/,
    name: 'Name', phone: 'Mobile number', team: 'Team or partner unit', individual: 'Individual volunteer',
    consent: 'I agree to the processing of my personal information as described above.',
    register: 'Register', confirm: 'Sign up for this shift', done: 'You are signed up. Thank you!', mine: 'My sign-ups',
    fits: 'Only those that fit me (no overlap, training held)',
  },
};

for (const [locale, words, phone] of [['zh-CN', shiftFinder['zh-CN'], '197 0000 0002'], ['en-US', shiftFinder['en-US'], '197 0000 0003']]) {
  test(`a new individual volunteer finds a shift across all points on /shifts, registers in no team and signs up; "fits me" then leaves it out (${locale})`, async () => {
    const { point, shift } = await findShift('free');
    const day = new Date(new Date(shift.window.starts_at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { locale, viewport: { width: 360, height: 740 } });
    await page.goto(`${shared.server.base}/signup`);
    await page.getByRole('navigation', { name: words.nav }).getByRole('link', { name: words.findShift }).click();
    await page.getByRole('heading', { level: 1, name: words.heading }).waitFor();
    // The router moved within the volunteers' build: focus follows to the new heading.
    const onHeading = (title) => page.waitForFunction(
      (title) => document.activeElement?.matches('main h1') && document.activeElement.innerText === title, title);
    await onHeading(words.heading);
    // Today's list may be empty (late in the day every shift has begun): only the day
    // of the shift found is sure to list it.
    await page.locator('[data-testid="open-shifts"], .no-match').first().waitFor();
    await page.getByLabel(words.day, { exact: true }).selectOption(day);
    await page.getByLabel(words.point, { exact: true }).selectOption(String(point.id));
    const item = page.locator(`[data-shift="${shift.id}"]`);
    await item.waitFor();
    assert.ok(page.url().includes(`day=${day}`) && page.url().includes(`point=${point.id}`), page.url());
    // Once the list has followed the filter, only that point's shifts are left.
    const pointName = locale === 'zh-CN' ? point.name.zh : point.name.en;
    await page.waitForFunction((name) => {
      const names = [...document.querySelectorAll('.shift-point')].map((a) => a.textContent.trim());
      return names.length > 0 && names.every((n) => n === name);
    }, pointName);
    assert.deepEqual(await violations(page), [], '/shifts');

    await item.getByRole('link', { name: words.signUp }).click();
    await page.getByTestId('shift-summary').waitFor();
    await page.getByLabel(words.name, { exact: true }).fill(locale === 'zh-CN' ? '陈 晓' : 'Chen Xiao');
    await page.getByLabel(words.phone).fill(phone);
    // A resident on their own: no team to pick among 163.
    await page.getByLabel(words.team).selectOption({ label: words.individual });
    await page.getByLabel(words.consent).check();
    await page.getByRole('button', { name: words.register, exact: true }).click();
    await page.getByRole('button', { name: words.confirm }).click();
    await page.getByText(words.done).waitFor();

    // "My sign-ups" says who they are: an individual volunteer.
    await page.getByRole('navigation', { name: words.nav }).getByRole('link', { name: words.mine }).click();
    await onHeading(words.mine);
    await page.getByTestId('my-profile').getByText(words.individual, { exact: true }).waitFor();

    // Back on the list, "fits me" leaves out the shift now taken.
    await page.goto(`${shared.server.base}/shifts?day=${day}&point=${point.id}`);
    await item.waitFor();
    await page.getByLabel(words.fits).check();
    await item.waitFor({ state: 'detached' });
    assert.ok(page.url().includes('fits=1'));
    assert.deepEqual(problems, []);
    await close();
  });
}

test("on a slow connection, an earlier filter's late answer never replaces the later one's", async () => {
  const { point, shift } = await findShift('free');
  const day = new Date(new Date(shift.window.starts_at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { viewport: { width: 360, height: 740 } });
  // The answer for every point comes late; the one for a single point at once.
  await page.route('**/api/shifts?*', async (route) => {
    if (!route.request().url().includes('point=')) await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.goto(`${shared.server.base}/shifts?day=${day}`);
  await page.getByTestId('open-shifts').waitFor();
  const late = page.waitForResponse((r) => r.url().includes('duty=point_service') && !r.url().includes('point='));
  await page.getByLabel('任务').selectOption('point_service');
  await page.getByLabel('服务点', { exact: true }).selectOption(String(point.id));
  await page.locator(`[data-shift="${shift.id}"]`).waitFor();
  // Once the late answer is in, the list still ends on the later filter's.
  await late;
  await page.waitForFunction((name) => {
    const names = [...document.querySelectorAll('.shift-point')].map((a) => a.textContent.trim());
    return names.length > 0 && names.every((n) => n === name);
  }, point.name.zh);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('duty'), 'point_service');
  assert.equal(url.searchParams.get('point'), String(point.id));
  assert.deepEqual(problems, []);
  await close();
});

test("inside WeChat, which downloads no files, the calendar link says to open the page in the phone's browser", async () => {
  const { shift } = await findShift('free');
  const key = await registeredVolunteer();
  await signUp(shared.server.base, key, shift.id);
  const wechat = 'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Mobile Safari/537.36 MicroMessenger/8.0.50';
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { userAgent: wechat, viewport: { width: 360, height: 740 } });
  await page.goto(`${shared.server.base}/me#key=${key}`);
  const item = page.getByTestId('signup-item');
  await item.getByRole('link', { name: '添加到日历' }).waitFor();
  await item.getByText('微信内无法下载日历文件：请点右上角“⋯”，选择“在浏览器打开”，再添加到日历。').waitFor();
  assert.deepEqual(problems, []);
  await close();

  const browser = await strictPage(shared.browser, shared.server.base);
  await browser.page.goto(`${shared.server.base}/me#key=${key}`);
  await browser.page.getByTestId('signup-item').getByRole('link', { name: '添加到日历' }).waitFor();
  assert.equal(await browser.page.getByText(/微信内无法下载/).count(), 0, 'only inside WeChat');
  await browser.close();
});

for (const locale of ['zh-CN', 'en-US']) {
  test(`registration with errors and my sign-ups have no axe violations (${locale})`, async () => {
    const { shift } = await findShift('free');
    const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { locale });
    await page.goto(`${shared.server.base}/signup?shift=${shift.id}`);
    await page.locator('#reg-team option').nth(100).waitFor({ state: 'attached' });
    await page.getByTestId('registration-form').getByRole('button').click();
    await page.locator('#reg-name-error').filter({ hasText: /./ }).waitFor();
    assert.deepEqual(await violations(page), [], 'registration form with errors');

    const key = await registeredVolunteer();
    await page.goto(`${shared.server.base}/me#key=${key}`);
    await page.getByTestId('my-profile').waitFor();
    await page.goto(`${shared.server.base}/signup?shift=${shift.id}`);
    await page.getByTestId('signup-action').getByRole('button').click();
    await page.getByTestId('signup-action').locator('.success').waitFor();
    assert.deepEqual(await violations(page), [], 'sign-up done');
    await page.goto(`${shared.server.base}/me`);
    await page.getByTestId('signup-item').waitFor();
    assert.deepEqual(await violations(page), [], 'my sign-ups');
    if (locale === 'en-US') {
      const body = await page.locator('body').innerText();
      // The language switch names each choice in its own language; the volunteer's name
      // is theirs.
      const chrome = body.replace('简体', '').replace('繁體', '').replace(/王 测试/g, '');
      assert.doesNotMatch(chrome, /[\u4e00-\u9fff]/, chrome);
    }
    assert.deepEqual(problems, []);
    await close();
  });
}
