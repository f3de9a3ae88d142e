// Training sessions in headless Chromium against the real server and release build: a
// new volunteer refused traffic duty is shown the next traffic-rules session, signs up
// for it on /trainings, is marked present by the organising unit's coordinator in the
// console, and the same duty then confirms; all on a 320 px screen. The trainings page
// also reads in English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { pendingUnit } from './support/fixtures.mjs';
import { overflowsBy } from './support/layout.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { createStaff, signIn, signInThroughApi, staffRequest } from './support/staff.mjs';
import { registeredVolunteer, trafficShift } from './support/volunteers.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PHONE = { viewport: { width: 320, height: 800 } };

const shared = serverAndBrowserForTests(async (shared) => {
  // The coordinator of the unit that runs the sessions.
  shared.unit = pendingUnit(shared.server.database);
  await createStaff(shared.server, 'trainer', ['--role', 'coordinator', '--unit', String(shared.unit)]);
});

/// `fromNow` ms from now, in RFC 3339 with Huli's offset, as the console sends times.
function huliTime(fromNow) {
  const huli = new Date(Date.now() + fromNow + 8 * HOUR);
  return `${huli.toISOString().slice(0, 19)}+08:00`;
}

/// Schedules a session through the API as the unit's coordinator; returns it.
async function schedule(form) {
  const coordinator = await signInThroughApi(shared.server, 'trainer');
  const response = await staffRequest(shared.server, coordinator, 'POST', '/api/staff/training-sessions', {
    organiser_unit_id: shared.unit, capacity: 20, ...form,
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

test('a volunteer refused traffic duty signs up for the next traffic-rules session, is marked present, and the duty then confirms', async () => {
  const base = shared.server.base;
  // Attendance is marked from 30 minutes before the start: this one starts in 10
  // minutes, and ends long before the traffic duty (3 hours or more ahead) begins.
  const place = '湖里区交警大队二楼培训室';
  const session = await schedule({
    training: 'traffic_rules', starts_at: huliTime(10 * MINUTE), ends_at: huliTime(70 * MINUTE),
    place, trainer: '陈警官',
  });
  const shift = await trafficShift(base);
  const key = await registeredVolunteer(base);
  const record = await (await fetch(`${base}/api/me/record`, { headers: { Authorization: `Bearer ${key}` } })).json();
  const number = record.volunteer_number;

  // The duty is refused for want of the training, and its next session is named.
  const phone = await strictPage(shared.browser, base, PHONE);
  await phone.page.goto(`${base}/me#key=${key}`);
  await phone.page.getByTestId('my-trainings').getByText('您没有尚未结束的培训报名。').waitFor();
  await phone.page.goto(`${base}/signup?shift=${shift.id}`);
  await phone.page.getByText('需已完成培训：交通法规').waitFor();
  await phone.page.getByTestId('signup-action').getByRole('button').click();
  await phone.page.getByRole('alert').getByText(/该岗位要求完成相应培训/).waitFor();
  const next = phone.page.getByTestId('next-training');
  await next.getByRole('heading', { name: '完成「交通法规」培训即可报名此岗位' }).waitFor();
  await next.getByText(`，${place}`).waitFor();
  const link = next.getByRole('link', { name: '报名这场培训' });
  assert.match(await link.getAttribute('href'), new RegExp(`/trainings\\?training=traffic_rules#session-${session.id}$`));
  assert.equal(await overflowsBy(phone.page), 0, 'the refused sign-up fits a 320 px screen');
  assert.deepEqual(await violations(phone.page), [], 'the refused sign-up with the next session');

  // The link leads to that session on /trainings, filtered to its training.
  await link.click();
  const item = phone.page.locator(`#session-${session.id}`);
  await item.getByRole('heading', { name: '交通法规' }).waitFor();
  await phone.page.waitForFunction((id) => document.activeElement?.id === id, `session-${session.id}-heading`);
  assert.equal(await phone.page.locator('#training-filter').inputValue(), 'traffic_rules');
  await item.getByText(`地点：${place}`).waitFor();
  await item.getByText('讲师：陈警官').waitFor();
  await item.getByText('结业后长期有效').waitFor();
  await item.getByRole('button', { name: '报名这场培训' }).click();
  await item.getByText('报名成功，请按时参加。').waitFor();
  await item.getByText('还差 19 人').waitFor();
  assert.equal(await overflowsBy(phone.page), 0, 'the trainings page fits a 320 px screen');
  assert.deepEqual(await violations(phone.page), [], 'the trainings page after signing up');

  // The coordinator schedules another session in the console (the form names what is
  // missing first), then marks the volunteer present at the first.
  const desk = await strictPage(shared.browser, base, PHONE);
  await desk.page.goto(`${base}/staff`);
  await signIn(desk.page, 'trainer');
  await desk.page.getByRole('navigation', { name: '工作台栏目' }).getByRole('link', { name: '培训场次' }).click();
  const planner = desk.page.getByTestId('session-planner');
  await planner.waitFor();
  await planner.getByRole('button', { name: '安排', exact: true }).click();
  await planner.getByText('请修改下方标出的内容。').waitFor();
  await planner.locator('#session-place-error').filter({ hasText: /./ }).waitFor();
  assert.equal(await planner.getByLabel('地点').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await violations(desk.page), [], 'the session form with its errors');
  const tomorrow = new Date(Date.now() + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
  await planner.getByLabel('培训', { exact: true }).selectOption('first_aid');
  await planner.getByLabel('开始时间').fill(`${tomorrow}T09:00`);
  await planner.getByLabel('结束时间').fill(`${tomorrow}T12:00`);
  await planner.getByLabel('地点').fill('湖里区红十字会培训室');
  await planner.getByLabel('讲师').fill('林医生');
  await planner.getByRole('button', { name: '安排', exact: true }).click();
  await planner.getByRole('status').getByText('已安排该培训场次。').waitFor();
  const later = desk.page.getByTestId('managed-session').filter({ hasText: '湖里区红十字会培训室' });
  await later.getByText('结业后 3 年内有效').waitFor();
  await later.getByText('名单与出席').click();
  await later.getByText(/起可登记出席/).waitFor();
  await later.getByText('还没有人报名。').waitFor();

  const row = desk.page.getByTestId('managed-session').filter({ hasText: place });
  await row.getByText('名单与出席').click();
  const line = row.getByTestId('training-roster-line').filter({ hasText: number });
  await line.getByText('已确认').waitFor();
  await line.getByRole('button', { name: /登记出席/ }).click();
  await line.getByText('已出席 ✓').waitFor();
  assert.equal(await overflowsBy(desk.page), 0, 'the console fits a 320 px screen');
  assert.deepEqual(await violations(desk.page), [], 'the training sessions in the console');
  // The console asks for a session before signing in: 401 is its answer.
  assert.deepEqual(desk.problems.filter((p) => !p.includes('401')), []);
  await desk.close();

  // On the phone, the same duty now confirms, and "my trainings" says they came.
  await phone.page.goto(`${base}/signup?shift=${shift.id}`);
  await phone.page.getByText('需已完成培训：交通法规').waitFor();
  await phone.page.getByTestId('signup-action').getByRole('button').click();
  await phone.page.getByText('报名成功，感谢您的奉献！').waitFor();
  assert.equal(await phone.page.getByTestId('next-training').count(), 0, 'the training is on record');
  await phone.page.goto(`${base}/me`);
  const mine = phone.page.getByTestId('training-signup');
  await mine.getByText('已出席 ✓').waitFor();
  assert.match(await mine.innerText(), /已确认/);
  await phone.page.getByTestId('service-record').getByText(/交通法规/).waitFor();
  assert.deepEqual(await violations(phone.page), [], 'my trainings');
  // The refused sign-up is the one answer the browser logs as a failed request.
  assert.deepEqual(phone.problems.filter((p) => !p.includes('status of 409')), []);
  await phone.close();
});

test('the trainings page reads in English, filtered by training, on a 320 px screen', async () => {
  const base = shared.server.base;
  const session = await schedule({
    training: 'etiquette', starts_at: huliTime(48 * HOUR), ends_at: huliTime(50 * HOUR),
    place: 'Huli volunteer centre, room 2', trainer: 'Ms Chen', capacity: 12, valid_years: 2,
  });
  const { page, problems, close } = await strictPage(shared.browser, base, { ...PHONE, locale: 'en-US' });
  await page.goto(`${base}/trainings?training=etiquette`);
  const item = page.locator(`#session-${session.id}`);
  await item.getByRole('heading', { name: 'Etiquette' }).waitFor();
  await item.getByText('Place: Huli volunteer centre, room 2').waitFor();
  await item.getByText('Trainer: Ms Chen').waitFor();
  await item.getByText('12 places left').waitFor();
  await item.getByText('Valid for 2 years after attending').waitFor();
  assert.equal(await item.getByRole('button').count(), 0, 'no sign-up without a personal link');
  await page.getByTestId('trainings-no-link').getByRole('link', { name: 'Not registered yet? Register as a volunteer' }).waitFor();
  assert.equal(await page.locator('#training-filter').inputValue(), 'etiquette');
  assert.equal(await overflowsBy(page), 0, 'fits a 320 px screen');
  assert.deepEqual(await violations(page), [], 'the trainings page in English');
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /[\u4e00-\u9fff]/, text);

  // Another training: the filter is in the URL, and this session is not in its list.
  await page.locator('#training-filter').selectOption('first_aid');
  await page.waitForURL(/training=first_aid/);
  await item.waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: 'Upcoming sessions' }).waitFor();
  assert.deepEqual(problems, []);
  await close();
});
