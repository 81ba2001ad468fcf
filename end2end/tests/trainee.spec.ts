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

// `scripts`: the one small script a page may have (the paper's progress).
async function firstLoad(page: Page, path: string, scripts: string[] = []): Promise<number> {
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
  const code = loads.filter((l) => /\.(wasm|js)(\?|$)/.test(l.url)).map((l) => new URL(l.url).pathname);
  expect(code).toEqual(scripts);
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
  expect(await firstLoad(page, `/me/papers/${g}`, ['/paper-upload.js'])).toBeLessThanOrEqual(80 * 1024);
  expect(await firstLoad(page, `/me/surveys/${g}`)).toBeLessThanOrEqual(80 * 1024);
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

test('the institution sets the paper and sees who submitted', async ({ page }) => {
  await as(page, 'institution');
  const programmes = await post(page, 'list_programmes');
  const g = programmes.find((p: { topic: string }) => p.topic === RUNNING).id;
  await open(page, `/programmes/${g}/papers`);
  await expect(page.getByRole('heading', { level: 1, name: '研修论文' })).toBeVisible();
  await expect(page.getByLabel('论文主题')).toHaveValue(/铁路桥隧/);
  await page.getByLabel('文件大小上限（MB，1–50）').fill('60');
  await page.getByRole('button', { name: '保存论文要求' }).click();
  await expect(page.locator('#max_mb-error')).not.toBeEmpty();
  await page.getByLabel('文件大小上限（MB，1–50）').fill('25');
  await page.getByRole('button', { name: '保存论文要求' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  await open(page, `/programmes/${g}/papers`);
  await expect(page.getByLabel('文件大小上限（MB，1–50）')).toHaveValue('25');
  await expect(page.getByRole('link', { name: '下载全部论文（ZIP）' })).toHaveAttribute('href', `/programmes/${g}/papers.zip`);

  // The programme that has run: the demo trainee's revision, on time.
  await as(page, 'hebmu');
  const theirs = await post(page, 'list_programmes');
  const done = theirs.find((p: { topic: string }) => p.topic === '县域医共体建设与慢病管理高级研修班').id;
  await open(page, `/programmes/${done}/papers`);
  const row = page.getByRole('row', { name: /李晓燕/ });
  await expect(row).toContainText('按时提交');
  await expect(row.getByRole('link', { name: /修改稿/ })).toBeVisible();
  const download = await page.request.get(await row.getByRole('link', { name: /修改稿/ }).getAttribute('href') ?? '');
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('the institution reads its survey\'s statistics and the admin keeps the questionnaire', async ({ page }) => {
  // The programme that has run: 30 answers, statistics and the table.
  await as(page, 'hebmu');
  const theirs = await post(page, 'list_programmes');
  const done = theirs.find((p: { topic: string }) => p.topic === '县域医共体建设与慢病管理高级研修班').id;
  await open(page, `/programmes/${done}/survey`);
  await expect(page.getByRole('heading', { level: 1, name: '满意度测评' })).toBeVisible();
  await expect(page.locator('dl.facts')).toContainText('已结束');
  await expect(page.locator('dl.facts')).toContainText('30 / 36');
  const overall = page.getByRole('row', { name: /对本期研修的总体满意度/ });
  await expect(overall).toContainText('30');
  await expect(overall.getByRole('img')).toHaveAttribute('aria-label', /5 很满意 \d+/);
  await expect(page.getByRole('heading', { name: '授课专家评价' })).toBeVisible();
  await expect(page.getByRole('row', { name: /远程会诊与双向转诊/ })).toBeVisible();
  await expect(page.locator('ul.comments li').first()).toBeVisible();
  const table = page.getByRole('link', { name: '下载满意度测评统计表（Excel）' });
  const xlsx = await page.request.get((await table.getAttribute('href')) ?? '');
  expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

  // The programme under way: open, nothing shown below five answers.
  await as(page, 'institution');
  const programmes = await post(page, 'list_programmes');
  const g = programmes.find((p: { topic: string }) => p.topic === RUNNING).id;
  await open(page, `/programmes/${g}/survey`);
  await expect(page.locator('dl.facts')).toContainText('进行中');
  await expect(page.getByText('满 5 份答卷后显示统计')).toBeVisible();
  // Closing asks first; the question says what closing does.
  await page.locator('summary').filter({ hasText: /^结束测评$/ }).click();
  await expect(page.getByText('结束后学员不能再答卷。')).toBeVisible();
  await expect(page.getByRole('button', { name: '确认结束测评' })).toBeVisible();

  // The admin's questionnaire: versions, and an item added as version 2.
  await as(page, 'admin');
  await open(page, '/admin/survey');
  await expect(page.getByRole('heading', { level: 1, name: '标准测评问卷' })).toBeVisible();
  await expect(page.getByRole('row', { name: /v1/ })).toBeVisible();
});
