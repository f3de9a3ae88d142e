// The browser tests' authenticator app: it keeps the secrets staff enrolled, per server
// (by its base address) and login, and makes their RFC 6238 codes (HMAC-SHA-1, six digits, 30-second steps)
// as a phone would. Each code is of a step not handed out before, since the server
// accepts a step once: this step's or the next (it allows one either way), or it waits.
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const enrolled = new Map();

function base32Bytes(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${text}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function codeOfStep(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, '0');
}

/// Keeps the secret an enrolment showed (base32, in groups).
export function scan(base, login, shownKey) {
  enrolled.set(`${base} ${login}`, { secret: base32Bytes(shownKey), lastStep: 0 });
}

export function hasSecondFactor(base, login) {
  return enrolled.has(`${base} ${login}`);
}

/// A fresh code for the account.
export async function oneTimeCode(base, login) {
  const account = enrolled.get(`${base} ${login}`);
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(now, account.lastStep + 1);
    if (step <= now + 1) {
      account.lastStep = step;
      return codeOfStep(account.secret, step);
    }
    await sleep(((now + 1) * 30 - Date.now() / 1000) * 1000 + 100);
  }
}
