// Embedding the widgets in a district website on another origin, with the snippets the
// staff's generator writes. Each widget renders both ways (a plain iframe, and our
// loader script), the loader keeps its frame as tall as the widget, the counter follows
// a check-in live, signing up works in a frame that has no third-party cookies, and a
// site not on the configured list is refused.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { violations } from './support/axe.mjs';
import { overflowsBy } from './support/layout.mjs';
import { startEmbeddingSite } from './support/embedding.mjs';
import { waitForMapPoints } from './support/map.mjs';
import { rotatingCode, startShiftNow } from './support/fixtures.mjs';
import { launchBrowser, startServer, strictPage } from './support/harness.mjs';
import { createStaff, signIn } from './support/staff.mjs';
import { getJson, registeredVolunteer, signUp } from './support/volunteers.mjs';

const shared = {};

before(async () => {
  shared.site = await startEmbeddingSite();
  shared.elsewhere = await startEmbeddingSite();
  shared.server = await startServer({ env: { HULI_EMBED_SITES: shared.site.origin } });
  // As browsers now ship it: no third-party cookies, so the widgets must do without.
  shared.browser = await launchBrowser(['--test-third-party-cookie-phaseout']);
  await createStaff(shared.server, 'embedder', ['--role', 'administrator'], '测试管理员');
  [shared.counted, shared.signedUp] = await pointsWithFreeShifts(shared.server.base, 2);
});

after(async () => {
  await shared.browser?.close();
  await shared.server?.stop();
  await shared.site?.close();
  await shared.elsewhere?.close();
});

/// `count` different points, each with a future point-duty shift with two places free.
async function pointsWithFreeShifts(base, count) {
  const found = [];
  for (let id = 1; id <= 30 && found.length < count; id += 1) {
    const detail = await getJson(base, `/api/points/${id}`);
    const shift = detail.upcoming_shifts.find(
      (s) => s.duty === 'point_service' && s.capacity - s.confirmed >= 2 && new Date(s.window.starts_at) > Date.now() + 3600_000,
    );
    if (shift) found.push({ point: detail.point, shift });
  }
  assert.equal(found.length, count, 'the seed has shifts with places');
  return found;
}

/// Waits until the iframe `frame` (a locator) is as tall as the page inside it; returns
/// that height.
async function fitsContent(frame) {
  const element = await frame.elementHandle();
  const inside = await element.contentFrame();
  let heights = [];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const content = await inside.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const outer = Number(await element.getAttribute('height'));
    heights = [content, outer];
    if (Math.abs(content - outer) <= 1) return outer;
    await sleep(100);
  }
  assert.fail(`the frame never fitted its content (content ${heights[0]} px, frame ${heights[1]} px)`);
}

/// The generator's two snippets as they stand.
async function snippets(page) {
  return {
    loader: await page.getByTestId('embed-loader-code').inputValue(),
    iframe: await page.getByTestId('embed-iframe-code').inputValue(),
  };
}


test('the generator writes both snippets, previews the widget at its height and names the allowed sites', async () => {
  const base = shared.server.base;
  const { page, problems, close } = await strictPage(shared.browser, base, { viewport: { width: 320, height: 800 } });
  await page.goto(`${base}/staff/embed`);
  await signIn(page, 'embedder');
  await page.getByRole('heading', { level: 1, name: '嵌入到网站' }).waitFor();
  // The list arrives after the heading.
  await page.getByTestId('embed-sites').locator('li').first().waitFor();
  assert.deepEqual(await page.getByTestId('embed-sites').locator('li').allInnerTexts(), [shared.site.origin]);

  // The counter of one point, with the hours awaiting verification too.
  const point = shared.counted.point.id;
  await page.getByRole('radio', { name: '服务点', exact: true }).check();
  await page.locator('#embed-scope-id').selectOption(String(point));
  await page.getByLabel('今年待核实时长（小时）').check();
  const counter = await snippets(page);
  assert.equal(
    counter.loader,
    `<div data-huli-embed="/embed/counter?point=${point}&amp;show=verified,on_duty,pending" data-title="湖里区志愿服务时长实时统计" data-height="200"></div>\n` +
      `<script src="${base}/embed.js" async></script>`,
  );
  assert.equal(
    counter.iframe,
    `<iframe src="${base}/embed/counter?point=${point}&amp;show=verified,on_duty,pending" title="湖里区志愿服务时长实时统计" ` +
      `loading="lazy" width="100%" height="200" style="display:block;max-width:100%;border:0"></iframe>`,
  );
  const preview = page.getByTestId('embed-preview');
  await page.frameLocator('[data-testid="embed-preview"]').locator('[data-counter="pending"]').filter({ hasText: /\d/ }).waitFor();
  assert.notEqual(await fitsContent(preview), 200, 'the preview takes the widget\'s own height');
  assert.equal(await overflowsBy(page), 0, 'fits a 320 px screen');
  assert.deepEqual(await violations(page), [], 'the generator');

  // A colour white text cannot be read on is refused, with the reason.
  await page.locator('#embed-accent').fill('#ffff00');
  await page.getByRole('alert').filter({ hasText: '这个颜色太浅' }).waitFor();
  await page.locator('#embed-accent').fill('#0b5394');

  await page.getByRole('radio', { name: '服务点地图' }).check();
  await page.locator('#embed-category').selectOption('Park');
  const map = await snippets(page);
  assert.match(map.loader, /data-huli-embed="\/embed\/map\?category=park&amp;accent=0b5394"/);
  await page.frameLocator('[data-testid="embed-preview"]').locator('.leaflet-marker-icon').first().waitFor();

  await page.getByRole('radio', { name: '服务点报名' }).check();
  await page.locator('#embed-point').selectOption(String(shared.signedUp.point.id));
  const signup = await snippets(page);
  assert.match(signup.iframe, new RegExp(`src="${base}/embed/signup/${shared.signedUp.point.id}\\?accent=0b5394"`));

  shared.snippets = { counter, map, signup };
  // Before signing in, the console asked who is signed in: 401.
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await close();
});

/// A visitor on the district site: a 320 px phone that may load from both origins.
async function visit(path) {
  const visitor = await strictPage(shared.browser, shared.server.base, { viewport: { width: 320, height: 800 } }, [
    shared.site.origin,
  ]);
  const wasm = [];
  visitor.page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname);
  });
  await visitor.page.goto(`${shared.site.origin}${path}`);
  return {
    ...visitor,
    wasm,
    viaLoader: visitor.page.locator('[data-huli-embed] iframe'),
    plain: visitor.page.locator('body > iframe'),
    loaderFrame: visitor.page.frameLocator('[data-huli-embed] iframe'),
    plainFrame: visitor.page.frameLocator('body > iframe'),
  };
}

test('a district page embeds the counter both ways; the loader fits it, and it follows a check-in live', async () => {
  const base = shared.server.base;
  const { counter } = shared.snippets;
  shared.site.put('/counter', '湖里区志愿服务', `${counter.loader}<p>中间的文字</p>${counter.iframe}`);
  const visitor = await visit('/counter');
  for (const frame of [visitor.viaLoader, visitor.plain]) {
    assert.equal(await frame.getAttribute('title'), '湖里区志愿服务时长实时统计');
  }
  const onDuty = [visitor.loaderFrame, visitor.plainFrame].map((f) => f.locator('[data-counter="on_duty"]'));
  for (const frame of [visitor.loaderFrame, visitor.plainFrame]) {
    await frame.locator('[data-counter="verified"]').filter({ hasText: /\d/ }).waitFor();
    await frame.locator('[data-counter="on_duty"]').filter({ hasText: /\d/ }).waitFor();
  }
  const height = await fitsContent(visitor.viaLoader);
  assert.notEqual(height, 200, 'the loader resized its frame');
  assert.ok(
    visitor.wasm.length > 0 && visitor.wasm.every((path) => path.startsWith('/counter-app/')),
    `the counter's own small build: ${visitor.wasm}`,
  );
  assert.equal(await visitor.plain.getAttribute('height'), '200', 'a plain iframe keeps its height');

  // Sizes are taken from our origin only: the page's own message changes nothing.
  await visitor.page.evaluate(() => window.postMessage({ type: 'huli-embed:size', height: 999 }, '*'));
  await sleep(300);
  assert.equal(Number(await visitor.viaLoader.getAttribute('height')), height);

  // A volunteer checks in at the point: both frames count them without a reload.
  const before = Number(await onDuty[0].innerText());
  const { shift } = shared.counted;
  const key = await registeredVolunteer(base);
  const signup = await signUp(base, key, shift.id);
  const secret = startShiftNow(shared.server.database, shift.id);
  const checkIn = await fetch(`${base}/api/signups/${signup.id}/check-in`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${key}`,
      'Idempotency-Key': randomBytes(16).toString('hex'),
    },
    body: JSON.stringify({ method: 'rotating_code', code: rotatingCode(secret) }),
  });
  assert.equal(checkIn.status, 200, await checkIn.text());
  for (const figure of onDuty) {
    await figure.filter({ hasText: String(before + 1) }).waitFor({ timeout: 5000 });
  }

  assert.deepEqual(await visitor.page.context().cookies(), [], 'no cookies, ours or theirs');
  assert.deepEqual(visitor.problems, []);
  await visitor.close();
});

test('a district page embeds the map of the parks both ways, in its colour; links open our site in a new tab', async () => {
  const base = shared.server.base;
  const parks = (await getJson(base, '/api/points')).filter((p) => p.category === 'park');
  assert.ok(parks.length > 1);
  shared.site.put('/map', '湖里区公园服务点', `${shared.snippets.map.loader}${shared.snippets.map.iframe}`);
  const visitor = await visit('/map');
  for (const frame of [visitor.loaderFrame, visitor.plainFrame]) {
    await frame.locator('.leaflet-marker-icon').first().waitFor();
    const parkIds = parks.map((p) => p.id).sort((a, b) => a - b);
    assert.deepEqual(await waitForMapPoints(frame, parkIds), parkIds, 'the parks only');
    assert.equal(await frame.locator('.point-link').count(), parks.length);
  }
  const height = await fitsContent(visitor.viaLoader);
  assert.notEqual(height, 720, 'the loader resized its frame');
  assert.ok(
    visitor.wasm.length > 0 && visitor.wasm.every((path) => path.startsWith('/widgets-app/')),
    `the widgets' own build, not the public app: ${visitor.wasm}`,
  );
  const inside = await (await visitor.viaLoader.elementHandle()).contentFrame();
  assert.equal(
    await inside.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--red').trim()),
    '#0b5394',
    'the accent colour',
  );
  assert.equal(await inside.evaluate(() => document.querySelector('.site-header')), null, 'no site chrome');

  const [tab] = await Promise.all([
    visitor.page.context().waitForEvent('page'),
    visitor.loaderFrame.locator('.point-link').first().click(),
  ]);
  await tab.waitForLoadState();
  assert.match(tab.url(), new RegExp(`^${base}/points/\\d+$`));
  assert.ok(inside.url().includes('/embed/map'), 'the frame stays on the widget');
  await tab.close();
  assert.deepEqual(visitor.problems, []);
  await visitor.close();
});

test('a district page embeds a point\'s sign-up both ways; a visitor registers and signs up in the frame', async () => {
  const { point, shift } = shared.signedUp;
  shared.site.put('/signup', '志愿者招募', `${shared.snippets.signup.loader}${shared.snippets.signup.iframe}`);
  const visitor = await visit('/signup');
  for (const frame of [visitor.loaderFrame, visitor.plainFrame]) {
    await frame.getByRole('heading', { level: 1, name: point.name.zh }).waitFor();
    await frame.getByTestId('shifts').getByRole('button').first().waitFor();
  }
  const before = await fitsContent(visitor.viaLoader);
  const frame = visitor.loaderFrame;
  await frame.locator(`[data-shift="${shift.id}"]`).getByRole('button').click();
  await frame.getByTestId('shift-summary').waitFor();
  const after = await fitsContent(visitor.viaLoader);
  assert.ok(after > before, `the frame grew with the chosen shift (${before} → ${after} px)`);

  await frame.getByLabel('姓名').fill('陈 嵌入');
  await frame.getByLabel('手机号码').fill('197 0000 0101');
  await frame.locator('#reg-team').selectOption('1');
  // By keyboard: the frame may still be settling its height, and a click aimed while it
  // does can land beside the box.
  const consent = frame.getByLabel('我同意按上述说明处理我的个人信息。');
  await consent.press('Space');
  assert.ok(await consent.isChecked(), 'consent given');
  await frame.getByRole('button', { name: '注册', exact: true }).press('Enter');
  await frame.getByTestId('personal-link').waitFor();
  await frame.getByRole('button', { name: '报名这个班次' }).click();
  // Whatever the answer, it is shown: a refusal names its reason in the failure.
  const answer = frame.getByText('报名成功，感谢您的奉献！').or(frame.locator('.refusal')).first();
  await answer.waitFor();
  assert.equal(await answer.innerText(), '报名成功，感谢您的奉献！');
  await fitsContent(visitor.viaLoader);

  assert.deepEqual(await visitor.page.context().cookies(), [], 'no cookies: the personal link is all it needs');
  assert.deepEqual(visitor.problems, []);
  await visitor.close();
});

test('a site not on the list cannot frame the widgets, and no site may frame our other pages', async () => {
  const base = shared.server.base;
  shared.elsewhere.put('/', '别的网站', `${shared.snippets.counter.iframe}${shared.snippets.map.iframe}`);
  shared.site.put('/page', '区网站', `<iframe src="${base}/points/1" title="服务点"></iframe>`);
  for (const url of [`${shared.elsewhere.origin}/`, `${shared.site.origin}/page`]) {
    const context = await shared.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const refusals = [];
    page.on('console', (message) => {
      if (message.text().includes('frame-ancestors')) refusals.push(message.text());
    });
    await page.goto(url);
    const frames = await page.locator('iframe').count();
    for (let attempt = 0; attempt < 50 && refusals.length < frames; attempt += 1) await sleep(100);
    assert.equal(refusals.length, frames, `${url}: every frame refused (${refusals.join(' | ')})`);
    for (const frame of page.frames().slice(1)) {
      assert.equal(await frame.locator('main, [data-counter]').count(), 0, `${url}: nothing of ours shows`);
    }
    await context.close();
  }
});

test('the widgets stand alone in English, pass axe at 320 px, and a wrong option is explained', async () => {
  const base = shared.server.base;
  const { page, problems, close } = await strictPage(shared.browser, base, { viewport: { width: 320, height: 800 } });
  await page.goto(`${base}/embed/counter?lang=en&compact=1&show=verified,last_12_months`);
  await page.locator('[data-counter="last_12_months"]').filter({ hasText: /\d/ }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(await page.locator('dt').allInnerTexts(), [
    'Verified volunteer hours this year',
    'Verified hours, last 12 months',
  ]);
  assert.deepEqual(await violations(page), [], 'the counter');

  await page.goto(`${base}/embed/map?lang=en`);
  await page.getByRole('heading', { level: 1, name: "Huli's Lei Feng volunteer service points" }).waitFor();
  await page.locator('.leaflet-marker-icon.point-cluster').first().waitFor();
  assert.equal(await overflowsBy(page), 0, 'the map fits 320 px');
  assert.deepEqual(await violations(page), [], 'the map');

  await page.goto(`${base}/embed/signup/${shared.signedUp.point.id}`);
  await page.getByTestId('shifts').waitFor();
  assert.equal(await overflowsBy(page), 0, 'the sign-up fits 320 px');
  assert.deepEqual(await violations(page), [], 'the sign-up');
  assert.deepEqual(problems, []);

  const wrong = await page.goto(`${base}/embed/counter?accent=ffff00`);
  assert.equal(wrong.status(), 400);
  await page.getByText('这个颜色太浅，白色文字在上面看不清，请选择更深的颜色。').waitFor();

  // No such point: the counter says the figures are unavailable rather than wait forever.
  await page.goto(`${base}/embed/counter?point=999`);
  await page.getByRole('status').filter({ hasText: '统计数据暂时无法显示。' }).waitFor();
  await close();
});
