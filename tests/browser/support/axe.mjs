// axe-core run in the page, every WCAG 2.2 AA and best-practice rule: the list of
// violations, empty when the page passes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Evaluated through the DevTools protocol: the pages' Content-Security-Policy rightly
// refuses an injected inline <script>.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// Every rule on the whole page, except that map markers are exempt from target-size:
// points a few hundred metres apart overlap at district zoom, and WCAG 2.5.8 exempts a
// target whose function another control on the page offers at full size: the list.
export async function violations(page) {
  // A figure that just changed fades in over 0.6 s; axe would measure its contrast
  // mid-fade. With reduced motion (as the stylesheet honours) it stands still.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.evaluate(axeSource);
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
