// `cargo xtask bench`: what a district page that embeds a widget downloads from us,
// file by file, measured in headless Chromium on a 390 px phone: the loader script, the
// widget's page, its JS, wasm and CSS, and the list of allowed sites (data, reported
// apart; so is the live counters' event stream, which stays open). The counter is a
// small build of its own (target: at most 60 KB brotli, issue 7); the map is the app's
// widgets build, with Leaflet.
import { brotliCompressSync, constants } from 'node:zlib';
import { startEmbeddingSite } from '../support/embedding.mjs';
import { launchBrowser, startServer } from '../support/harness.mjs';
import { waitForMapPoints } from '../support/map.mjs';

const site = await startEmbeddingSite();
const server = await startServer({ env: { HULI_EMBED_SITES: site.origin } });
const browser = await launchBrowser();
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`.padStart(10);

async function measure(name, path, ready) {
  site.put(
    `/${name}`,
    '湖里区志愿服务',
    `<div data-huli-embed="${path}" data-title="${name}" data-height="200"></div>` +
      `<script src="${server.base}/embed.js" async></script>`,
  );
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const loads = [];
  page.on('requestfinished', (request) => {
    if (request.url().startsWith(server.base)) loads.push(request);
  });
  await page.goto(`${site.origin}/${name}`, { waitUntil: 'load' });
  await ready(page.frameLocator('[data-huli-embed] iframe'));
  // The size exchange, and the allowed-sites list it asks for, follow.
  await page.waitForFunction(() => document.querySelector('[data-huli-embed] iframe')?.height !== '200');
  await page.waitForTimeout(500);

  const rows = [];
  for (const request of loads) {
    const response = await request.response();
    const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
    const sizes = await request.sizes();
    const file = new URL(request.url()).pathname;
    rows.push({
      file,
      data: file.startsWith('/api/') || file.startsWith('/data/'),
      raw: body.length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      sent: Math.max(0, sizes.responseBodySize),
      encoding: (await response?.allHeaders())?.['content-encoding'] ?? 'identity',
    });
  }
  console.log(`a district page embedding ${path} through the loader (${rows.length} requests to us)`);
  console.log(`${'file'.padEnd(44)}${'raw'.padStart(10)}${'brotli'.padStart(10)}${'sent'.padStart(10)}  encoding`);
  for (const data of [false, true]) {
    const part = rows.filter((r) => r.data === data);
    for (const r of part) {
      console.log(`${r.file.slice(0, 43).padEnd(44)}${kb(r.raw)}${kb(r.brotli)}${kb(r.sent)}  ${r.encoding}`);
    }
    const sum = (key) => part.reduce((total, r) => total + r[key], 0);
    const label = data ? 'data' : `the ${name} (loader, page, code, CSS)`;
    console.log(`${`  total ${label}`.padEnd(44)}${kb(sum('raw'))}${kb(sum('brotli'))}${kb(sum('sent'))}`);
  }
  await context.close();
  return rows.filter((r) => !r.data).reduce((total, r) => total + r.brotli, 0);
}

const counter = await measure('counter', '/embed/counter?point=3', (frame) =>
  frame.locator('[data-counter="verified"]').filter({ hasText: /\d/ }).waitFor(),
);
const pointIds = (await (await fetch(`${server.base}/api/points`)).json()).map((p) => p.id);
const map = await measure('map', '/embed/map', async (frame) => {
  await frame.locator('.leaflet-marker-icon').first().waitFor();
  await waitForMapPoints(frame, pointIds);
});
console.log(`embedded counter: ${(counter / 1000).toFixed(1)} KB brotli (target: at most 60 KB)`);
console.log(`embedded map: ${(map / 1000).toFixed(1)} KB brotli`);

await browser.close();
await server.stop();
await site.close();
