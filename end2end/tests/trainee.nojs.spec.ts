import { createHash } from 'node:crypto';
import { type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, test } from './helpers';

// A trainee the institution imported, on a phone with no script at all:
// activates the account with the slip's code, signs in with the mobile
// number, checks in by opening the projected code's link, and reads the
// schedule. Each project takes its own imported trainee (a code works once).

const RUNNING = '铁路桥隧智能检测与养护高级研修班';
const PASSWORD = 'Qiaosui#2026ok';

async function staff(request: APIRequestContext, username: string) {
  const r = await request.post('/api/login', {
    form: { username, password: DEMO_PASSWORD },
    headers: { Accept: 'application/json' },
  });
  expect(r.ok(), await r.text()).toBeTruthy();
}

async function api(request: APIRequestContext, endpoint: string, form: Record<string, string>) {
  const r = await request.post(`/api/${endpoint}`, { form, headers: { Accept: 'application/json' } });
  expect(r.ok(), `${endpoint}: ${await r.text()}`).toBeTruthy();
  return r.json();
}

async function runningProgramme(request: APIRequestContext): Promise<number> {
  const programmes = await api(request, 'list_programmes', {});
  return programmes.find((p: { topic: string }) => p.topic === RUNNING).id;
}

async function noScript(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-light', 'true');
  await expect(page.locator('script[src], link[href$=".wasm"]')).toHaveCount(0);
}

test('an imported trainee activates, signs in, checks in and reads the schedule', async ({ page, playwright, baseURL }, info) => {
  const [name, mobile] = info.project.name === 'phone-nojs' ? ['杨志强', '13900139004'] : ['马丽娜', '13900139003'];
  const institution = await playwright.request.newContext({ baseURL });
  await staff(institution, 'institution');
  const g = await runningProgramme(institution);
  const slips = await api(institution, 'activation_slips', { programme_id: String(g) });
  const slip = slips.slips.find((s: { name: string }) => s.name === name).state.Code;
  expect(slip.username).toBe(mobile);
  expect(slip.qr_svg).toContain('<svg');
  const code: string = slip.code;

  // The slip's QR code opens the page with the code filled in.
  await page.goto(`/activate?code=${code}`);
  await noScript(page);
  await expect(page.getByLabel('激活码')).toHaveValue(code);
  // A mistyped confirmation comes back with the code still there.
  await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认新密码').fill(`${PASSWORD}x`);
  await page.getByRole('button', { name: '激活并登录' }).click();
  await expect(page.locator('#confirm_password-error')).not.toBeEmpty();
  await expect(page.getByLabel('激活码')).toHaveValue(code);
  await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认新密码').fill(PASSWORD);
  await page.getByRole('button', { name: '激活并登录' }).click();
  await expect(page).toHaveURL(/\/me\?activated=1$/);
  await noScript(page);
  await expect(page.getByRole('status')).toContainText(mobile);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  // Later, signing in with the mobile number leads home.
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('用户名').fill(mobile);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole('heading', { level: 2, name: '待办' })).toBeVisible();
  await expect(page.locator('ul.due')).toContainText('签到已开放');

  // The projector's code, as the phone's camera reads it.
  const home = await (await page.request.post('/api/my_home', { form: {}, headers: { Accept: 'application/json' } })).json();
  const course = home.check_in_due[0].course.id;
  const shown = await api(institution, 'checkin_code', { course_id: String(course) });
  expect(shown.svg).toContain('<svg');
  await page.goto(shown.link);
  await expect(page).toHaveURL(new RegExp(`/me/checkin/${course}$`));
  await noScript(page);
  const status = page.getByRole('status');
  await expect(status).toContainText('已签到');
  const at = await status.textContent();
  // A second scan says so again, with the same time.
  await page.goto(shown.link);
  await expect(page.getByRole('status')).toHaveText(at ?? '');
  // Home no longer lists it as to do, only the paper; the schedule marks
  // the check-in.
  await page.goto('/me');
  await expect(page.locator('ul.due')).not.toContainText('签到已开放');
  await expect(page.locator('ul.due')).toContainText('研修论文待提交');
  await page.getByRole('link', { name: '查看课程表' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/me/programmes/${g}$`));
  await noScript(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(RUNNING);
  await expect(page.locator('li.current')).toContainText('已签到');

  // The paper, uploaded by the plain form; the receipt names its SHA-256.
  await page.getByRole('link', { name: '研修论文' }).click();
  await expect(page).toHaveURL(new RegExp(`/me/papers/${g}$`));
  await expect(page.locator('link[href$=".wasm"], script[src*="/pkg/"]')).toHaveCount(0);
  const paper = Buffer.from(`%PDF-1.4\n% ${name}的研修论文\n%%EOF\n`);
  const sha = createHash('sha256').update(paper).digest('hex');
  // A picture named as a PDF is refused by its content.
  await page.getByLabel('选择论文文件').setInputFiles({ name: '论文.pdf', mimeType: 'application/pdf', buffer: Buffer.from('\x89PNG\r\n\x1a\n0000') });
  await page.getByRole('button', { name: '提交论文' }).click();
  await expect(page.getByRole('alert')).toContainText('看的是文件内容');
  await page.getByLabel('选择论文文件').setInputFiles({ name: `${name}-论文.pdf`, mimeType: 'application/pdf', buffer: paper });
  await page.getByRole('button', { name: '提交论文' }).click();
  await expect(page).toHaveURL(new RegExp(`/me/papers/${g}\\?receipt=1$`));
  const receipt = page.getByRole('status');
  await expect(receipt).toContainText('提交成功');
  await expect(receipt).toContainText(sha);
  await expect(receipt).toContainText(`${name}-论文.pdf`);

  // The survey, open since the first evening: a plain form of radio
  // buttons, answered once.
  await page.goto('/me');
  await expect(page.locator('ul.due')).not.toContainText('研修论文待提交');
  await page.getByRole('link', { name: '满意度测评待填写' }).click();
  await expect(page).toHaveURL(new RegExp(`/me/surveys/${g}$`));
  await noScript(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('满意度测评');
  await expect(page.getByText('匿名填写')).toBeVisible();
  const questions = page.locator('fieldset.question');
  const count = await questions.count();
  expect(count).toBeGreaterThan(8);
  for (let i = 0; i < count; i++) {
    const radios = questions.nth(i).getByRole('radio');
    if ((await radios.count()) > 0) {
      await radios.first().check();
    }
  }
  await page.getByRole('group', { name: /总体满意度/ }).getByLabel('4 满意').check();
  await page.getByLabel(/意见和建议/).fill('桥隧检测的现场教学很实用');
  await page.getByRole('button', { name: '提交答卷' }).click();
  await expect(page).toHaveURL(new RegExp(`/me/surveys/${g}\\?done=1$`));
  await expect(page.getByRole('status')).toContainText('提交成功');
  // Opened again, it says it is done and offers no second form.
  await page.goto(`/me/surveys/${g}`);
  await expect(page.getByText('您已提交本期测评')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交答卷' })).toHaveCount(0);
  await page.goto('/me');
  await expect(page.locator('ul.due')).toHaveCount(0);

  // The institution's roster has the time, and its paper list the paper.
  const roster = await api(institution, 'course_roster', { course_id: String(course) });
  expect(roster.rows.find((r: { name: string }) => r.name === name).at).not.toBeNull();
  const papers = await api(institution, 'paper_overview', { programme_id: String(g) });
  const row = papers.rows.find((r: { name: string }) => r.name === name);
  expect(row.state).toBe('OnTime');
  expect(row.last.sha256).toBe(sha);
  await institution.dispose();
});

test('an old or forwarded code is refused with its reason', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名').fill('trainee');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/me$/);
  const home = await (await page.request.post('/api/my_home', { form: {}, headers: { Accept: 'application/json' } })).json();
  const course = home.today[0].course.id;
  // A code of an hour ago (its signature is another step's).
  await page.goto(`/checkin/${course}/1/00000000000000000000`);
  await expect(page).toHaveURL(new RegExp(`/me/checkin/${course}\\?refused=forged$`));
  await expect(page.getByRole('alert')).toContainText('无法识别该签到码');
});
