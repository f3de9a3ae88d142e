// Traditional Chinese in headless Chromium against the real server and release build:
// a visitor whose browser asks for zh-TW reads every page in Traditional characters
// (checked against the characters only Simplified Chinese writes), including what the
// app writes itself (a form's refusals, dates), and may switch to Simplified or English;
// the widgets district sites embed read in Traditional characters too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { overflowsBy } from './support/layout.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { SIMPLIFIED_ONLY } from './support/simplified_only.mjs';
import { findShift, registeredVolunteer, signUp } from './support/volunteers.mjs';

const TAIWAN = { locale: 'zh-TW', viewport: { width: 320, height: 800 } };
const shared = serverAndBrowserForTests();

/// The characters of the page's text and title that only Simplified Chinese writes; the
/// language switch names Simplified Chinese in its own characters, on purpose.
async function simplifiedOnly(page) {
  const text = (await page.locator('body').innerText()).replace('简体', '') + (await page.title());
  return [...new Set([...text].filter((c) => SIMPLIFIED_ONLY.has(c)))];
}

async function opened(page, path, ready) {
  await page.goto(`${shared.server.base}${path}`);
  await page.waitForFunction(() => !document.getElementById('huli-first-screen'));
  await ready.waitFor();
}

test('a visitor from Taiwan reads every page in Traditional characters', async () => {
  const base = shared.server.base;
  const key = await registeredVolunteer(base);
  const { point, shift } = await findShift(base, 'free');
  await signUp(base, key, shift.id);
  const { page, problems, close } = await strictPage(shared.browser, base, TAIWAN);

  const pages = [
    ['/', page.getByTestId('point-list').locator(':scope > li').nth(29)],
    [`/points/${point.id}`, page.locator(`a[href="/signup?shift=${shift.id}"]`)],
    ['/shifts', page.getByTestId('open-shifts')],
    ['/trainings', page.locator('main h1')],
    ['/stories', page.locator('main h1')],
    [`/me#key=${key}`, page.getByTestId('signup-item')],
  ];
  for (const [path, ready] of pages) {
    await opened(page, path, ready);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hant', path);
    assert.deepEqual(await simplifiedOnly(page), [], `Simplified characters on ${path}`);
  }
  // The district keeps its name: 湖里, not 湖裡.
  await opened(page, '/', page.getByTestId('point-list'));
  await page.getByRole('link', { name: '湖里學雷鋒志願服務' }).first().waitFor();
  assert.equal(await page.getByRole('button', { name: '繁體' }).getAttribute('aria-pressed'), 'true');
  // The manifest the page links: what a phone's install dialog and shortcuts show.
  const manifestLink = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await page.request.get(`${base}${manifestLink}`)).json();
  assert.equal(manifest.lang, 'zh-Hant');
  const installWords = [manifest.name, manifest.short_name, manifest.description,
    ...manifest.shortcuts.flatMap((shortcut) => [shortcut.name, shortcut.short_name])].join('');
  assert.deepEqual([...installWords].filter((c) => SIMPLIFIED_ONLY.has(c)), [], installWords);
  assert.equal(await overflowsBy(page), 0, 'the page and its language switch fit 320 px');
  assert.deepEqual(await violations(page), [], 'the home page in Traditional characters');

  // What the app writes itself: a form's refusals, from the shared contract. The
  // registration form shows to a visitor without a saved personal link.
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${base}/signup`);
  await page.getByLabel('手機號碼').fill('138 1234');
  await page.getByRole('button', { name: '註冊', exact: true }).click();
  assert.match(await page.locator('#reg-phone-error').innerText(), /請填寫 11 位中國大陸手機號碼/);
  assert.deepEqual(await simplifiedOnly(page), [], 'Simplified characters in the refusals');

  // The switch: Simplified Chinese, remembered for the server's next page.
  await page.getByRole('button', { name: '简体' }).click();
  await page.getByRole('heading', { level: 1, name: '志愿者报名' }).waitFor();
  const next = await page.request.get(`${base}/`);
  assert.match(await next.text(), /<html lang="zh">/);
  assert.deepEqual(problems, []);
  await close();
});

test('the widgets read in Traditional characters, by the browser or by their URL', async () => {
  const base = shared.server.base;
  const { point } = await findShift(base, 'free');
  const { page, problems, close } = await strictPage(shared.browser, base, TAIWAN);
  const widgets = [
    ['/embed/counter', page.locator('[data-counter="verified"]').filter({ hasText: /\d/ })],
    ['/embed/map', page.locator('.leaflet-marker-icon.point-cluster').first()],
    [`/embed/signup/${point.id}`, page.getByTestId('shifts')],
  ];
  for (const [path, ready] of widgets) {
    await page.goto(`${base}${path}`);
    await ready.waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hant', path);
    assert.deepEqual(await simplifiedOnly(page), [], `Simplified characters in ${path}`);
    assert.equal(await overflowsBy(page), 0, `${path} fits 320 px`);
  }
  assert.deepEqual(problems, []);
  await close();

  // A site may ask for Traditional characters whatever its reader's browser says.
  const mainland = await strictPage(shared.browser, base, { locale: 'zh-CN' });
  await mainland.page.goto(`${base}/embed/counter?lang=zh-Hant&show=verified,on_duty,pending`);
  await mainland.page.locator('[data-counter="pending"]').filter({ hasText: /\d/ }).waitFor();
  assert.equal(await mainland.page.locator('html').getAttribute('lang'), 'zh-Hant');
  assert.deepEqual(await simplifiedOnly(mainland.page), []);
  assert.equal((await mainland.page.locator('dt').allInnerTexts()).length, 3);
  assert.equal(await mainland.page.title(), '湖里區志願服務時長 · 湖里學雷鋒志願服務');
  assert.deepEqual(mainland.problems, []);
  await mainland.close();
});
