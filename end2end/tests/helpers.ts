import { inflateRawSync } from 'node:zlib';
import { expect, test as base, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';

/**
 * Every test fails on an uncaught page error or a console error: a
 * hydration mismatch panics in the wasm and would otherwise only show as a
 * page that quietly stops responding.
 */
export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // Refused sign-ins answer 401/423 on purpose; Chromium logs each
        // such response as a console error that says nothing about the app.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
          errors.push(`console: ${m.text()}`);
        }
      });
      await use();
      expect(errors, errors.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export const DEMO_PASSWORD = 'Gaoyan@2026';

export const DEMO = {
  admin: '赵志明',
  unit: '钱丽华',
  institution: '孙建国',
  trainee: '李晓燕',
  inspector: '周文博',
} as const;

/** A name no other test or project uses in this run. */
export function unique(prefix: string, info: TestInfo): string {
  return `${prefix}-${info.project.name}-${Date.now().toString(36)}`.toLowerCase();
}

/** Waits until the wasm has taken over, so clicks reach the app. */
/** The page is interactive: hydrated, or a light page that has no wasm to wait for. */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"], body[data-light="true"]')).toHaveCount(1);
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  if (!test.info().project.name.includes('nojs')) {
    await hydrated(page);
  }
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Creates an account through the API as the demo admin; returns its name. */
export async function createAccount(
  request: APIRequestContext,
  username: string,
  password: string,
  role = 'trainee',
) {
  const login = await request.post('/api/login', {
    form: { username: 'admin', password: DEMO_PASSWORD },
    headers: { Accept: 'application/json' },
  });
  expect(login.ok()).toBeTruthy();
  const made = await request.post('/api/create_account', {
    form: { username, display_name: `测试${username.slice(-4)}`, role, org_id: '', password },
    headers: { Accept: 'application/json' },
  });
  expect(made.ok(), await made.text()).toBeTruthy();
}

/** Signs in afresh as `username` in the same page. */
export async function as(page: Page, username: string) {
  await page.context().clearCookies();
  await signIn(page, username);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
}

export async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

/**
 * A consequential step asks first: its first button opens the question
 * (a native disclosure), the second ("确认…") sends the form.
 */
export async function confirmStep(scope: Page | Locator, label: string, subject?: string) {
  await scope.locator('summary').filter({ hasText: new RegExp(`^${label}$`) }).click();
  const yes = subject ? `确认${label}：${subject}` : `确认${label}`;
  await scope.getByRole('button', { name: yes, exact: true }).click();
}

/** The text of one file inside a zip (an .xlsx), by its central directory. */
export function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const skip = nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.subarray(at + 46, at + 46 + nameLen).toString('utf8') === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} not found in the workbook`);
}

