// The app shell in headless Chromium against the real server and release build.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overflowsBy } from './support/layout.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';

const shared = serverAndBrowserForTests();

async function api(path) {
  const response = await fetch(`${shared.server.base}${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
}

test('the home page lists the 30 points and the verified hours from the API', async () => {
  const stats = await api('/api/stats');
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(shared.server.base);
  const items = page.getByTestId('point-list').locator(':scope > li');
  await items.nth(29).waitFor();
  assert.equal(await items.count(), 30);

  const figure = page.getByTestId('verified-hours-this-year');
  const expectedHours = Math.floor(stats.verified_minutes_this_year / 60);
  assert.equal(Number(await figure.getAttribute('data-hours')), expectedHours);
  // Chinese readers count large numbers in 万: 134,123 hours reads 13.4万.
  const wan = (Math.round(expectedHours / 1000) / 10).toString();
  assert.equal(await figure.locator('.hours-number').textContent(), `${wan}万`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
  assert.deepEqual(problems, []);
  await close();
});

test('the home page subscribes to the live counters and shows who is on duty', async () => {
  const stats = await api('/api/stats');
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  const live = page.waitForRequest((request) => request.url().endsWith('/api/live'));
  await page.goto(shared.server.base);
  await live;
  const onDuty = page.getByTestId('on-duty-now-total');
  await onDuty.waitFor();
  assert.equal(Number(await onDuty.getAttribute('data-count')), stats.on_duty_now);
  assert.match(await onDuty.innerText(), /当前在岗志愿者 \d+ 人/);
  assert.equal(await page.locator('.live-note').count(), 0, 'no offline note while connected');

  // The year month by month: one bar per month so far, every figure in the text alternative.
  const chart = page.getByTestId('month-chart');
  const months = stats.verified_minutes_by_month;
  assert.equal(await chart.locator('rect').count(), months.length);
  const label = await chart.getByRole('img').getAttribute('aria-label');
  assert.ok(label.startsWith(`${stats.year} 年每月已核实时长：1月 `), label);
  const januaryHours = Math.floor(months[0] / 60).toLocaleString('en-US');
  assert.ok(label.includes(`1月 ${januaryHours} 小时`), label);
  assert.deepEqual(problems, []);
  await close();
});

test('a deep link opens a point page with its partner units and services', async () => {
  const detail = await api('/api/points/3');
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(`${shared.server.base}/points/3`);
  await page.getByRole('heading', { level: 1, name: detail.point.name.zh }).waitFor();
  const units = await page.getByTestId('partner-units').locator('li').allTextContents();
  assert.deepEqual(units, detail.point.partner_units.map((unit) => unit.name.zh));
  assert.equal(await page.getByTestId('services').locator('li').count(), detail.point.services.length);
  assert.ok((await page.title()).startsWith(detail.point.name.zh), await page.title());
  assert.deepEqual(problems, []);
  await close();
});

test('keyboard alone reaches a point page: skip the map, then the list', async () => {
  const points = await api('/api/points');
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(shared.server.base);
  await page.getByTestId('point-list').locator(':scope > li').nth(29).waitFor();
  const skip = page.getByRole('link', { name: '跳过地图，直接查看服务点列表' });
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    if (await skip.evaluate((link) => link === document.activeElement)) break;
  }
  assert.ok(await skip.evaluate((link) => link === document.activeElement), 'Tab reaches the skip link');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const first = page.getByRole('link', { name: points[0].name.zh });
  assert.ok(await first.evaluate((link) => link === document.activeElement), 'the next Tab is the first point');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: points[0].name.zh }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/points/${points[0].id}`);
  assert.deepEqual(problems, []);
  await close();
});

test('English is complete and the choice survives a reload', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(shared.server.base);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Lei Feng volunteer service points' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Lei Feng volunteer service points' }).waitFor();
  await page.getByTestId('point-list').locator(':scope > li').nth(29).waitFor();
  const body = await page.locator('body').innerText();
  // Everything but the language switch (each choice in its own language) is English.
  const withoutSwitch = body.replace('简体', '').replace('繁體', '');
  assert.doesNotMatch(withoutSwitch, /[\u4e00-\u9fff]/, 'no Chinese text left on the English page');
  assert.deepEqual(problems, []);
  await close();
});

test('the staff console asks staff to sign in, and unknown paths say not found', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  // Residents' pages load the public build; the header's staff link loads the console's own.
  const wasmLoaded = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasmLoaded.push(new URL(request.url()).pathname);
  });
  await page.goto(shared.server.base);
  await page.getByTestId('point-list').locator(':scope > li').first().waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作人员' }).click();
  await page.getByRole('heading', { level: 1, name: '工作人员工作台' }).waitFor();
  await page.getByTestId('staff-sign-in').getByLabel('密码').waitFor();
  assert.equal(wasmLoaded.length, 2, wasmLoaded.join(' '));
  assert.ok(!wasmLoaded[0].startsWith('/staff-app/'), 'the map page loads the public build');
  assert.ok(wasmLoaded[1].startsWith('/staff-app/'), 'the console loads its own build');
  await page.goto(`${shared.server.base}/no/such/page`);
  await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
  await page.goto(`${shared.server.base}/points/999`);
  await page.getByRole('heading', { level: 1, name: '没有找到这个服务点。' }).waitFor();
  // Nobody is signed in: the session check answers 401.
  assert.deepEqual(problems.filter((p) => !p.includes('404') && !p.includes('401')), []);
  await close();
});

test('a 320 px wide phone screen needs no horizontal scrolling', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { viewport: { width: 320, height: 640 } });
  // Each page, once the part that loads last is drawn.
  const pages = [['/', 'h2'], ['/points/11', 'h2'], ['/signup', '#reg-team'], ['/me', 'main p'], ['/staff', '#staff-password']];
  for (const [path, last] of pages) {
    await page.goto(`${shared.server.base}${path}`);
    await page.locator('h1').waitFor();
    await page.locator(last).last().waitFor();
    const overflow = await overflowsBy(page);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  assert.deepEqual(problems.filter((p) => !p.includes('401')), [], 'the staff page checks its session');
  await close();
});
