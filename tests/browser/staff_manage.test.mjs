// Managing the programme from the staff console in headless Chromium against the real
// server and release build: a coordinator plans weekly shifts (a second request plans
// nothing twice), records insurance that opens high-risk duty, moves a shift a volunteer
// holds, and corrects its point's place on the map; an administrator adds a unit and
// pairs it with a point.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { overflowsBy } from './support/layout.mjs';
import { pendingUnit } from './support/fixtures.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { createStaff, pageThrough, pagerWords, signIn } from './support/staff.mjs';
import { registeredVolunteer, signUp } from './support/volunteers.mjs';

const shared = serverAndBrowserForTests();


/// A day next week, YYYY-MM-DD in Huli.
function nextWeek() {
  const day = new Date(Date.now() + 8 * 3600_000 + 7 * 86400_000);
  return day.toISOString().slice(0, 10);
}

test('a coordinator plans weekly shifts once, insures traffic duty and corrects its point', async () => {
  const base = shared.server.base;
  const unit = pendingUnit(shared.server.database);
  await createStaff(shared.server, 'planner', ['--role', 'coordinator', '--unit', String(unit)]);
  const { page, problems, close } = await strictPage(shared.browser, base, { viewport: { width: 320, height: 800 } });
  await page.goto(`${base}/staff/shifts`);
  await signIn(page, 'planner');
  const planner = page.getByTestId('shift-planner');
  await planner.waitFor();
  await planner.getByLabel('星期').selectOption('saturday');
  await planner.getByLabel('开始时间').fill('09:00');
  await planner.getByLabel('结束时间').fill('11:00');
  await planner.getByLabel('名额').fill('6');
  await planner.getByLabel('持续周数（1–12）').fill('4');
  await planner.getByRole('button', { name: '安排' }).click();
  await planner.getByRole('status').filter({ hasText: /已新建 \d 个班次/ }).waitFor();
  const first = await planner.getByRole('status').innerText();
  const created = Number(first.match(/已新建 (\d) 个班次/)[1]);
  assert.ok(created >= 3, first);
  await planner.getByRole('button', { name: '安排' }).click();
  await planner.getByRole('status').filter({ hasText: `已新建 0 个班次，${created} 个已存在。` }).waitFor();
  assert.equal(await overflowsBy(page), 0, 'the shifts page fits a 320 px screen');
  assert.deepEqual(await violations(page), [], 'the shifts page');

  // One traffic-duty shift: it waits for insurance, which the coordinator records.
  await planner.getByRole('radio', { name: '单次' }).check();
  await planner.getByLabel('岗位').selectOption('traffic_duty');
  await planner.getByLabel('日期').fill(nextWeek());
  await planner.getByLabel('开始时间').fill('07:00');
  await planner.getByLabel('结束时间').fill('09:00');
  await planner.getByRole('button', { name: '安排' }).click();
  await planner.getByRole('status').filter({ hasText: '已新建 1 个班次' }).waitFor();
  const insurance = page.getByTestId('insurance-form').first();
  await insurance.waitFor();
  await insurance.getByLabel('保险公司').fill('中国人民财产保险');
  await insurance.getByLabel('保单号').fill('PICC-XM-2026-0042');
  await insurance.getByRole('button', { name: '登记保险' }).click();
  await page.getByTestId('managed-shift').filter({ hasText: '已投保' }).filter({ hasText: '07:00' }).first().waitFor();

  // A volunteer takes one of the Saturday shifts (one still open to a move: more than 2
  // hours away); the coordinator moves it an hour later.
  const managed = await page.evaluate(async () => (await fetch('/api/staff/shifts')).json());
  const saturday = managed.items.find((s) => s.duty === 'point_service' && s.capacity === 6 &&
    new Date(s.window.starts_at).getTime() - Date.now() > 3 * 3600_000);
  await signUp(base, await registeredVolunteer(base), saturday.id);
  await page.reload();
  const row = page.getByTestId('managed-shift').filter({ has: page.locator(`#capacity-${saturday.id}`) });
  await row.getByText('调整时间').click();
  await row.getByText('已报名的志愿者保留名额').waitFor();
  await row.getByLabel('开始时间').fill('10:00');
  await row.getByLabel('结束时间').fill('12:00');
  await row.getByRole('button', { name: '保存新时间' }).click();
  await page.getByTestId('managed-shift').filter({ has: page.locator(`#capacity-${saturday.id}`) })
    .filter({ hasText: '10:00' }).filter({ hasText: '已报名 1 / 6 人' }).waitFor();
  const movedShift = await (await fetch(`${base}/api/shifts/${saturday.id}`)).json();
  assert.equal(new Date(movedShift.window.starts_at).getTime() - new Date(saturday.window.starts_at).getTime(), 3600_000);
  assert.deepEqual(await violations(page), [], 'the shifts page with a move form open');

  // The point its unit staffs: a place outside Huli is refused, one inside is kept.
  const units = await page.evaluate(async () => (await fetch('/api/staff/units')).json());
  const point = units[0].point_id;
  await page.goto(`${base}/staff/points/${point}`);
  const editor = page.getByTestId('point-editor');
  await editor.waitFor();
  await editor.getByLabel('纬度').fill('39.908700');
  await editor.getByLabel('经度').fill('116.397500');
  await editor.getByRole('button', { name: '保存' }).click();
  await editor.getByRole('alert').filter({ hasText: /湖里/ }).waitFor();
  await editor.getByLabel('纬度').fill('24.5100');
  await editor.getByLabel('经度').fill('118.1400');
  await editor.getByLabel('全天 24 小时').uncheck();
  await editor.getByLabel('开始').fill('07:30');
  await editor.getByLabel('结束').fill('19:00');
  await editor.getByRole('button', { name: '保存' }).click();
  await editor.getByText('已保存。').waitFor();
  await editor.getByText('位置已由工作人员核实。').waitFor();
  const detail = await (await fetch(`${base}/api/points/${point}`)).json();
  assert.equal(detail.point.location_approximate, false);
  assert.equal(detail.point.location.lat, 24.51);
  assert.deepEqual(detail.point.opening_hours, { kind: 'daily', opens: '07:30:00', closes: '19:00:00' });

  // Dragging the marker on the map fills in the coordinates too.
  const marker = editor.locator('.place-marker');
  await marker.scrollIntoViewIfNeeded();
  const box = await marker.boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 40, y - 20, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => document.getElementById('point-lon').value !== '118.140000');
  const moved = Number(await editor.getByLabel('经度').inputValue());
  assert.ok(moved > 118.14, `dragged east to ${moved}`);
  assert.deepEqual(await violations(page), [], 'the point editor');
  assert.deepEqual(problems.filter((p) => !p.includes('401') && !p.includes('422')), []);
  await close();
});

test('an administrator adds a partner unit, pairs it with a point and adds its team', async () => {
  const base = shared.server.base;
  await createStaff(shared.server, 'district', [], '区管理员');
  const { page, problems, close } = await strictPage(shared.browser, base);
  await page.goto(`${base}/staff/units`);
  await signIn(page, 'district');
  const form = page.getByTestId('new-unit');
  await form.waitFor();
  await form.getByLabel('名称（中文）').fill('湖里区测试共建单位');
  await form.getByLabel('名称（英文）').fill('Huli test partner unit');
  await form.getByLabel('单位类型').selectOption('school');
  await form.getByRole('button', { name: '新建' }).click();
  const item = page.getByTestId('units').locator('li', { hasText: '湖里区测试共建单位' });
  await item.waitFor();
  await item.getByLabel('负责服务点').selectOption('3');
  await item.getByRole('link', { name: '编辑服务点' }).waitFor();
  const units = await page.evaluate(async () => (await fetch('/api/staff/units')).json());
  const added = units.find((u) => u.unit.name.zh === '湖里区测试共建单位');
  assert.equal(added.point_id, 3);

  const team = page.getByTestId('new-team');
  await team.getByLabel('名称（中文）').fill('测试共建单位志愿服务队');
  await team.getByLabel('名称（英文）').fill('Test partner unit volunteers');
  await team.getByLabel('组织单位').selectOption(String(added.unit.id));
  await team.getByRole('button', { name: '新建' }).click();
  await team.getByRole('status').filter({ hasText: '测试共建单位志愿服务队' }).waitFor();
  const teams = await (await fetch(`${base}/api/teams`)).json();
  assert.ok(teams.some((t) => t.name.zh === '测试共建单位志愿服务队'), 'the team is offered at registration');
  assert.deepEqual(await violations(page), [], 'the units page');
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await close();
});


for (const [locale, words] of Object.entries(pagerWords)) {
  test(`the shift list says its true total and reaches every shift page by page, at one point or all (${locale}, 360 px)`, async () => {
    const login = `lister-${locale}`;
    await createStaff(shared.server, login, ['--role', 'administrator'], '测试管理员');
    const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { locale, viewport: { width: 360, height: 740 } });
    await page.goto(`${shared.server.base}/staff/shifts`);
    await signIn(page, login);
    const total = (query) =>
      page.evaluate(async (query) => (await (await fetch(`/api/staff/shifts?${query}`)).json()).total, query);
    const all = await total('');
    assert.ok(all > 500, `beyond the old cap of 500: ${all}`);
    const range = page.locator('#shift-list-range');
    await range.getByText(words.range(1, 50, all)).waitFor();

    // An airport point has three shifts a day: more than one page of them.
    const points = await page.evaluate(async () => (await fetch('/api/points')).json());
    const airport = points.find((p) => p.category === 'airport');
    await page.locator('#shift-list-point').selectOption(String(airport.id));
    const atPoint = await total(`point=${airport.id}`);
    assert.ok(atPoint > 50, `${atPoint} shifts at the airport`);
    await range.getByText(words.range(1, 50, atPoint)).waitFor();
    const next = await pageThrough(page, words, 'shift-list-range', atPoint);
    assert.ok(await next.isDisabled(), 'the last page has no next');
    const rows = await page.getByTestId('managed-shift').allInnerTexts();
    assert.equal(rows.length, atPoint - Math.floor((atPoint - 1) / 50) * 50);
    const name = locale === 'zh-CN' ? airport.name.zh : airport.name.en;
    assert.ok(rows.every((row) => row.includes(name)), 'only that point');
    assert.deepEqual(await violations(page), [], 'the last page of the shift list');
    assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
    await close();
  });
}

test('every screen of the console fits a 320 px phone in both languages, and axe finds nothing on it', async () => {
  const base = shared.server.base;
  await createStaff(shared.server, 'narrow', [], '区管理员');
  const { page, problems, close } = await strictPage(shared.browser, base, { viewport: { width: 320, height: 640 } });
  await page.goto(`${base}/staff`);
  await signIn(page, 'narrow');
  const screens = ['/staff', '/staff/volunteers', '/staff/exports', '/staff/audit', '/staff/embed', '/staff/shifts',
    '/staff/units', '/staff/points/1', '/staff/display', '/staff/display/1', '/staff/roster/1', '/staff/accounts',
    '/staff/account'];
  for (const language of ['zh', 'en']) {
    // The language switch's remembered choice, as a visitor's click would leave it.
    await page.evaluate((chosen) => localStorage.setItem('huli.language', chosen), language);
    for (const path of screens) {
      await page.goto(`${base}${path}`);
      await page.getByTestId('staff-who').waitFor();
      await page.locator('h1').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.loading'));
      assert.equal(await overflowsBy(page), 0, `${path} (${language}) fits a 320 px screen`);
      assert.deepEqual(await violations(page), [], `${path} (${language})`);
    }
  }
  assert.deepEqual(problems.filter((p) => !p.includes('401')), [], 'the first page checks its session');
  await close();
});
