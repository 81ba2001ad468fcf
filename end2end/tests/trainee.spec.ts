import { type Page } from '@playwright/test';
import { DEMO_PASSWORD, as, expect, open, test } from './helpers';

// The trainee's pages stay light for phones on a venue's Wi-Fi; the
// institution projects the check-in code and keeps the roster.

const RUNNING = '铁路桥隧智能检测与养护高级研修班';

async function post(page: Page, endpoint: string, form: Record<string, string> = {}) {
  const r = await page.request.post(`/api/${endpoint}`, { form, headers: { Accept: 'application/json' } });
  expect(r.ok(), `${endpoint}: ${await r.text()}`).toBeTruthy();
  return r.json();
}

async function firstLoad(page: Page, path: string): Promise<number> {
  const finished: Promise<{ url: string; bytes: number }>[] = [];
  const listen = (req: import('@playwright/test').Request) => {
    finished.push(req.sizes().then((s) => ({ url: req.url(), bytes: s.responseBodySize + s.responseHeadersSize })));
  };
  page.on('requestfinished', listen);
  await page.goto(path, { waitUntil: 'networkidle' });
  await expect(page.locator('body')).toHaveAttribute('data-light', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  page.off('requestfinished', listen);
  const loads = await Promise.all(finished);
  expect(loads.filter((l) => /\.(wasm|js)(\?|$)/.test(l.url)).map((l) => l.url)).toEqual([]);
  const total = loads.reduce((sum, l) => sum + l.bytes, 0);
  console.log(`first load of ${path}: ${loads.length} responses, ${total} bytes`);
  return total;
}

test('every trainee page is plain HTML within 80 KB for a first load', async ({ page }) => {
  expect(await firstLoad(page, '/activate')).toBeLessThanOrEqual(80 * 1024);
  await post(page, 'login', { username: 'trainee', password: DEMO_PASSWORD });
  const home = await post(page, 'my_home');
  const g = home.programmes.find((p: { topic: string }) => p.topic === RUNNING).id;
  const course = home.today[0].course.id;
  for (const path of ['/me', `/me/programmes/${g}`, `/me/checkin/${course}`]) {
    expect(await firstLoad(page, path)).toBeLessThanOrEqual(80 * 1024);
  }
  // No sideways scrolling at the phone's width.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(wide).toBe(false);
});

test('the institution projects the code, watches the roster and marks a trainee present', async ({ page }, info) => {
  const name = info.project.name === 'phone' ? '陈思远' : '高建华';
  await as(page, 'institution');
  const programmes = await post(page, 'list_programmes');
  const g = programmes.find((p: { topic: string }) => p.topic === RUNNING).id;
  await open(page, `/programmes/${g}/attendance`);
  await expect(page.getByRole('heading', { level: 1, name: '考勤' })).toBeVisible();
  const attendance = await post(page, 'programme_attendance', { programme_id: String(g) });
  const now = Date.now() / 1000;
  const [course] = attendance.courses.find(([c]: [{ opens: number; closes: number }]) => c.opens <= now && now < c.closes);

  await open(page, `/programmes/${g}/courses/${course.id}/code`);
  await expect(page.getByRole('img', { name: course.title })).toBeVisible();
  await expect(page.locator('.countdown')).toHaveText(/^\d+$/);

  await open(page, `/programmes/${g}/courses/${course.id}`);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await row.getByLabel('补记原因').fill('手机没电，现场核验身份证');
  // The roster refreshes while check-in is open; what is typed stays.
  await page.waitForTimeout(6000);
  await expect(row.getByLabel('补记原因')).toHaveValue('手机没电，现场核验身份证');
  await row.getByRole('button', { name: '补记到场' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('补记于');
  // Opened afresh (a reload), the mark is there.
  await open(page, `/programmes/${g}/courses/${course.id}`);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('手机没电');
});
