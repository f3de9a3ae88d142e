// Trainings and the service record in headless Chromium against the real server and
// release build: a volunteer refused traffic duty has their traffic-rules training put
// on record by staff in the console, and the same duty then confirms; "my sign-ups"
// shows the whole service record with star progress, in Chinese and in English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { verifiedVolunteer } from './support/fixtures.mjs';
import { overflowsBy } from './support/layout.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { createStaff, newLinkFor, signIn, signInThroughApi } from './support/staff.mjs';
import { registeredVolunteer, trafficShift } from './support/volunteers.mjs';

const shared = serverAndBrowserForTests(async ({ server }) => {
  await createStaff(server, 'admin', ['--role', 'administrator'], '测试管理员');
});

async function serviceRecord(base, key) {
  const response = await fetch(`${base}/api/me/record`, { headers: { Authorization: `Bearer ${key}` } });
  assert.equal(response.status, 200);
  return response.json();
}

/// Hours as the app writes them: up to two decimals, without trailing zeros.
const hours = (minutes) => String(Number((minutes / 60).toFixed(2)));

test('a volunteer refused traffic duty gets the training on record in the console, and the duty then confirms', async () => {
  const base = shared.server.base;
  const key = await registeredVolunteer(base);
  const { volunteer_number: number } = await serviceRecord(base, key);
  const shift = await trafficShift(base);

  const phone = await strictPage(shared.browser, base, { viewport: { width: 320, height: 800 } });
  await phone.page.goto(`${base}/me#key=${key}`);
  await phone.page.getByTestId('service-record').waitFor();
  await phone.page.goto(`${base}/signup?shift=${shift.id}`);
  await phone.page.getByText('需已完成培训：交通法规').waitFor();
  await phone.page.getByTestId('signup-action').getByRole('button').click();
  await phone.page.getByRole('alert').getByText(/该岗位要求完成相应培训/).waitFor();

  // The administrator finds the volunteer and records the training they did.
  const desk = await strictPage(shared.browser, base, { viewport: { width: 320, height: 800 } });
  await desk.page.goto(`${base}/staff/volunteers`);
  await signIn(desk.page, 'admin');
  await desk.page.getByLabel('姓名、手机号后 4 位或志愿者编号').fill(number);
  await desk.page.getByRole('button', { name: '查找' }).click();
  const item = desk.page.getByTestId('volunteer-item');
  await item.getByText('服务记录与培训').click();
  await item.getByTestId('service-record').waitFor();
  await item.getByLabel('培训', { exact: true }).selectOption({ label: '交通法规' });
  await item.getByLabel(/^所见证明/).fill('湖里交警大队培训签到表 2026-11');
  // A validity that is not a whole number of years is stopped by the form itself.
  const years = item.getByLabel(/^有效年限/);
  await years.fill('1.5');
  await item.getByRole('button', { name: '登记培训' }).click();
  assert.equal(await years.evaluate((input) => input.validity.stepMismatch), true);
  assert.equal(await item.getByText('该培训已记入志愿者的记录。').count(), 0, 'nothing was sent');
  await years.fill('');
  await item.getByRole('button', { name: '登记培训' }).click();
  await item.getByText('该培训已记入志愿者的记录。').waitFor();
  await item.getByTestId('service-record').getByText(/交通法规 · .* · 长期有效/).waitFor();
  assert.equal(await overflowsBy(desk.page), 0, 'the console fits a 320 px screen');
  assert.deepEqual(await violations(desk.page), [], 'the volunteer record in the console');
  // The console asks for a session before signing in: 401 is its answer.
  assert.deepEqual(desk.problems.filter((p) => !p.includes('401')), []);
  await desk.close();

  // The same duty now confirms.
  await phone.page.reload();
  await phone.page.getByTestId('signup-action').getByRole('button').click();
  await phone.page.getByText('报名成功，感谢您的奉献！').waitFor();
  await phone.page.goto(`${base}/me`);
  await phone.page.getByTestId('service-record').getByText(/交通法规/).waitFor();
  // The refused sign-up is the one answer the browser logs as a failed request.
  assert.deepEqual(phone.problems.filter((p) => !p.includes('status of 409')), []);
  await phone.close();
});

for (const [locale, words] of [
  ['zh-CN', { heading: '服务记录', unit: '小时', stars: (n) => (n === 0 ? '尚未获得星级' : `${n} 星志愿者`), next: /再服务 .*即可成为 \d 星志愿者/ }],
  ['en-US', { heading: 'Service record', unit: 'h', stars: (n) => (n === 0 ? 'No star yet' : `${n} of 5 stars`), next: /more verified service to star \d/ }],
]) {
  test(`my sign-ups show the full service record with totals and star progress (${locale})`, async () => {
    const base = shared.server.base;
    const { volunteer } = verifiedVolunteer(shared.server.database);
    const admin = await signInThroughApi(shared.server, 'admin');
    const { key } = await newLinkFor(shared.server, admin, volunteer);
    const record = await serviceRecord(base, key);
    assert.ok(record.past_service.length > 0 && record.stars.verified > 0, 'the seed gave them verified service');

    const { page, problems, close } = await strictPage(shared.browser, base, { locale, viewport: { width: 320, height: 800 } });
    await page.goto(`${base}/me#key=${key}`);
    const shown = page.getByTestId('service-record');
    await shown.getByRole('heading', { name: words.heading }).waitFor();
    await shown.getByTestId('star-level').getByText(words.stars(record.stars.stars)).waitFor();
    await shown.getByText(words.next).waitFor();
    const progress = shown.getByRole('progressbar');
    assert.ok(Number(await progress.getAttribute('value')) >= 0);
    assert.equal(await shown.getByTestId('verified-all-time').innerText(), `${hours(record.stars.verified)} ${words.unit}`);
    assert.equal(await shown.getByTestId('verified-this-year').innerText(), `${hours(record.verified_this_year)} ${words.unit}`);
    const history = shown.locator('ul.record-list').last().locator('li');
    assert.equal(await history.count(), record.past_service.length, 'every past shift');
    assert.equal(await overflowsBy(page), 0, 'fits a 320 px screen');
    assert.deepEqual(await violations(page), [], 'my service record');
    if (locale === 'en-US') {
      const text = await shown.innerText();
      assert.doesNotMatch(text, /[\u4e00-\u9fff]/, text);
    }
    assert.deepEqual(problems, []);
    await close();
  });
}
