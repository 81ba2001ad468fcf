import { expect, signIn, test } from './helpers';

// Before the wasm arrives (or without JavaScript at all) the published plan
// reads, and a unit's proposal form still checks, saves and submits as a plain post.

test('the published plan is public and plain HTML', async ({ page, request }) => {
  await page.goto('/plan');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('高级研修项目计划');
  // The demo's changed programme is in this year's plan or the next one's.
  const plan = async (year?: number) =>
    (await request.post('/api/get_plan', { form: year ? { year: String(year) } : {}, headers: { Accept: 'application/json' } })).json();
  let year = 0;
  for (const y of (await plan()).years as number[]) {
    if ((await plan(y)).programmes.some((g: any) => g.topic === '设施农业与种业振兴高级研修班')) year = y;
  }
  await page.goto(`/plan/${year}`);
  await expect(page.getByRole('row', { name: /设施农业与种业振兴高级研修班/ })).toContainText('已变更');
  await expect(page.getByRole('link', { name: '下载 Excel' })).toHaveAttribute('href', /\/plan\/\d{4}\/xlsx$/);
});

test('a unit saves a draft with only its title and submits what is typed, without JavaScript', async ({ page }, info) => {
  await signIn(page, 'unit');
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/proposals');
  await page.locator('section.call').first().getByRole('link', { name: '新建选题' }).click();
  const year = new URL(page.url()).searchParams.get('year');
  const title = `无脚本选题-${info.project.name}-${Date.now().toString(36)}`;
  // A title is enough for a draft, which then lists what it lacks.
  await page.getByLabel('选题名称').fill(title);
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/proposals\/\d+\?done=proposal_saved$/);
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const missing = page.locator('section.still-missing');
  await expect(missing.getByRole('heading', { name: '提交前还需完善' })).toBeVisible();
  await expect(missing).toContainText('计划人数：必填');
  await expect(missing).toContainText('学时');
  const fill = async (hours: string) => {
    await page.getByLabel('选题名称').fill(title);
    await page.locator('fieldset').first().getByRole('checkbox').first().check();
    await page.getByLabel('选题针对').selectOption('urgent');
    await page.getByLabel('需求说明').fill('需要总结的问题。');
    await page.getByLabel('承办机构').selectOption({ index: 1 });
    await page.getByLabel('开始日期').fill(`${year}-03-02`);
    await page.getByLabel('结束日期').fill(`${year}-03-06`);
    await page.getByLabel('举办地点').fill('石家庄市');
    await page.getByLabel('计划人数').fill('40');
    await page.getByLabel('学时').fill(hours);
    await page.getByLabel('讲课费').fill('1000');
    await page.getByLabel('政府投入').fill('1000');
    await page.getByLabel('联系人').fill('王明');
    await page.getByLabel('联系电话').fill('13800001111');
    await page.getByRole('button', { name: '提交申报' }).click();
  };
  // Submitting checks what was typed, beside its field; nothing changes.
  await fill('31');
  await expect(page.locator('#class_hours-error')).toHaveText('不少于 32');
  await page.goto(page.url().replace(/\?.*$/, ''));
  await expect(page.locator('.badge.draft')).toHaveText('草稿');
  await fill('32');
  await expect(page.locator('.badge.submitted')).toHaveText('已提交');
  await expect(page.getByRole('status').filter({ hasText: '已提交申报' })).toBeVisible();
  await expect(page.locator('dl.facts')).toContainText('40');
});

test('the plan links a programme that enrolls now to its notice, and reads as cards on a phone', async ({ page, request }, info) => {
  const plan = async (year?: number) =>
    (await request.post('/api/get_plan', { form: year ? { year: String(year) } : {}, headers: { Accept: 'application/json' } })).json();
  const topic = '京津冀轨道交通智能运维高级研修班';
  let year = 0;
  for (const y of (await plan()).years as number[]) {
    if ((await plan(y)).programmes.some((g: any) => g.topic === topic)) year = y;
  }
  await page.goto(`/plan/${year}`);
  const row = page.getByRole('row', { name: new RegExp(topic) });
  const link = row.getByRole('link', { name: /招生中，报名截止 \d{4}-\d{2}-\d{2}/ });
  await expect(link).toHaveAttribute('href', /^\/enroll\/\d+$/);
  // A programme that has run offers no application.
  await expect(page.getByRole('link', { name: /招生中/ })).toHaveCount(1);
  if (info.project.name.startsWith('phone')) {
    await expect(page.locator('table.plan thead')).toHaveCSS('position', 'absolute');
    await expect(row).toHaveCSS('display', 'block');
  }
  await link.click();
  await expect(page.getByRole('heading', { level: 2, name: '招收学员通知' })).toBeVisible();
  await expect(page.locator('dl.facts')).toContainText('人，其中省内');
});
