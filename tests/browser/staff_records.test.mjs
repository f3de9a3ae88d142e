// The staff console's records in headless Chromium against the real server and release
// build: the point display, opened through a display link, shows a code (QR and digits)
// that checks a volunteer in, and stops when the link is revoked; a coordinator
// downloads a CSV that spreadsheets read as UTF-8, gives a volunteer a new personal link
// and prints a numbered certificate.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { violations } from './support/axe.mjs';
import { overflowsBy } from './support/layout.mjs';
import { rotatingCode, startShiftNow, verifiedVolunteer } from './support/fixtures.mjs';
import { serverAndBrowserForTests, strictPage } from './support/harness.mjs';
import { createStaff, signIn } from './support/staff.mjs';
import { findShift, registeredVolunteer, signUp } from './support/volunteers.mjs';

const shared = serverAndBrowserForTests();
const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];


test('the point display opens through its own link, shows the code as QR and digits, checks a volunteer in, and stops when revoked', async () => {
  const base = shared.server.base;
  const { point, shift } = await findShift(base, 'free');
  const key = await registeredVolunteer(base);
  await signUp(base, key, shift.id);
  const secret = startShiftNow(shared.server.database, shift.id);
  await createStaff(shared.server, 'leader', ['--role', 'point-leader', '--point', String(point.id)], '测试组长');

  // The leader makes a link for the device at the point.
  const desk = await strictPage(shared.browser, base, { viewport: { width: 320, height: 700 } });
  await desk.page.goto(`${base}/staff/display/${point.id}`);
  await signIn(desk.page, 'leader');
  const form = desk.page.getByTestId('new-display-link');
  await form.getByLabel('设备名称（如：服务台平板）').fill('服务台平板');
  await form.getByRole('button', { name: '生成显示屏链接' }).click();
  const address = desk.page.getByTestId('display-link-made').getByRole('textbox');
  await address.waitFor();
  const displayLink = await address.inputValue();
  assert.match(displayLink, new RegExp(`^${base}/staff/screen#[0-9a-f]{64}$`));
  await desk.page.locator('[data-testid="display-link"][data-label="服务台平板"]').waitFor();
  assert.equal(await overflowsBy(desk.page), 0, 'the links page fits a 320 px screen');
  assert.deepEqual(await violations(desk.page), [], 'the display links page');

  // The device opens it, with no staff session.
  const screen = await strictPage(shared.browser, base, { viewport: { width: 320, height: 700 } });
  await screen.page.goto(displayLink);
  const digits = screen.page.getByTestId('display-code');
  await digits.waitFor();
  const shown = (await digits.innerText()).replace(/\s/g, '');
  const now = Date.now();
  assert.ok(
    [rotatingCode(secret, now), rotatingCode(secret, now - 60_000)].includes(shown),
    `the display shows this minute's code (${shown})`,
  );
  const qr = screen.page.getByRole('img', { name: '二维码：用手机扫码签到' });
  assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml;charset=utf-8,%3C/, 'the QR code is an SVG image');
  assert.equal(await overflowsBy(screen.page), 0, 'fits a 320 px screen');
  assert.deepEqual(await violations(screen.page), [], 'the point display');
  const { check_in_url: link } = await screen.page.evaluate(
    async (key) => (await fetch('/api/display', { headers: { Authorization: `Bearer ${key}` } })).json(),
    displayLink.split('#')[1],
  );
  assert.match(link, new RegExp(`^${base}/me\\?code=\\d{6}$`));

  // The volunteer's phone opens the QR code's link: the code is filled in.
  const phone = await strictPage(shared.browser, base);
  await phone.page.goto(`${base}/me#key=${key}`);
  await phone.page.getByLabel('签到码（服务点屏幕上的 6 位数字）').waitFor();
  await phone.page.goto(link);
  const field = phone.page.getByLabel('签到码（服务点屏幕上的 6 位数字）');
  await field.waitFor();
  assert.equal(await field.inputValue(), link.slice(-6));
  await phone.page.getByRole('button', { name: '签到', exact: true }).click();
  await phone.page.getByTestId('attendance').getByText(/已于 \d\d:\d\d 签到/).waitFor();

  // The leader's roster shows the check-in, and checks the volunteer out for them.
  await desk.page.getByRole('navigation', { name: '工作台栏目' }).getByRole('link', { name: '现场签到名单' }).click();
  const person = desk.page.getByTestId('roster-person').filter({ hasText: '王 测试' });
  await person.getByText(/^签到 \d\d:\d\d$/).waitFor();
  assert.equal(await overflowsBy(desk.page), 0, 'the roster fits a 320 px screen');
  assert.deepEqual(await violations(desk.page), [], 'the roster');
  await person.getByRole('button', { name: '代为签退' }).click();
  await person.getByText(/^签到 \d\d:\d\d–\d\d:\d\d$/).waitFor();

  // Revoked, the link shows nothing more.
  await desk.page.goto(`${base}/staff/display/${point.id}`);
  const item = desk.page.locator('[data-testid="display-link"][data-label="服务台平板"]');
  await item.getByRole('button', { name: '撤销' }).click();
  await desk.page.getByText('链接已撤销，设备将无法再显示。').waitFor();
  assert.equal(await item.count(), 0);
  await screen.page.reload();
  await screen.page.getByRole('alert').getByText('此显示屏链接已被撤销或无效').waitFor();

  const refused = (p) => !p.includes('401');
  assert.deepEqual(desk.problems.filter(refused), []);
  assert.deepEqual(screen.problems.filter(refused), [], 'only the revoked link is refused');
  assert.deepEqual(phone.problems, []);
  await desk.close();
  await screen.close();
  await phone.close();
});

test('a coordinator downloads verified hours as UTF-8 CSV, replaces a lost link and prints a numbered certificate', async () => {
  const base = shared.server.base;
  const { unit, volunteer } = verifiedVolunteer(shared.server.database);
  await createStaff(shared.server, 'records', ['--role', 'coordinator', '--unit', String(unit)]);
  const { page, problems, close } = await strictPage(shared.browser, base, { acceptDownloads: true });
  await page.goto(`${base}/staff/exports`);
  await signIn(page, 'records');
  await page.getByRole('radio', { name: '按志愿者' }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('hours-export').click(),
  ]);
  assert.match(download.suggestedFilename(), /^huli-hours-\d{4}-01-01-\d{4}-\d\d-\d\d\.csv$/);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], BYTE_ORDER_MARK, 'Excel and WPS read it as UTF-8');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines[0], '志愿者编号,姓名,所属队伍,服务次数,已核实时长（小时）');
  const number = `HL${String(volunteer).padStart(7, '0')}`;
  assert.ok(lines.some((line) => line.startsWith(`${number},`)), `${number} is in the export`);
  assert.deepEqual(await violations(page), [], 'the exports page');

  await page.getByRole('navigation', { name: '工作台栏目' }).getByRole('link', { name: '志愿者与证明' }).click();
  await page.getByLabel('姓名、手机号后 4 位或志愿者编号').fill(number);
  await page.getByRole('button', { name: '查找' }).click();
  const item = page.getByTestId('volunteer-item');
  await item.waitFor();
  assert.equal(await item.count(), 1);
  assert.match(await item.innerText(), /\d{3}\*{4}\d{4}/, 'the phone is masked');
  assert.deepEqual(await violations(page), [], 'the volunteers page');

  // A lost link: the first tap only warns, the second gives a new link, shown once.
  await item.getByRole('button', { name: '重新发放个人链接' }).click();
  await item.getByRole('button', { name: '确认重新发放' }).click();
  const newLink = await page.getByTestId('personal-link').getByRole('textbox').inputValue();
  const key = newLink.match(/\/me#key=([0-9a-f]{64})$/)?.[1];
  assert.ok(key, newLink);
  const opened = await fetch(`${base}/api/me`, { headers: { Authorization: `Bearer ${key}` } });
  assert.equal(opened.status, 200, 'the new link opens the volunteer\'s record');

  await item.getByRole('button', { name: '出具证明' }).click();

  const certificate = page.getByTestId('certificate');
  await certificate.waitFor();
  assert.match(page.url(), /\/staff\/certificates\/HLZY-\d{4}-\d{6}$/);
  assert.match(await certificate.innerText(), new RegExp(number));
  assert.match(await page.getByTestId('certificate-total').innerText(), /^[\d.]+ 小时$/);
  assert.deepEqual(await violations(page), [], 'the certificate');
  await page.setViewportSize({ width: 320, height: 700 });
  assert.equal(await overflowsBy(page), 0, 'the certificate fits a 320 px screen');
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await close();
});

const scanWords = {
  'zh-CN': {
    kept: (code) => `已记下签到码 ${code}`, paste: '已有个人链接？请粘贴到这里', open: '打开我的报名', partial: '这不是完整的个人链接',
    chat: (link) => `我的志愿者链接：${link} 请保存`, codeField: '签到码（服务点屏幕上的 6 位数字）', checkIn: '签到', checkedIn: /已于 \d\d:\d\d 签到/,
    show: '显示、复制我的个人链接', linkField: '您的个人链接', otherBrowser: /微信里打开的网页和手机浏览器各自保存链接/,
  },
  'en-US': {
    kept: (code) => `Check-in code ${code} is kept`, paste: 'Have your personal link? Paste it here', open: 'Open my sign-ups',
    partial: 'This is not a whole personal link', chat: (link) => `My volunteer link: ${link} keep it`,
    codeField: "Check-in code (the 6 digits on the point's screen)", checkIn: 'Check in', checkedIn: /Checked in at \d\d:\d\d/,
    show: 'Show or copy my personal link', linkField: 'Your personal link', otherBrowser: /WeChat and your phone's browser each keep their own saved link/,
  },
};

for (const [locale, words] of Object.entries(scanWords)) {
  test(`a QR scan without a saved link keeps the code, asks for the link, then checks in (${locale}, 360 px)`, async () => {
    const base = shared.server.base;
    const { shift } = await findShift(base, 'free');
    const key = await registeredVolunteer(base);
    await signUp(base, key, shift.id);
    const code = rotatingCode(startShiftNow(shared.server.database, shift.id));

    // WeChat's browser scanned the code; the link was saved in the phone's other browser.
    const phone = await strictPage(shared.browser, base, { locale, viewport: { width: 360, height: 740 } });
    await phone.page.goto(`${base}/me?code=${code}`);
    await phone.page.getByText(words.kept(code)).waitFor();
    const pasteField = phone.page.getByLabel(words.paste);
    await pasteField.fill(`${base}/me#key=${key.slice(0, 30)}`);
    await phone.page.getByRole('button', { name: words.open }).click();
    await phone.page.getByRole('alert').getByText(words.partial).waitFor();
    assert.equal(await pasteField.getAttribute('aria-invalid'), 'true');
    // Pasted with the words of the chat it was kept in.
    await pasteField.fill(words.chat(`${base}/me#key=${key}`));
    await phone.page.getByRole('button', { name: words.open }).click();

    const codeField = phone.page.getByLabel(words.codeField);
    await codeField.waitFor();
    assert.equal(await codeField.inputValue(), code, 'the scanned code is still there');
    await phone.page.getByRole('button', { name: words.checkIn, exact: true }).click();
    await phone.page.getByTestId('attendance').getByText(words.checkedIn).waitFor();

    // The link can be shown again on this device, to carry it to another browser.
    await phone.page.getByText(words.show).click();
    assert.equal(await phone.page.getByRole('textbox', { name: words.linkField, exact: true }).inputValue(), `${base}/me#key=${key}`);
    await phone.page.getByText(words.otherBrowser).waitFor();
    assert.equal(await overflowsBy(phone.page), 0);
    assert.deepEqual(await violations(phone.page), [], '/me with the link shown');
    await phone.page.reload();
    await phone.page.getByTestId('attendance').waitFor();
    assert.equal(await phone.page.getByLabel(words.paste).count(), 0, 'the link is now saved here');
    assert.deepEqual(phone.problems, []);
    await phone.close();
  });
}
