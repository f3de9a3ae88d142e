// Installable and offline, in headless Chromium against the real server and release
// build: the manifest and our service worker install; after one visit, with the network
// cut and the server stopped, the map, a point's page and my sign-ups open from the
// copies saved on the device, with the offline notice, and a sign-up says that it needs
// a connection instead of being kept for later.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { violations } from './support/axe.mjs';
import { CHROMIUM, CHROMIUM_FLAGS, launchBrowser, startServer, strictPage } from './support/harness.mjs';
import { findShift, getJson, registeredVolunteer, signUp } from './support/volunteers.mjs';

const shared = {};
before(async () => {
  shared.browser = await launchBrowser();
});
after(async () => {
  await shared.browser?.close();
});

/// A shift with places left a day or more after `than` ends, so that signing up for
/// both breaks no rule.
async function laterFreeShift(base, than) {
  for (let id = 1; id <= 30; id += 1) {
    const detail = await getJson(base, `/api/points/${id}`);
    const found = detail.upcoming_shifts.find((s) => s.duty === 'point_service' && s.confirmed < s.capacity &&
      new Date(s.window.starts_at).getTime() - new Date(than.window.ends_at).getTime() > 24 * 3600_000);
    if (found) return found;
  }
  throw new Error('no later shift with places in the seed');
}

/// Waits until our service worker controls `page` and has saved `path`.
async function savedForOffline(page, path) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForFunction(
    async (saved) => (await caches.open('huli-v1').then((cache) => cache.match(saved, { ignoreVary: true }))) !== undefined,
    path,
  );
}

test('the manifest and the service worker install in Chromium', async () => {
  const server = await startServer();
  // A profile of its own: Chromium installs nothing from an incognito window.
  const profile = mkdtempSync(join(tmpdir(), 'huli-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    locale: 'zh-CN',
  });
  try {
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const devtools = await context.newCDPSession(page);
    const { url, errors, data } = await devtools.send('Page.getAppManifest');
    assert.equal(url, `${server.base}/manifest.webmanifest`);
    assert.deepEqual(errors, []);
    const manifest = JSON.parse(data);
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.theme_color, '#b91c1c');
    assert.deepEqual(manifest.shortcuts.map((shortcut) => shortcut.url), ['/', '/me']);
    assert.ok(manifest.icons.some((icon) => icon.purpose === 'maskable' && icon.sizes === '512x512'));
    for (const icon of manifest.icons) {
      const response = await page.request.get(`${server.base}${icon.src}`);
      assert.equal(response.headers()['content-type'], 'image/png', icon.src);
    }
    const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
});

test('offline after one visit: the map, a point and my sign-ups open from the device, and a sign-up needs a connection', async () => {
  const server = await startServer();
  const base = server.base;
  const key = await registeredVolunteer(base);
  const { point, shift } = await findShift(base, 'free');
  await signUp(base, key, shift.id);
  const other = await laterFreeShift(base, shift);
  const { page, problems, close } = await strictPage(shared.browser, base, { viewport: { width: 320, height: 800 } });

  // One visit of each, with the network.
  await page.goto(`${base}/`);
  await savedForOffline(page, `/api/points/${point.id}`);
  await page.goto(`${base}/me#key=${key}`);
  await page.getByTestId('signup-item').first().waitFor();
  await page.goto(`${base}/signup?shift=${other.id}`);
  await page.getByRole('button', { name: '报名这个班次' }).waitFor();
  assert.equal(await page.getByTestId('offline-notice').count(), 0, 'no notice while online');
  assert.deepEqual(problems, []);

  await page.context().setOffline(true);
  await server.stop();

  const notice = page.getByTestId('offline-notice');
  await page.goto(`${base}/`);
  await page.getByTestId('point-list').locator(':scope > li').nth(29).waitFor();
  await notice.waitFor();
  assert.match(await notice.innerText(), /^当前离线：这里显示的是 \d+月\d+日 周. \d\d:\d\d 保存在本机的内容。报名、取消等操作需要联网。$/);
  assert.deepEqual(await violations(page), [], 'the map offline');

  // A point's page never opened: drawn by the app from the saved points.
  await page.goto(`${base}/points/${point.id}`);
  await page.getByRole('heading', { level: 1, name: point.name.zh }).waitFor();
  await page.getByTestId('services').waitFor();
  await notice.waitFor();
  await page.locator('a[data-provider="amap"]').waitFor();

  await page.goto(`${base}/me`);
  await page.getByTestId('signup-item').first().waitFor();
  await notice.waitFor();

  // Nothing is kept to send later: the sign-up says it needs a connection.
  await page.goto(`${base}/signup?shift=${other.id}`);
  await page.getByRole('button', { name: '报名这个班次' }).click();
  await page.getByText('无法连接服务器：这一操作需要网络连接，请联网后重试。').waitFor();
  await close();
});
