// `cargo xtask bench`: what the map page's first load transfers, file by file, measured
// in headless Chromium against the real server and release build; then what a return
// visit transfers (hashed assets from cache, the point list revalidated to a 304).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchBrowser, startServer } from '../support/harness.mjs';
import { waitForMapPoints } from '../support/map.mjs';

const server = await startServer();
const pointIds = (await (await fetch(`${server.base}/api/points`)).json()).map((p) => p.id);
const browser = await launchBrowser();
const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
const page = await context.newPage();

const loads = [];
page.on('requestfinished', (request) => loads.push(request));

async function visit() {
  loads.length = 0;
  await page.goto(server.base, { waitUntil: 'load' });
  await page.locator('.leaflet-marker-icon').first().waitFor();
  await waitForMapPoints(page, pointIds);
  await page.getByTestId('verified-hours-this-year').waitFor();
  // Not 'networkidle': the live counters' stream stays open for as long as the page.
  await page.getByTestId('on-duty-now-total').waitFor();
  await page.waitForTimeout(1000);
  return [...loads];
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`.padStart(10);
const isData = (path) => path.startsWith('/api/') || path.startsWith('/data/');

const first = await visit();
const rows = [];
for (const request of first) {
  const response = await request.response();
  const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
  const sizes = await request.sizes();
  rows.push({
    path: new URL(request.url()).pathname,
    status: response?.status(),
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    sent: sizes.responseBodySize,
    encoding: (await response?.allHeaders())?.['content-encoding'] ?? 'identity',
  });
}

console.log(`first load of the map page (${rows.length} requests; sizes of each body raw, and compressed at gzip -9 and brotli -q 11; "sent" is what crossed the wire)`);
console.log(`${'file'.padEnd(44)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}${'sent'.padStart(10)}  encoding`);
for (const group of [false, true]) {
  const part = rows.filter((r) => isData(r.path) === group);
  for (const r of part) {
    console.log(`${r.path.slice(0, 43).padEnd(44)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}${kb(r.sent)}  ${r.encoding}`);
  }
  const sum = (key) => part.reduce((total, r) => total + r[key], 0);
  const label = group ? 'data (API, outline)' : 'critical path (HTML, CSS, JS, wasm, Leaflet)';
  console.log(`${`  total ${label}`.padEnd(44)}${kb(sum('raw'))}${kb(sum('gzip'))}${kb(sum('brotli'))}${kb(sum('sent'))}`);
}

const again = await visit();
let returnSent = 0;
const bodies = [];
for (const request of again) {
  const sizes = await request.sizes();
  returnSent += sizes.responseBodySize + sizes.responseHeadersSize;
  if (sizes.responseBodySize > 0) bodies.push(`${new URL(request.url()).pathname} (${sizes.responseBodySize} B)`);
}
console.log(`return visit: ${again.length} requests, ${kb(returnSent).trim()} including headers; bodies sent only for ${bodies.join(', ') || 'nothing'}`);

await browser.close();
await server.stop();
