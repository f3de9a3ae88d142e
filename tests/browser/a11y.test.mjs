// axe-core on the map, the list, a point page and the shifts list, in both languages: any
// violation fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';

const shared = serverAndBrowserForTests();

for (const locale of ['zh-CN', 'en-US']) {
  test(`the map, the list and a point page have no axe violations (${locale})`, async () => {
    const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { locale });
    await page.goto(shared.server.base);
    await page.locator('.point-list > li').nth(29).waitFor();
    await page.locator('.leaflet-marker-icon.point-cluster').first().waitFor();
    await page.getByTestId('verified-hours-this-year').waitFor();
    assert.deepEqual(await violations(page), [], 'map and list');

    await page.goto(`${shared.server.base}/?point=2&category=park`);
    await page.getByTestId('point-sheet').waitFor();
    assert.deepEqual(await violations(page), [], 'map with a point summary open');

    await page.goto(`${shared.server.base}/points/2`);
    await page.getByTestId('partner-units').waitFor();
    assert.deepEqual(await violations(page), [], 'point page');

    // The finder with a service chosen and "open now" ticked.
    await page.goto(`${shared.server.base}/?services=drinking_water&open=1`);
    await page.locator('.point-list > li .badge-open, .no-match').first().waitFor();
    assert.deepEqual(await violations(page), [], 'map filtered by service');

    await page.goto(`${shared.server.base}/shifts`);
    await page.locator('[data-testid="open-shifts"], .no-match').first().waitFor();
    assert.deepEqual(await violations(page), [], 'the shifts that need people');
    assert.deepEqual(problems, []);
    await close();
  });
}
