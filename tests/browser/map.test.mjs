// The public map and list of the 30 points, in headless Chromium against the real
// server and the release build.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { overflowsBy } from './support/layout.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { markerBoxes, waitForMapPoints } from './support/map.mjs';

let points;
const shared = serverAndBrowserForTests(async ({ server }) => {
  points = await (await fetch(`${server.base}/api/points`)).json();
});

const markers = (page) => page.locator('.leaflet-marker-icon.point-marker');
const listItems = (page) => page.getByTestId('point-list').locator(':scope > li');

async function openMap(page, query = '') {
  await page.goto(`${shared.server.base}/${query}`);
  await page.getByTestId('shown-count').waitFor();
  await page.locator('.leaflet-container').waitFor();
}

async function shownIds(page) {
  const links = await listItems(page).locator('a.point-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return links.map((href) => Number(href.split('/').pop()));
}

// The filter test runs at 23:30 in Huli, when most points are closed, so "open now"
// narrows the list whatever the time of the real test run.
const LATE_EVENING = new Date('2026-11-30T15:30:00Z');

/// Minutes since midnight in Huli (UTC+8) at the test's fixed time.
function huliMinutesNow() {
  return ((LATE_EVENING.getUTCHours() + 8) % 24) * 60 + LATE_EVENING.getUTCMinutes();
}

function openNow(point) {
  const hours = point.opening_hours;
  if (hours.kind === 'all_day') return true;
  const minutes = (time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const [opens, closes, now] = [minutes(hours.opens), minutes(hours.closes), huliMinutesNow()];
  return opens <= closes ? opens <= now && now < closes : now >= opens || now < closes;
}

test('the map shows the 30 points without overlapping markers, and the list 30 entries', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base, {
    viewport: { width: 360, height: 740 },
  });
  await openMap(page);
  await listItems(page).nth(29).waitFor();
  const all = points.map((p) => p.id);
  assert.deepEqual(await waitForMapPoints(page, all), [...all].sort((a, b) => a - b));
  assert.equal(await listItems(page).count(), 30);
  // At the district zoom, points too close together share a cluster: no two marks overlap.
  const boxes = await markerBoxes(page);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      assert.ok(apart, `marks overlap: ${JSON.stringify([a, b])}`);
    }
  }
  const clusters = page.locator('.leaflet-marker-icon.point-cluster');
  assert.ok(await clusters.count() > 0, 'some points share a cluster at this zoom');
  const labels = await markers(page).evaluateAll((ms) => ms.map((m) => m.getAttribute('aria-label')));
  assert.ok(labels.every((label) => label && label.length > 3), 'every marker has an accessible name');
  const names = new Set(points.map((p) => p.name.zh));
  assert.ok(labels.every((label) => names.has(label.replace(/（[^）]*）$/, ''))), `named by point and category: ${labels[0]}`);
  // Markers take their category's shape, as the legend shows them.
  const shapeOf = (ms) => ms.map((m) => getComputedStyle(m).clipPath + getComputedStyle(m).borderRadius);
  const shapes = new Set(await page.locator('.map-legend .point-marker').evaluateAll(shapeOf));
  assert.ok(shapes.size >= 5, 'categories differ in shape, not colour alone');
  for (const shape of await markers(page).evaluateAll(shapeOf)) assert.ok(shapes.has(shape), shape);

  // A cluster is a button named for what it holds; choosing it by keyboard zooms in
  // until its points stand apart.
  const cluster = clusters.first();
  const held = Number(await cluster.locator('[aria-hidden=true]').innerText());
  assert.match(await cluster.textContent(), new RegExp(`此处有 ${held} 个服务点`));
  const ids = await cluster.locator('[data-point-ids]').getAttribute('data-point-ids');
  await cluster.focus();
  await page.keyboard.press('Enter');
  // No cluster holds all of them any more.
  await page.waitForFunction((ids) => ![...document.querySelectorAll('.point-cluster [data-point-ids]')]
    .some((c) => ids.split(' ').every((id) => c.dataset.pointIds.split(' ').includes(id))), ids);
  // Credits name Leaflet, with no flag beside it.
  const credits = page.locator('.leaflet-control-attribution');
  assert.equal(await credits.innerText(), 'Leaflet');
  assert.equal(await credits.locator('svg, img').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('search and each filter narrow the list and the map, and live in the URL', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.clock.setFixedTime(LATE_EVENING);
  await openMap(page);
  await listItems(page).nth(29).waitFor();

  const cases = [
    ['search', async () => page.getByLabel('搜索服务点名称、地址或服务（如饮用水）').fill('公园'), (p) => p.name.zh.includes('公园') || p.address.zh.includes('公园'), 'q='],
    ['search by service', async () => page.getByLabel('搜索服务点名称、地址或服务（如饮用水）').fill('充电'), (p) => p.services.includes('phone_charging'), 'q='],
    ['category', async () => page.getByLabel('类型').selectOption('intersection'), (p) => p.category === 'intersection', 'category=intersection'],
    ['sub-district', async () => page.getByLabel('街道', { exact: true }).selectOption('jiangtou'), (p) => p.sub_district === 'jiangtou', 'sub_district=jiangtou'],
    ['open now', async () => page.getByLabel('正在服务').check(), openNow, 'open=1'],
    ['needs volunteers', async () => page.getByLabel('需要志愿者').check(), (p) => p.open_places_this_week > 0, 'needs=1'],
  ];
  for (const [name, act, keep, param] of cases) {
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.point-list > li').length === 30);
    await act();
    const expected = points.filter(keep).map((p) => p.id);
    assert.ok(expected.length > 0 && expected.length < 30, `${name} should narrow the sample data`);
    await page.waitForFunction((n) => document.querySelectorAll('.point-list > li').length === n, expected.length);
    assert.deepEqual(await shownIds(page), expected, name);
    assert.deepEqual(await waitForMapPoints(page, expected), expected, `${name}: the map follows the list`);
    assert.ok(page.url().includes(param), `${name} is in the URL: ${page.url()}`);
    assert.match(await page.getByTestId('shown-count').innerText(), new RegExp(`显示 ${expected.length} / 30`));
  }

  // Back restores the previous filter; a shared link restores it on a fresh page.
  const parks = points.filter((p) => p.category === 'park').map((p) => p.id);
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.getByLabel('类型').selectOption('park');
  await page.waitForFunction((n) => document.querySelectorAll('.point-list > li').length === n, parks.length);
  await page.getByLabel('类型').selectOption('airport');
  await page.goBack();
  await page.waitForFunction((n) => document.querySelectorAll('.point-list > li').length === n, parks.length);
  assert.equal(await page.getByLabel('类型').inputValue(), 'park');
  await openMap(page, '?category=park&sub_district=jiangtou');
  const both = points.filter((p) => p.category === 'park' && p.sub_district === 'jiangtou').map((p) => p.id);
  await page.waitForFunction((n) => document.querySelectorAll('.point-list > li').length === n, both.length);
  assert.deepEqual(await shownIds(page), both);
  assert.deepEqual(problems, []);
  await close();
});

test('a marker opens the summary by keyboard, Escape returns focus, and the page is one Enter away', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await openMap(page);
  await waitForMapPoints(page, points.map((p) => p.id));
  // A point that stands alone at the district zoom.
  const id = Number(await markers(page).first().getAttribute('data-point-id'));
  const target = points.find((p) => p.id === id);
  const marker = page.locator(`.point-marker[data-point-id="${id}"]`);
  await marker.focus();
  await page.keyboard.press('Enter');
  const sheet = page.getByTestId('point-sheet');
  await sheet.waitFor();
  const heading = sheet.getByRole('heading', { name: target.name.zh });
  assert.ok(await heading.evaluate((h) => h === document.activeElement), 'focus moves to the summary');
  assert.ok(page.url().includes(`point=${target.id}`), 'the selection is in the URL');
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
  assert.ok(await marker.evaluate((m) => m === document.activeElement), 'focus returns to the marker');

  await page.keyboard.press('Enter');
  await sheet.waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const link = sheet.getByRole('link', { name: '查看服务点详情' });
  assert.ok(await link.evaluate((a) => a === document.activeElement), 'Tab reaches the point page link');
  await page.keyboard.press('Enter');
  const pageHeading = page.getByRole('heading', { level: 1, name: target.name.zh });
  await pageHeading.waitFor();
  // Focus lands on the new page's heading, not back at the top of the document.
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  assert.ok(await pageHeading.evaluate((h) => h === document.activeElement), 'focus is on the new heading');
  assert.deepEqual(problems, []);
  await close();
});

test('near me sorts by distance, and says so politely when location is refused', async () => {
  // Standing at the Wutong ferry terminal.
  const here = { latitude: 24.517, longitude: 118.187 };
  const allowed = await strictPage(shared.browser, shared.server.base, { geolocation: here, permissions: ['geolocation'] });
  await openMap(allowed.page);
  await allowed.page.getByRole('button', { name: '离我最近' }).click();
  await allowed.page.getByText('已按离您的距离排序。').waitFor();
  const ids = await shownIds(allowed.page);
  const nearest = points.find((p) => p.name.zh.startsWith('五通客运码头'));
  assert.equal(ids[0], nearest.id);
  assert.equal(ids.length, 30);
  assert.ok(allowed.page.url().includes('near=1'));
  assert.match(await listItems(allowed.page).first().innerText(), /距您 \d+ 米/);
  assert.deepEqual(allowed.problems, []);
  await allowed.close();

  const refused = await strictPage(shared.browser, shared.server.base);
  await openMap(refused.page);
  await refused.page.getByRole('button', { name: '离我最近' }).click();
  await refused.page.getByText(/未获得位置权限|暂时无法获取您的位置/).waitFor();
  assert.equal(await listItems(refused.page).count(), 30, 'the list stays usable');
  await refused.close();
});

/// Metres between two WGS-84 positions (haversine), as the app computes them.
function distanceM(a, b) {
  const rad = (degrees) => (degrees * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

for (const { locale, water, open, nearest, position, heading, openBadge } of [
  { locale: 'zh-CN', water: '饮用水', open: '正在服务', nearest: '离我最近', position: '您的位置', heading: '全部服务点', openBadge: /^正在服务 · / },
  { locale: 'en-US', water: 'Drinking water', open: 'Open now', nearest: 'Nearest to me', position: 'You are here', heading: 'All service points', openBadge: /^Open now · / },
]) {
  test(`a resident finds the nearest open point with drinking water in three actions (${locale}, 360 px)`, async () => {
    // Standing outside the Huli Park at 23:30, when few points are open.
    const here = { latitude: 24.512, longitude: 118.095 };
    const { page, problems, close } = await strictPage(shared.browser, shared.server.base, {
      locale,
      viewport: { width: 360, height: 740 },
      geolocation: here,
      permissions: ['geolocation'],
    });
    await page.clock.setFixedTime(LATE_EVENING);
    await openMap(page);
    await listItems(page).nth(29).waitFor();
    const filters = page.getByRole('search');
    assert.ok((await filters.boundingBox()).y < 740, 'the finder starts on the first screen');

    await page.getByRole('checkbox', { name: water }).check();
    await page.getByRole('checkbox', { name: open }).check();
    await page.getByRole('button', { name: nearest }).click();

    const from = { lat: here.latitude, lon: here.longitude };
    const candidates = points.filter((p) => p.services.includes('drinking_water') && openNow(p));
    assert.ok(candidates.length > 0 && candidates.length < 30, 'the sample data has such points, and others');
    const best = [...candidates].sort((a, b) => distanceM(from, a.location) - distanceM(from, b.location))[0];
    // The results come into view, with the focus on their heading.
    await page.waitForFunction((name) => document.activeElement?.textContent === name, heading);
    await page.waitForFunction((n) => document.querySelectorAll('.point-list > li').length === n, candidates.length);
    assert.equal((await shownIds(page))[0], best.id, 'the nearest open point with water comes first');
    const first = listItems(page).first();
    assert.match(await first.locator('.point-meta .badge-open').innerText(), openBadge);
    assert.ok((await first.locator('.point-services li').allInnerTexts()).includes(water), 'its services are listed');
    assert.match(await first.innerText(), /\d+ (米|m)|\d+(\.\d)? (公里|km)/);
    // My position is on the map, in view.
    const mark = page.getByRole('img', { name: position });
    const [box, map] = [await mark.boundingBox(), await page.getByTestId('point-map').boundingBox()];
    assert.ok(box && box.x >= map.x && box.x + box.width <= map.x + map.width, 'the position is inside the map');
    assert.ok(page.url().includes('services=drinking_water') && page.url().includes('open=1') && page.url().includes('near=1'));
    assert.equal(await overflowsBy(page), 0);
    assert.deepEqual(problems, []);
    await close();
  });
}

test('a point page leads with its directions, in large tap targets, at 360 px', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { viewport: { width: 360, height: 740 } });
  await page.goto(`${shared.server.base}/points/${points[0].id}`);
  const links = page.getByTestId('directions').locator('a');
  await links.first().waitFor();
  for (const box of await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().toJSON()))) {
    assert.ok(box.height >= 44 && box.width >= 44, `a direction link is ${box.width} × ${box.height} px`);
    assert.ok(box.bottom <= 740, `on the first screen: ${box.bottom} px`);
  }
  assert.equal(await overflowsBy(page), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('a point page links to AMap in GCJ-02 and to the other apps in WGS-84', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  const park = points.find((p) => p.name.zh.startsWith('湖里公园'));
  assert.deepEqual([park.location.lat, park.location.lon], [24.5145, 118.091]);
  await page.goto(`${shared.server.base}/points/${park.id}`);
  const amap = await page.locator('a[data-provider="amap"]').getAttribute('href');
  // WGS-84 (24.5145, 118.0910) is GCJ-02 (24.511849, 118.095979) by the published formula.
  assert.match(amap, /position=118\.095979,24\.511849&/);
  assert.match(amap, /coordinate=gaode/);
  const baidu = await page.locator('a[data-provider="baidu"]').getAttribute('href');
  assert.match(baidu, /location=24\.514500,118\.091000&.*coord_type=wgs84/);
  assert.match(await page.locator('a[data-provider="geo"]').getAttribute('href'), /^geo:24\.514500,118\.091000/);
  assert.deepEqual(problems, []);
  await close();
});

test('a 320 px wide phone shows the map page without horizontal scrolling', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { viewport: { width: 320, height: 640 } });
  await openMap(page, `?point=${points[4].id}`);
  await listItems(page).nth(29).waitFor();
  await page.getByTestId('point-sheet').waitFor();
  const overflow = await overflowsBy(page);
  mkdirSync('target/browser-screenshots', { recursive: true });
  await page.screenshot({ path: 'target/browser-screenshots/map-320.png' });
  assert.ok(overflow <= 0, `overflows by ${overflow}px`);
  const sheet = await page.getByTestId('point-sheet').evaluate((s) => getComputedStyle(s).position);
  assert.equal(sheet, 'fixed', 'the summary is a bottom sheet on phones');
  assert.deepEqual(problems, []);
  await close();
});
