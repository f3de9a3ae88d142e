// axe-core on the map, the list and a point page, in both languages: any violation fails.
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
    assert.deepEqual(problems, []);
    await close();
  });
}
