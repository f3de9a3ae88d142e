// `cargo xtask bench`: Lighthouse (pinned in package.json) on the residents' pages, with
// its default mobile settings (a mid-range phone on a slow 4G link, simulated), against
// the real server and release build in Debian's Chromium. Prints Performance, LCP, TBT,
// CLS and Accessibility for each page beside the targets of the first-screen issue.
// One run of a page varies a lot (its Total Blocking Time by ±100 ms on a two-core
// machine), so each page is run RUNS times and the run with the median Performance score
// is printed, as Lighthouse's own documentation advises.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_FLAGS, fontconfigFile, startServer } from '../support/harness.mjs';

const PAGES = ['/', '/points/1', '/shifts', '/signup', '/me'];
const RUNS = 5;
const TARGETS = 'targets: Performance ≥ 95, LCP ≤ 1.5 s, TBT ≤ 100 ms, CLS ≤ 0.05, Accessibility 100';

const server = await startServer();
const fonts = fontconfigFile();
const chrome = await launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  envVars: { ...process.env, FONTCONFIG_FILE: fonts.conf },
});

console.log(`\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, default mobile settings, the median of ${RUNS} runs; ${TARGETS}`);
console.log(`${'page'.padEnd(12)}${'Perf'.padStart(6)}${'LCP'.padStart(9)}${'TBT'.padStart(9)}${'CLS'.padStart(8)}${'A11y'.padStart(6)}`);
async function medianRun(url) {
  const runs = [];
  for (let run = 0; run < RUNS; run += 1) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    runs.push(result.lhr);
  }
  runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  return { median: runs[Math.floor(RUNS / 2)], scores: runs.map((r) => Math.round(r.categories.performance.score * 100)) };
}

for (const path of PAGES) {
  // The page is asked for once first: a server renders each page once and then answers
  // from memory, which is what residents opening a shared link meet.
  await fetch(`${server.base}${path}`);
  const { median: lhr, scores } = await medianRun(`${server.base}${path}`);
  const { categories, audits } = lhr;
  const score = (category) => String(Math.round(categories[category].score * 100)).padStart(6);
  const ms = (audit) => `${Math.round(audits[audit].numericValue)} ms`.padStart(9);
  const failing = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 1 && categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0))
    .map((a) => a.id);
  console.log(
    `${path.padEnd(12)}${score('performance')}${ms('largest-contentful-paint')}${ms('total-blocking-time')}` +
      `${audits['cumulative-layout-shift'].numericValue.toFixed(3).padStart(8)}${score('accessibility')}` +
      `  (Performance of the ${RUNS} runs: ${scores.join(' ')})` +
      (failing.length > 0 ? `  accessibility: ${failing.join(', ')}` : ''),
  );
}

await chrome.kill();
fonts.remove();
await server.stop();
