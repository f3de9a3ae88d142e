// A volunteer's rights over their data, in headless Chromium against the real server
// and release build: they download everything held about them, then delete their
// account. A server of this file's own, since a seeded volunteer is erased.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { verifiedVolunteer } from './support/fixtures.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { createStaff, newLinkFor, signInThroughApi } from './support/staff.mjs';
import { getJson } from './support/volunteers.mjs';

const shared = serverAndBrowserForTests(async ({ server }) => {
  await createStaff(server, 'admin', ['--role', 'administrator'], '测试管理员');
});

/// The district's hours, as the counters show them.
const hours = (stats) => [
  stats.verified_minutes_this_year, stats.verified_minutes_last_12_months, stats.pending_minutes_this_year,
];

async function statsCounting(base, volunteers) {
  for (let tries = 0; tries < 200; tries += 1) {
    const stats = await getJson(base, '/api/stats');
    if (stats.volunteers === volunteers) return stats;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the figures never counted ${volunteers} volunteers`);
}

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

test('a volunteer downloads their data, then deletes the account: the link opens nothing and the hours stay', async () => {
  const base = shared.server.base;
  const { volunteer } = verifiedVolunteer(shared.server.database);
  const admin = await signInThroughApi(shared.server, 'admin');
  const { key, number } = await newLinkFor(shared.server, admin, volunteer);
  const before = await getJson(base, '/api/stats');
  const { page, problems, close } = await strictPage(shared.browser, base, {
    acceptDownloads: true, viewport: { width: 320, height: 800 },
  });
  await page.goto(`${base}/me#key=${key}`);
  const rights = page.getByTestId('my-rights');
  await rights.getByRole('heading', { name: '我的个人信息' }).waitFor();

  const json = await downloaded(page, rights.getByRole('button', { name: '下载我的数据（JSON）' }));
  assert.equal(json.name, 'huli-my-data.json');
  const data = JSON.parse(json.text);
  assert.equal(data.volunteer_number, number);
  assert.match(data.phone, /^1\d{10}$/, 'their own copy holds the whole number');
  assert.ok(data.verified_minutes > 0, 'their verified service is in it');
  assert.ok(data.service.some((line) => line.review === 'approved'));
  await rights.getByText('已开始下载。').waitFor();

  const csv = await downloaded(page, rights.getByRole('button', { name: /下载我的数据（CSV/ }));
  assert.equal(csv.name, 'huli-my-data.csv');
  assert.ok(csv.text.startsWith('\ufeff'), 'a byte order mark, for Excel and WPS');
  assert.ok(csv.text.includes(`手机号码,${data.phone}`), csv.text.slice(0, 400));
  assert.ok(csv.text.includes('已通过'));

  // Two steps: the first only opens what deletion does.
  await rights.getByText('撤回同意并删除账户').click();
  await rights.getByRole('button', { name: '删除我的账户…' }).click();
  const digits = page.getByLabel('请输入您手机号码的后四位，以确认删除');
  await page.waitForFunction(() => document.activeElement?.id === 'erase-digits');
  assert.deepEqual(await violations(page), [], 'the page with the confirmation open passes axe at 320 px');
  const wrong = data.phone.endsWith('0000') ? '1111' : '0000';
  await digits.fill(wrong);
  await rights.getByRole('button', { name: '永久删除我的账户' }).click();
  await page.getByText('与您手机号码的后四位不符，请重新输入。').waitFor();
  assert.equal(await digits.getAttribute('aria-invalid'), 'true');
  assert.equal((await fetch(`${base}/api/me`, { headers: { Authorization: `Bearer ${key}` } })).status, 200);

  await digits.fill(data.phone.slice(-4));
  await rights.getByRole('button', { name: '永久删除我的账户' }).click();
  await page.getByText('您的个人信息已删除，本设备也不再保存您的个人链接。感谢您的志愿服务！').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('huli.access_key')), null);

  // The link opens nothing any more, on this device or any other.
  const elsewhere = await strictPage(shared.browser, base);
  await elsewhere.page.goto(`${base}/me#key=${key}`);
  await elsewhere.page.getByText('个人链接无效或已更换。').waitFor();
  assert.deepEqual(elsewhere.problems.filter((p) => !p.includes('401')), []);
  await elsewhere.close();
  for (const path of ['/api/me', '/api/me/data', '/api/me/data.csv']) {
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${key}` } });
    assert.equal(response.status, 401, path);
  }
  // The district's hours are as they were; one registered volunteer fewer.
  const after = await statsCounting(base, before.volunteers - 1);
  assert.deepEqual(hours(after), hours(before));
  // The wrong digits were refused with a 422, which the browser logs.
  assert.deepEqual(problems.filter((p) => !p.includes('422')), []);
  await close();
});
