// The public pages' first screen comes from the server, rendered by the app's own
// components; the wasm then takes the page over. What the server drew must be what the
// app draws, it must stand without JavaScript, and a shared link must name its page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';

const shared = serverAndBrowserForTests();

const LOCALES = [
  { locale: 'zh-CN', lang: 'zh' },
  { locale: 'en-US', lang: 'en' },
];

/// What a reader of the page sees, region by region: the on-duty clock ticks every
/// second in the app, so it is left out; the map is Leaflet's once the app runs.
async function visibleText(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main').cloneNode(true);
    // What runs or is known only in the browser: the clock, the map, and whether a
    // point is open at this minute (a cached page may be an hour old).
    for (const ticking of main.querySelectorAll('[data-testid=on-duty-time], [data-testid=point-map], .open-state')) {
      ticking.remove();
    }
    const text = (element) => element?.innerText.replace(/\s+/g, ' ').trim() ?? null;
    document.body.append(main);
    const regions = {
      header: text(document.querySelector('.site-header')),
      main: text(main),
      footer: text(document.querySelector('.site-footer')),
      points: [...main.querySelectorAll('[data-testid=point-list] > li')].map(text),
    };
    main.remove();
    return regions;
  });
}

/// The page as the server sent it, without JavaScript.
async function serverScreen(path, locale) {
  const context = await shared.browser.newContext({ locale, javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(`${shared.server.base}${path}`);
  return { context, page, response };
}

/// The page once the app has taken it over (the data the server put in it is gone).
async function appScreen(path, locale) {
  const opened = await strictPage(shared.browser, shared.server.base, { locale });
  await opened.page.goto(`${shared.server.base}${path}`);
  await opened.page.waitForFunction(() => !document.getElementById('huli-first-screen'));
  await opened.page.locator('main h1').waitFor();
  return opened;
}

for (const { locale, lang } of LOCALES) {
  for (const path of ['/', '/points/1', '/stories']) {
    test(`the server's first screen of ${path} is what the app shows (${locale})`, async () => {
      const server = await serverScreen(path, locale);
      assert.equal(server.response.status(), 200);
      assert.equal(await server.page.locator('html').getAttribute('lang'), lang);
      const drawn = await visibleText(server.page);
      const serverTitle = await server.page.title();
      await server.context.close();

      const app = await appScreen(path, locale);
      const shown = await visibleText(app.page);
      if (path === '/') {
        assert.equal(drawn.points.length, 30);
      } else if (path === '/stories') {
        assert.match(drawn.main, lang === 'en' ? /Volunteer stories/ : /志愿者故事/);
      } else {
        assert.match(drawn.main, lang === 'en' ? /Address/ : /地址/);
      }
      assert.deepEqual(drawn, shown);
      assert.equal(serverTitle, await app.page.title());
      assert.deepEqual(app.problems, []);
      await app.close();
    });
  }
}

test('without JavaScript the 30 points are listed, each linking to its page', async () => {
  const points = await (await fetch(`${shared.server.base}/api/points`)).json();
  const { context, page } = await serverScreen('/', 'zh-CN');
  const links = page.getByTestId('point-list').locator('a.point-link');
  assert.equal(await links.count(), 30);
  const hrefs = await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs.sort(), points.map((p) => `/points/${p.id}`).sort());
  const figure = page.getByTestId('verified-hours-this-year');
  assert.ok(Number(await figure.getAttribute('data-hours')) > 0);
  await context.close();
});

test("without JavaScript a point's page gives its address, hours, services and directions", async () => {
  const { point: detail } = await (await fetch(`${shared.server.base}/api/points/3`)).json();
  const { context, page } = await serverScreen('/points/3', 'zh-CN');
  const main = await page.locator('main').innerText();
  assert.ok(main.includes(detail.name.zh), main);
  assert.ok(main.includes(detail.address.zh), main);
  assert.equal(await page.getByTestId('services').locator('li').count(), detail.services.length);
  const directions = page.getByTestId('directions').locator('a');
  assert.equal(await directions.count(), 4);
  for (const href of await directions.evaluateAll((all) => all.map((a) => a.href))) {
    assert.match(href, /^(https:|geo:)/);
  }
  await context.close();
});

test('each point page carries its own title and preview tags; an unknown point is a 404', async () => {
  const points = await (await fetch(`${shared.server.base}/api/points`)).json();
  const meta = (html, property) =>
    html.match(new RegExp(`<meta property="${property}" content="([^"]*)">`))?.[1];
  const seen = new Set();
  for (const point of points) {
    const response = await fetch(`${shared.server.base}/points/${point.id}`, {
      headers: { 'accept-language': 'zh-CN' },
    });
    assert.equal(response.status, 200);
    const html = await response.text();
    const title = html.match(/<title>([^<]*)<\/title>/)[1];
    assert.ok(title.startsWith(`${point.name.zh} · `), title);
    assert.equal(meta(html, 'og:title'), title);
    assert.ok(meta(html, 'og:description').startsWith(point.address.zh), meta(html, 'og:description'));
    assert.equal(meta(html, 'og:image'), '/share.png');
    assert.equal((html.match(/<title>/g) ?? []).length, 1);
    seen.add(title);
  }
  assert.equal(seen.size, points.length, 'every point has a title of its own');
  const image = await fetch(`${shared.server.base}/share.png`);
  assert.equal(image.headers.get('content-type'), 'image/png');

  const missing = await fetch(`${shared.server.base}/points/9999`);
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /<html/);
});

test('the app takes over without moving anything, and a chosen language reaches the server', async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  const warnings = [];
  // Chromium's own note on Trunk's preload links is not the app's.
  const chromiumNote = /integrity. attribute is currently ignored for preload/;
  page.on('console', (message) => {
    if (message.type() === 'warning' && !chromiumNote.test(message.text())) warnings.push(message.text());
  });
  // Hold the wasm back to see the server's screen first, then let the app take over.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${shared.server.base}/points/1`);
  const box = async () => {
    const heading = await page.locator('main h1').boundingBox();
    const services = await page.getByTestId('services').boundingBox();
    return { heading, services };
  };
  const before = await box();
  release();
  await page.waitForFunction(() => !document.getElementById('huli-first-screen'));
  await page.locator('main h1').waitFor();
  assert.deepEqual(await box(), before);

  // Switching language in the app is remembered for the server's next page.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.locator('main h1').filter({ hasText: /[A-Za-z]/ }).waitFor();
  const next = await page.request.get(`${shared.server.base}/`);
  assert.match(await next.text(), /<html lang="en">/);
  assert.deepEqual(problems, []);
  assert.deepEqual(warnings, []);
  await close();
});

const VOLUNTEER_PAGES = {
  zh: { '/signup': '志愿者报名', '/me': '我的报名', '/shifts': '需要志愿者的班次', '/trainings': '培训', register: /注册成为志愿者/ },
  en: { '/signup': 'Volunteer sign-up', '/me': 'My sign-ups', '/shifts': 'Shifts that need volunteers', '/trainings': 'Trainings', register: /Register as a volunteer/ },
};

for (const { locale, lang } of LOCALES) {
  test(`the volunteers' pages come drawn from the server and their own build takes them over (${locale})`, async () => {
    const words = VOLUNTEER_PAGES[lang];
    for (const path of ['/signup', '/shifts', '/me', '/trainings']) {
      const server = await serverScreen(path, locale);
      assert.equal(server.response.status(), 200);
      assert.equal(await server.page.locator('html').getAttribute('lang'), lang);
      assert.equal(await server.page.locator('main h1').innerText(), words[path]);
      assert.ok((await server.page.title()).startsWith(`${words[path]} · `));
      await server.context.close();

      const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { locale });
      const warnings = [];
      const chromiumNote = /integrity. attribute is currently ignored for preload/;
      page.on('console', (message) => {
        if (message.type() === 'warning' && !chromiumNote.test(message.text())) warnings.push(message.text());
      });
      const scripts = [];
      page.on('request', (request) => scripts.push(new URL(request.url()).pathname));
      await page.goto(`${shared.server.base}${path}`);
      // What only this device knows comes after the takeover: the form for a visitor
      // without a saved link, the way to register on their own page.
      if (path === '/signup') {
        await page.locator('#reg-name').waitFor();
      } else if (path === '/shifts') {
        await page.locator('[data-testid="open-shifts"], .no-match').first().waitFor();
      } else if (path === '/trainings') {
        await page.locator('[data-testid="training-sessions"], .no-match').first().waitFor();
        await page.getByTestId('trainings-no-link').getByRole('link', { name: words.register }).waitFor();
      } else {
        await page.getByRole('link', { name: words.register }).waitFor();
      }
      assert.equal(await page.locator('main h1').innerText(), words[path]);
      assert.ok(scripts.some((p) => p.startsWith('/volunteer-app/') && p.endsWith('.wasm')), scripts.join());
      assert.ok(!scripts.some((p) => /leaflet/.test(p)), 'no map on these pages');
      assert.deepEqual(problems, []);
      assert.deepEqual(warnings, []);
      await close();
    }
  });
}

test("links between the residents' and the volunteers' builds load the other build", async () => {
  const { page, problems, close } = await strictPage(shared.browser, shared.server.base);
  await page.goto(`${shared.server.base}/points/1`);
  await page.waitForFunction(() => !document.getElementById('huli-first-screen'));
  await page.getByTestId('shifts').locator('a.button-link').first().click();
  await page.waitForURL(/\/signup\?shift=\d+$/);
  await page.getByTestId('shift-summary').waitFor();
  // Within a build the router moves, and focus follows to the new page's heading.
  await page.getByRole('navigation').getByRole('link', { name: '我的报名' }).click();
  await page.waitForURL(/\/me$/);
  await page.waitForFunction(() => document.activeElement?.matches('main h1') && document.activeElement.innerText === '我的报名');
  await page.getByRole('navigation').getByRole('link', { name: '服务点' }).click();
  await page.waitForURL(`${shared.server.base}/`);
  await page.getByTestId('point-list').locator(':scope > li').first().waitFor();
  assert.equal(await page.getByTestId('point-list').locator(':scope > li').count(), 30);
  assert.deepEqual(problems, []);
  await close();
});
