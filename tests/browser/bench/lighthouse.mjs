// `cargo xtask bench`: Lighthouse (pinned in package.json) on the residents' pages, with
// its default mobile settings (a mid-range phone on a slow 4G link, simulated), against
// the real server and release build in Debian's Chromium. Prints Performance, LCP, TBT,
// CLS and Accessibility for each page beside the targets of the first-screen issue.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_FLAGS, fontconfigFile, startServer } from '../support/harness.mjs';

const PAGES = ['/', '/points/1', '/shifts', '/signup', '/me'];
const TARGETS = 'targets: Performance ≥ 95, LCP ≤ 1.5 s, TBT ≤ 100 ms, CLS ≤ 0.05, Accessibility 100';

const server = await startServer();
const fonts = fontconfigFile();
const chrome = await launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  envVars: { ...process.env, FONTCONFIG_FILE: fonts.conf },
});

console.log(`\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, default mobile settings; ${TARGETS}`);
console.log(`${'page'.padEnd(12)}${'Perf'.padStart(6)}${'LCP'.padStart(9)}${'TBT'.padStart(9)}${'CLS'.padStart(8)}${'A11y'.padStart(6)}`);
for (const path of PAGES) {
  const result = await lighthouse(`${server.base}${path}`, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  });
  const { categories, audits } = result.lhr;
  const score = (category) => String(Math.round(categories[category].score * 100)).padStart(6);
  const ms = (audit) => `${Math.round(audits[audit].numericValue)} ms`.padStart(9);
  const failing = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 1 && result.lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0))
    .map((a) => a.id);
  console.log(
    `${path.padEnd(12)}${score('performance')}${ms('largest-contentful-paint')}${ms('total-blocking-time')}` +
      `${audits['cumulative-layout-shift'].numericValue.toFixed(3).padStart(8)}${score('accessibility')}` +
      (failing.length > 0 ? `  accessibility: ${failing.join(', ')}` : ''),
  );
}

await chrome.kill();
fonts.remove();
await server.stop();
