// axe-core on the map, the list and a point page, in both languages: any violation fails.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const shared = serverAndBrowserForTests();

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Every rule on the whole page, except that map markers are exempt from target-size:
// points a few hundred metres apart overlap at district zoom, and WCAG 2.5.8 exempts a
// target whose function another control on the page offers at full size: the list.
async function violations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async (tags) => {
    const everything = await window.axe.run(document, { runOnly: tags, rules: { 'target-size': { enabled: false } } });
    const targets = await window.axe.run(
      { exclude: [['.leaflet-marker-pane']] },
      { runOnly: ['target-size'] },
    );
    return [...everything.violations, ...targets.violations];
  }, TAGS);
  return result.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

for (const locale of ['zh-CN', 'en-US']) {
  test(`the map, the list and a point page have no axe violations (${locale})`, async () => {
    const { page, problems, close } = await strictPage(shared.browser, shared.server.base, { locale });
    await page.goto(shared.server.base);
    await page.locator('.point-list li').nth(29).waitFor();
    await page.locator('.leaflet-marker-icon').nth(29).waitFor();
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
