// Volunteer stories in headless Chromium against the real server and release build, on
// a 320 px screen: an administrator writes a story with a photo about a new volunteer in
// the console; nothing is public until the volunteer agrees on "my sign-ups"; then the
// home page shows it as the latest story, its own page (with its preview tags) shows it
// whole; once the volunteer withdraws, it is gone from every public page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { overflowsBy } from './support/layout.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { png } from './support/png.mjs';
import { createStaff, signIn } from './support/staff.mjs';
import { getJson, registeredVolunteer } from './support/volunteers.mjs';

const PHONE = { viewport: { width: 320, height: 800 } };
const TITLE = '轮渡码头的“活地图”';
const FIRST = '十年来，每个周六他都在轮渡码头为旅客指路。';
const SECOND = '他说：“帮一个是一个。”';
// The name `registeredVolunteer` registers with.
const NAME = '王 测试';
const PHOTO_ALT = `志愿者${NAME}的照片`;

const shared = serverAndBrowserForTests(async ({ server }) => {
  await createStaff(server, 'storyteller', ['--role', 'administrator'], '测试管理员');
});

/// Today in Huli, as the pages write a day: "2026年3月5日".
function huliToday() {
  const huli = new Date(Date.now() + 8 * 3600_000);
  return `${huli.getUTCFullYear()}年${huli.getUTCMonth() + 1}月${huli.getUTCDate()}日`;
}

/// The home page once the app has taken it over.
async function home(page) {
  await page.goto(`${shared.server.base}/`);
  await page.waitForFunction(() => !document.getElementById('huli-first-screen'));
  await page.getByTestId('point-list').waitFor();
}

const meta = (html, property) => html.match(new RegExp(`<meta property="${property}" content="([^"]*)">`))?.[1];

test('a story is published only once the volunteer agrees, and leaves every public page when they withdraw', async () => {
  const base = shared.server.base;
  const key = await registeredVolunteer(base);
  const mine = { headers: { Authorization: `Bearer ${key}` } };
  const { volunteer_number: number } = await (await fetch(`${base}/api/me/record`, mine)).json();

  // The administrator writes the story in the console: the form first names what is
  // missing, then what the server refuses, then takes the story and its photo.
  const desk = await strictPage(shared.browser, base, PHONE);
  await desk.page.goto(`${base}/staff`);
  await signIn(desk.page, 'storyteller');
  await desk.page.getByRole('navigation', { name: '工作台栏目' }).getByRole('link', { name: '志愿者故事' }).click();
  const writer = desk.page.getByTestId('story-writer');
  await writer.getByText('故事要等志愿者本人在自己的“我的报名”页面上同意后才会发布').waitFor();
  const save = writer.getByRole('button', { name: '保存故事' });
  await save.click();
  await writer.getByText('请修改下方标出的内容。').waitFor();
  assert.equal(await writer.getByLabel('志愿者编号').getAttribute('aria-invalid'), 'true');
  assert.equal(await writer.getByLabel('标题', { exact: true }).getAttribute('aria-invalid'), 'true');
  await writer.getByLabel('志愿者编号').fill('HL9999999');
  await writer.getByLabel('标题', { exact: true }).fill(TITLE);
  await writer.getByLabel('正文').fill(`${FIRST}\n\n${SECOND}`);
  await writer.getByText(`已写 ${FIRST.length + SECOND.length + 2} 字，最多 2000 字`).waitFor();
  await save.click();
  await writer.locator('#story-volunteer-error').filter({ hasText: /./ }).waitFor();
  assert.equal(await desk.page.getByTestId('written-story').count(), 0, 'nothing was written');
  // A file that is no picture is refused as soon as it is chosen.
  const photo = writer.getByLabel('照片（可选）');
  await photo.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await writer.getByText('无法读取该照片，请上传 JPEG、PNG 或 WebP 格式的照片。').waitFor();
  await photo.setInputFiles({ name: 'ferry.png', mimeType: 'image/png', buffer: png(640, 480, [190, 20, 30]) });
  await writer.getByLabel('志愿者编号').fill(number);
  await save.click();
  await writer.getByRole('status').getByText('故事已保存。志愿者在“我的报名”页面上同意后即会发布。').waitFor();
  const row = desk.page.getByTestId('written-story').filter({ hasText: TITLE });
  await row.getByText('等待志愿者同意').waitFor();
  await row.getByText(number).waitFor();
  await row.getByRole('img', { name: PHOTO_ALT }).waitFor();
  assert.equal(await writer.getByLabel('标题', { exact: true }).inputValue(), '', 'the form starts afresh');
  assert.equal(await overflowsBy(desk.page), 0, 'the console fits a 320 px screen');
  assert.deepEqual(await violations(desk.page), [], 'the stories in the console');

  const [record] = await (await fetch(`${base}/api/me/stories`, mine)).json();
  const id = record.story.id;
  assert.equal(record.status, 'awaiting_consent');
  assert.match(record.story.photo, /^\/api\/stories\/photos\/[0-9a-f]{64}$/);

  // Nothing is public yet.
  assert.deepEqual(await getJson(base, '/api/stories'), []);
  assert.equal((await fetch(`${base}/stories/${id}`)).status, 404);
  const phone = await strictPage(shared.browser, base, PHONE);
  await home(phone.page);
  assert.equal(await phone.page.getByTestId('latest-story').count(), 0, 'no story on the home page');

  // The volunteer reads it on "my sign-ups", with what publishing means, and agrees.
  await phone.page.goto(`${base}/me#key=${key}`);
  const section = phone.page.getByTestId('my-stories');
  await section.getByRole('heading', { name: '关于我的故事' }).waitFor();
  const story = section.getByTestId('my-story');
  await story.getByText('等待志愿者同意').waitFor();
  await story.getByRole('heading', { name: TITLE }).waitFor();
  await story.getByText(SECOND).waitFor();
  await story.getByRole('img', { name: PHOTO_ALT }).waitFor();
  await story.getByText(/只有在您同意后，它才会连同您的姓名和照片发布在本站的公开页面上/).waitFor();
  assert.equal(await overflowsBy(phone.page), 0, 'my stories fit a 320 px screen');
  assert.deepEqual(await violations(phone.page), [], 'a story waiting for consent');
  await story.getByRole('button', { name: '同意发布' }).click();
  await story.getByText(`已发布 · ${huliToday()}`).waitFor();
  await phone.page.waitForFunction((id) => document.activeElement?.id === id, `my-story-${id}-status`);
  await story.getByRole('button', { name: '撤回同意' }).waitFor();

  // The home page now shows it as the latest story, and its page shows it whole.
  await home(phone.page);
  const latest = phone.page.getByTestId('latest-story');
  await latest.getByRole('heading', { name: '最新志愿者故事' }).waitFor();
  await latest.getByText(`${NAME} · ${huliToday()}`).waitFor();
  await latest.getByText(FIRST).waitFor();
  await latest.getByRole('img', { name: PHOTO_ALT }).waitFor();
  await latest.getByRole('link', { name: '查看全部志愿者故事' }).waitFor();
  assert.equal(await overflowsBy(phone.page), 0, 'the home page with its story fits a 320 px screen');
  assert.deepEqual(await violations(phone.page), [], 'the home page with the latest story');
  await latest.getByRole('link', { name: TITLE }).click();
  await phone.page.waitForURL(`${base}/stories/${id}`);
  await phone.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

  await phone.page.goto(`${base}/stories/${id}`);
  await phone.page.waitForFunction(() => !document.getElementById('huli-first-screen'));
  const page = phone.page.getByTestId('story');
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByText(`${NAME} · ${huliToday()}`).waitFor();
  await page.getByRole('img', { name: PHOTO_ALT }).waitFor();
  assert.deepEqual(await page.locator('.story-text p').allInnerTexts(), [FIRST, SECOND]);
  assert.equal(await phone.page.title(), `${TITLE} · 湖里学雷锋志愿服务`);
  assert.equal(await overflowsBy(phone.page), 0, "the story's page fits a 320 px screen");
  assert.deepEqual(await violations(phone.page), [], "the story's page");
  await phone.page.goto(`${base}/stories`);
  await phone.page.getByTestId('story-list').getByRole('link', { name: TITLE }).waitFor();

  // A shared link's preview names the story and shows its photo.
  const published = await getJson(base, `/api/stories/${id}`);
  const response = await fetch(`${base}/stories/${id}`, { headers: { 'accept-language': 'zh-CN' } });
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.equal(meta(html, 'og:title'), `${TITLE} · 湖里学雷锋志愿服务`);
  assert.equal(meta(html, 'og:description'), FIRST);
  assert.equal(meta(html, 'og:image'), published.photo);
  assert.equal(meta(html, 'og:type'), 'article');
  const image = await fetch(`${base}${published.photo}`);
  assert.equal(image.headers.get('content-type'), 'image/jpeg');

  // The volunteer withdraws: asked once more, then the story is gone from public view.
  await phone.page.goto(`${base}/me`);
  await story.getByText(`已发布 · ${huliToday()}`).waitFor();
  await story.getByRole('button', { name: '撤回同意' }).click();
  await story.getByText('撤回同意？这篇故事会立即从公开页面撤下，且不会再发布。').waitFor();
  await story.getByRole('button', { name: '是，撤回' }).click();
  await story.getByText(`已撤回 · ${huliToday()}`).waitFor();
  await story.getByText('这篇故事不在公开页面上，也不会再发布。').waitFor();
  assert.equal(await story.getByRole('img').count(), 0, "a withdrawn story's photo is not shown");
  assert.deepEqual(await violations(phone.page), [], 'a withdrawn story');

  await home(phone.page);
  assert.equal(await phone.page.getByTestId('latest-story').count(), 0, 'the home page no longer shows it');
  assert.ok(!(await getJson(base, '/api/stories')).some((s) => s.id === id));
  assert.equal((await fetch(`${base}/stories/${id}`)).status, 404);
  assert.deepEqual(phone.problems, []);
  await phone.close();

  // In the console, the story says it was withdrawn, with no way back.
  await desk.page.reload();
  await row.getByText(`已撤回 · ${huliToday()}`).waitFor();
  assert.equal(await row.getByRole('link').count(), 0);
  // The console asks for a session before signing in (401); the unknown volunteer
  // number is refused (422).
  assert.deepEqual(desk.problems.filter((p) => !p.includes('401') && !p.includes('422')), []);
  await desk.close();
});
