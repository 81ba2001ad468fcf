import { as, confirmStep, expect, hydrated, open, test, zipEntry } from './helpers';

test('the whole planning cycle: call, proposal, selection, published plan, change', async ({ page }, info) => {
  test.setTimeout(120_000);
  // The admin opens the call, for a year no other run or project has
  // used (the projects run side by side: one takes odd years, one even).
  await as(page, 'admin');
  await open(page, '/admin/calls');
  const taken = new Set(
    (await page.locator('tbody td:first-child a').allTextContents()).map(Number),
  );
  let year = 2031 + (info.project.name === 'phone' ? 1 : 0);
  while (taken.has(year)) year += 2;
  const title = `数字经济人才高级研修班-${info.project.name}-${year}`;
  await page.getByLabel('年度').fill(String(year));
  await page.getByLabel('截止日期').fill(`${year - 1}-12-31`);
  await page.getByLabel('截止时刻（北京时间）').fill('17:00');
  await page.getByLabel('申报指南').fill('围绕数字经济征集选题。');
  await page.getByRole('button', { name: '发布选题征集' }).click();
  await expect(page.getByRole('link', { name: String(year), exact: true })).toBeVisible();
  await open(page, `/admin/calls/${year}`);
  await page.getByLabel('领域类别').selectOption('frontier');
  await page.getByLabel('领域名称').fill('人工智能');
  await page.getByRole('button', { name: '添加领域' }).click();
  await expect(page.locator('ul.areas')).toContainText('人工智能');

  // The unit proposes, watching the live class-hour and budget checks.
  await as(page, 'unit');
  await open(page, '/proposals');
  await page.locator(`section.call a[href="/proposals/new?year=${year}"]`).click();
  await hydrated(page);
  await page.getByLabel('选题名称').fill(title);
  await page.getByLabel(/人工智能/).check();
  await page.getByLabel('选题针对').selectOption('urgent');
  await page.getByLabel('需求说明').fill('数字经济发展中亟待解决的人才问题。');
  await page.getByLabel('承办机构').selectOption({ label: '石家庄铁道大学继续教育学院' });
  await page.getByLabel('开始日期').fill(`${year + 1}-05-10`);
  await page.getByLabel('结束日期').fill(`${year}-05-15`);
  await expect(page.locator('#dates-live')).toHaveText(`须在 ${year} 年内`);
  await page.getByLabel('开始日期').fill(`${year}-05-10`);
  await expect(page.locator('#dates-live')).toHaveText('共 6 天');
  await page.getByLabel('举办地点').fill('石家庄市');
  await page.getByLabel('计划人数').fill('60');
  const hours = page.getByLabel('学时');
  await hours.fill('31');
  await expect(page.locator('#class_hours-live')).toHaveText('共 31 学时，还差 1 学时才达到 32 学时');
  await hours.fill('32');
  await expect(page.locator('#class_hours-live')).toHaveText('共 32 学时，符合不少于 32 学时的要求');
  await page.getByLabel('住宿费').fill('30000');
  await page.getByLabel('讲课费').fill('20000');
  await page.getByLabel('政府投入').fill('40000');
  await page.getByLabel('单位自筹').fill('9999.99');
  await expect(page.locator('#budget-live')).toHaveText('经费来源合计比支出合计少 0.01 元');
  await page.getByLabel('单位自筹').fill('10000');
  await expect(page.locator('#budget-live')).toContainText('经费来源与支出合计一致');
  await page.getByLabel('联系人').fill('王明');
  await page.getByLabel('联系电话').fill('0311-86001234');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/proposals\/\d+\?done=proposal_saved$/);
  await expect(page.locator('.badge.draft')).toHaveText('草稿');
  await expect(page.locator('section.still-missing')).toContainText('内容已完整，可以提交申报。');
  // Submitting sends what is on the screen, not the older saved version.
  await hydrated(page);
  await page.getByLabel('计划人数').fill('61');
  await page.getByRole('button', { name: '提交申报' }).click();
  await expect(page.locator('.badge.submitted')).toHaveText('已提交');
  await expect(page.getByRole('status').filter({ hasText: '已提交申报' })).toBeVisible();
  await expect(page.locator('dl.facts')).toContainText('61');

  // The admin closes the call, selects in bulk after a preview, publishes.
  await as(page, 'admin');
  await open(page, `/admin/calls/${year}`);
  await confirmStep(page, '关闭征集');
  await expect(page.locator('.call-state')).toHaveText('已截止');
  await open(page, `/admin/proposals?year=${year}&status=submitted`);
  await page.getByRole('checkbox', { name: title }).check();
  await page.getByLabel('评审结果').selectOption('select');
  await page.getByRole('button', { name: '预览将要执行的变更' }).click();
  await expect(page.locator('section.preview')).toContainText(`${title}：已提交 → 入选`);
  await hydrated(page);
  await page.getByRole('button', { name: '确认执行 (1)' }).click();
  await expect(page.locator('section.preview [role=status]')).toHaveText('已保存。');
  await open(page, `/admin/calls/${year}`);
  await confirmStep(page, '发布年度计划');
  await expect(page.locator('.call-state')).toHaveText('计划已发布');

  // Anyone reads the plan and downloads it.
  await page.context().clearCookies();
  await open(page, `/plan/${year}`);
  const row = page.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText(`${year}-05-10 – ${year}-05-15`);
  await expect(row).toContainText('石家庄市人力资源和社会保障局');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`gaoyan-plan-${year}.xlsx`);
  const path = await download.path();
  const fs = await import('node:fs');
  const strings = zipEntry(fs.readFileSync(path), 'xl/sharedStrings.xml');
  expect(strings).toContain(title);
  expect(strings).toContain(`${year}-05-10 至 ${year}-05-15`);

  // The unit asks to move it; the admin approves; the plan follows.
  await as(page, 'unit');
  await open(page, '/programmes');
  await page.getByRole('link', { name: title }).click();
  await hydrated(page);
  await page.getByLabel('开始日期').fill(`${year}-06-07`);
  await page.getByLabel('结束日期').fill(`${year}-06-12`);
  await page.getByLabel('理由').fill('原定场地改造施工');
  await page.getByRole('button', { name: '提交变更申请' }).click();
  await expect(page.locator('ul.history')).toContainText('待审批');
  const programme = page.url();

  await as(page, 'admin');
  await open(page, new URL(programme).pathname);
  await page.getByLabel('评审结果').selectOption('true');
  await confirmStep(page, '提交评审结果');
  await expect(page.locator('.programme-dates')).toHaveText(`${year}-06-07 – ${year}-06-12`);
  await expect(page.locator('ul.history')).toContainText('已批准');

  await page.context().clearCookies();
  await open(page, `/plan/${year}`);
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText(`${year}-06-07 – ${year}-06-12`);
  await expect(page.locator('section.changes')).toContainText(`${year}-05-10 – ${year}-05-15`);
});

for (const path of ['/plan', '/login', '/courseware', 'enroll']) {
  test(`${path} is plain HTML: no wasm or script, at most 80 KB for a first load`, async ({ page, request }) => {
    let target = path;
    if (path === 'enroll') {
      const plan = await (await request.post('/api/get_plan', { form: {}, headers: { Accept: 'application/json' } })).json();
      target = `/enroll/${plan.programmes[0].id}`;
    }
    const finished: Promise<{ url: string; bytes: number }>[] = [];
    page.on('requestfinished', (req) => {
      finished.push(req.sizes().then((s) => ({ url: req.url(), bytes: s.responseBodySize + s.responseHeadersSize })));
    });
    await page.goto(target, { waitUntil: 'networkidle' });
    await expect(page.locator('body')).toHaveAttribute('data-light', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const loads = await Promise.all(finished);
    expect(loads.filter((l) => /\.(wasm|js)(\?|$)/.test(l.url)).map((l) => l.url)).toEqual([]);
    const total = loads.reduce((sum, l) => sum + l.bytes, 0);
    console.log(`first load of ${target}: ${loads.length} responses, ${total} bytes`);
    expect(total).toBeLessThanOrEqual(80 * 1024);
  });
}

test('staff sign in on the light page and land in the app', async ({ page }) => {
  await as(page, 'admin');
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.locator('body[data-light]')).toHaveCount(0);
});
