// Boots the real server binary on a fresh SQLite file (port 0) serving the real release
// build, and Debian's Chromium through playwright-core. `cargo xtask test` sets the
// paths; run the tests through it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

/// `env` adds to the server's environment (`HULI_EMBED_SITES`, say).
export async function startServer({ env = {} } = {}) {
  const bin = process.env.HULI_SERVER_BIN;
  const dist = process.env.HULI_DIST_DIR;
  if (!bin || !dist) {
    throw new Error('run the browser tests with `cargo xtask test` (it sets HULI_SERVER_BIN and HULI_DIST_DIR)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'huli-browser-'));
  const child = spawn(
    bin,
    // The sample programme, and no per-client limits: every test's browser is one
    // address (the server tests prove the limits).
    ['--listen', '127.0.0.1:0', '--database-url', `sqlite://${join(dir, 'huli.sqlite3')}`, '--dist-dir', dist,
     '--seed', '--rate-limits', 'false'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUST_LOG: 'warn', ...env } },
  );
  const base = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
  });
  return {
    base,
    database: join(dir, 'huli.sqlite3'),
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/// Without the networking flags Chromium floods the closed network with requests.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The fonts a Chinese phone has, and no others: Noto Sans CJK (Debian's fonts-noto-cjk,
// which `cargo xtask test` installs) in its regular and bold weights. Chromium sees only
// these, through a fontconfig file of our own, so text is the same width on every
// machine whatever else it has installed (another font once made a form fit that did
// not fit elsewhere).
const NOTO_CJK = ['NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc'].map((file) => `/usr/share/fonts/opentype/noto/${file}`);

export function fontconfigFile() {
  const missing = NOTO_CJK.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run the browser tests with \`cargo xtask test\` (it installs fonts-noto-cjk)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'huli-fonts-'));
  for (const file of NOTO_CJK) symlinkSync(file, join(dir, file.split('/').pop()));
  const family = (generic, face) => `<alias binding="same"><family>${generic}</family><prefer><family>${face}</family></prefer></alias>`;
  const conf = join(dir, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${dir}</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
  ${family('sans-serif', 'Noto Sans CJK SC')}
  ${family('serif', 'Noto Sans CJK SC')}
  ${family('system-ui', 'Noto Sans CJK SC')}
  ${family('monospace', 'Noto Sans Mono CJK SC')}
</fontconfig>
`,
  );
  return { conf, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function launchBrowser(extraArgs = []) {
  const fonts = fontconfigFile();
  const browser = await chromium.launch({
    env: { ...process.env, FONTCONFIG_FILE: fonts.conf },
    executablePath: CHROMIUM,
    args: [...extraArgs, ...CHROMIUM_FLAGS],
  });
  browser.on('disconnected', fonts.remove);
  return browser;
}

/// A page that fails the test if it requests anything from another origin (no CDN) or
/// logs an error to the console.
/// `alsoFrom` lists further origins the page may load from (an embedding site's own).
export async function strictPage(browser, base, options = {}, alsoFrom = []) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const page = await context.newPage();
  const problems = [];
  const allowed = [base, ...alsoFrom, 'data:'];
  page.on('request', (request) => {
    const url = request.url();
    if (!allowed.some((origin) => url.startsWith(origin))) problems.push(`request to another origin: ${url}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems, close: () => context.close() };
}

/// For a test file: one server and one browser, started before its tests and stopped
/// after them, then `prepare(shared)` if given. Read `.server` and `.browser` inside the tests.
export function serverAndBrowserForTests(prepare = async () => {}) {
  const shared = {};
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launchBrowser();
    await prepare(shared);
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}
