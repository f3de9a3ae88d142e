// `cargo xtask bench`: what a district page that embeds the live counter downloads from
// us, file by file, measured in headless Chromium on a 390 px phone: the loader script,
// the widget's page, its JS, wasm and CSS (the counter's own small build), and the list
// of allowed sites; the event stream's first snapshot is data, reported apart. Target:
// at most 60 KB brotli for the counter (issue 7).
import { brotliCompressSync, constants } from 'node:zlib';
import { startEmbeddingSite } from '../support/embedding.mjs';
import { launchBrowser, startServer } from '../support/harness.mjs';

const site = await startEmbeddingSite();
const server = await startServer({ env: { HULI_EMBED_SITES: site.origin } });
site.put(
  '/',
  '湖里区志愿服务',
  `<div data-huli-embed="/embed/counter?point=3" data-title="湖里区志愿服务时长实时统计" data-height="200"></div>` +
    `<script src="${server.base}/embed.js" async></script>`,
);
const browser = await launchBrowser();
const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
const page = await context.newPage();
const loads = [];
page.on('requestfinished', (request) => {
  if (request.url().startsWith(server.base)) loads.push(request);
});
await page.goto(site.origin, { waitUntil: 'load' });
const frame = page.frameLocator('[data-huli-embed] iframe');
await frame.locator('[data-counter="verified"]').filter({ hasText: /\d/ }).waitFor();
// The size exchange, and the allowed-sites list it asks for, follow the first snapshot.
await page.waitForFunction(() => document.querySelector('[data-huli-embed] iframe')?.height !== '200');
await page.waitForTimeout(500);

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`.padStart(10);
const rows = [];
for (const request of loads) {
  const response = await request.response();
  const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
  const sizes = await request.sizes();
  const path = new URL(request.url()).pathname;
  rows.push({
    path,
    data: path.startsWith('/api/'),
    raw: body.length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    sent: sizes.responseBodySize,
    encoding: (await response?.allHeaders())?.['content-encoding'] ?? 'identity',
  });
}
console.log(`a district page embedding the counter, through the loader (${rows.length} requests to us; the event stream stays open and is not listed)`);
console.log(`${'file'.padEnd(44)}${'raw'.padStart(10)}${'brotli'.padStart(10)}${'sent'.padStart(10)}  encoding`);
for (const data of [false, true]) {
  const part = rows.filter((r) => r.data === data);
  for (const r of part) {
    console.log(`${r.path.slice(0, 43).padEnd(44)}${kb(r.raw)}${kb(r.brotli)}${kb(r.sent)}  ${r.encoding}`);
  }
  const sum = (key) => part.reduce((total, r) => total + r[key], 0);
  const label = data ? 'data (allowed sites)' : 'the counter (loader, page, JS, wasm, CSS)';
  console.log(`${`  total ${label}`.padEnd(44)}${kb(sum('raw'))}${kb(sum('brotli'))}${kb(sum('sent'))}`);
}
const counter = rows.filter((r) => !r.data);
const brotli = counter.reduce((total, r) => total + r.brotli, 0);
console.log(`embedded counter: ${(brotli / 1000).toFixed(1)} KB brotli (target: at most 60 KB)`);

await browser.close();
await server.stop();
await site.close();
