// Staff accounts for browser tests: made with the server's own `create-staff` command,
// signed in through the console's form.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

export const STAFF_PASSWORD = 'lei feng 2026 coordinator';

/// Creates an account on the test server's database; `args` gives the role.
export function createStaff(server, login, args, name = '测试协调员') {
  const created = spawnSync(
    process.env.HULI_SERVER_BIN,
    ['--database-url', `sqlite://${server.database}`, 'create-staff', '--login', login, '--name', name, ...args],
    { input: `${STAFF_PASSWORD}\n`, encoding: 'utf8' },
  );
  assert.equal(created.status, 0, created.stderr);
}

/// Signs in on the console's form, wherever the page shows it.
/// Signs in through the form, in whichever language the page is in.
export async function signIn(page, login) {
  await page.locator('#staff-login').fill(login);
  await page.locator('#staff-password').fill(STAFF_PASSWORD);
  await page.getByTestId('staff-sign-in').locator('button[type="submit"]').click();
  await page.getByTestId('staff-who').waitFor();
}
