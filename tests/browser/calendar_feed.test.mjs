// The calendar subscription on "my sign-ups", in headless Chromium against the real
// server and release build, on a 320 px screen: a volunteer signed up for a shift
// subscribes, gets a webcal:// address once and the same feed over https; the feed holds
// the shift with its two reminders; the volunteer stops the subscription (asked once
// more) and the address answers 404. In English as well.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { overflowsBy } from './support/layout.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { findShift, registeredVolunteer, signUp } from './support/volunteers.mjs';

const PHONE = { viewport: { width: 320, height: 800 } };
const shared = serverAndBrowserForTests();

test('a volunteer subscribes to their shifts in their calendar, and stops it', async () => {
  const base = shared.server.base;
  const key = await registeredVolunteer(base);
  const { shift } = await findShift(base, 'free');
  await signUp(base, key, shift.id);

  const { page } = await strictPage(shared.browser, base, PHONE);
  await page.goto(`${base}/me#key=${key}`);
  const section = page.getByTestId('my-calendar');
  await section.getByRole('heading', { name: '我的日历' }).waitFor();
  await section.getByText('并在前一天和开始前 2 小时提醒您').waitFor();
  await section.getByRole('button', { name: '订阅到手机日历' }).click();
  await section.getByText('已生成您的日历订阅地址。它只显示这一次。').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'calendar-feed-made');
  const webcal = await section.getByRole('link', { name: '在日历应用中打开' }).getAttribute('href');
  const address = await section.getByLabel(/订阅地址/).inputValue();
  assert.match(webcal, /^webcal:\/\/127\.0\.0\.1:\d+\/api\/calendar-feeds\/[0-9a-f]{64}\/shifts\.ics$/);
  assert.equal(address, webcal.replace(/^webcal:/, 'http:'));
  await section.getByText(/日历订阅已开启（\d{4}年\d+月\d+日起）/).waitFor();
  assert.equal(await overflowsBy(page), 0, 'the calendar section fits a 320 px screen');
  assert.deepEqual(await violations(page), [], 'the calendar section with a new address');

  // What the phone's calendar app reads: the shift, confirmed, reminding twice.
  const feed = await fetch(address);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^text\/calendar/);
  const ics = (await feed.text()).replace(/\r\n /g, '');
  assert.match(ics, new RegExp(`UID:shift-${shift.id}@huli-volunteer`));
  assert.match(ics, /X-WR-CALNAME:湖里学雷锋志愿服务/);
  assert.match(ics, /STATUS:CONFIRMED/);
  const triggers = [...ics.matchAll(/^TRIGGER[^:\r\n]*:([^\r\n]+)/gm)].map((found) => found[1]);
  assert.deepEqual(triggers, ['-PT86400S', '-PT7200S'], 'a day before, and two hours before');

  // Stopping asks once more; "keep it" keeps it.
  await section.getByRole('button', { name: '停止日历订阅' }).click();
  await section.getByText('停止后，日历应用将无法再更新您的班次。确定停止吗？').waitFor();
  await section.getByRole('button', { name: '保留订阅' }).click();
  assert.equal((await fetch(address)).status, 200);
  await section.getByRole('button', { name: '停止日历订阅' }).click();
  await section.getByRole('button', { name: '停止订阅' }).click();
  await section.getByRole('button', { name: '订阅到手机日历' }).waitFor();
  assert.equal(await section.getByLabel(/订阅地址/).count(), 0, 'the address is gone');
  assert.equal((await fetch(address)).status, 404, 'a stopped feed answers 404');

  // In English, a new subscription's feed is written in English.
  const visitor = await strictPage(shared.browser, base, { ...PHONE, locale: 'en-US' });
  await visitor.page.goto(`${base}/me#key=${key}`);
  const english = visitor.page.getByTestId('my-calendar');
  await english.getByRole('heading', { name: 'My calendar' }).waitFor();
  await english.getByRole('button', { name: "Subscribe in my phone's calendar" }).click();
  await english.getByText('It is shown this once.').waitFor();
  const englishAddress = await english.getByLabel(/Subscription address/).inputValue();
  const englishFeed = (await (await fetch(englishAddress)).text()).replace(/\r\n /g, '');
  assert.match(englishFeed, /SUMMARY:Lei Feng volunteer shift: /);
  assert.equal(await overflowsBy(visitor.page), 0, 'the English calendar section fits a 320 px screen');
  assert.deepEqual(await violations(visitor.page), [], 'the English calendar section');
});
