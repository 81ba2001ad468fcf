import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { as, confirmStep, expect, open, test } from './helpers';

// Closing (R10): the demo's finished programme was sent late, returned for
// a missing signature and sent again. The admin returns it once more, the
// unit sends it again with its summary (the account locked meanwhile),
// and the admin accepts it. Each page is loaded directly.

const FINISHED = '县域医共体建设与慢病管理高级研修班';

async function programmeId(page: Page, topic: string): Promise<number> {
  const r = await page.request.post('/api/list_programmes', { headers: { Accept: 'application/json' } });
  expect(r.ok()).toBeTruthy();
  return (await r.json()).find((p: { topic: string }) => p.topic === topic).id;
}

async function decide(page: Page, decision: string, reason: string) {
  const form = page.locator('form').filter({ has: page.getByLabel('审核结论') });
  // Nothing is decided until a decision is chosen.
  await expect(form.getByLabel('审核结论')).toHaveValue('');
  await form.getByLabel('审核结论').selectOption({ label: decision });
  await form.getByLabel('意见（退回时必填）').fill(reason);
  await confirmStep(form, '记录审核结论');
  await expect(page.getByRole('status').filter({ hasText: '审核结论已记录。' })).toBeVisible();
}

test('the admin returns a late closing, the unit sends it again, the admin accepts it', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'the closing is decided once');
  await as(page, 'admin');
  const g = await programmeId(page, FINISHED);
  await open(page, `/programmes/${g}/closing`);
  await expect(page.getByRole('heading', { level: 1, name: '结项' })).toBeVisible();
  const second = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /第 2 版/ }) });
  await expect(second).toContainText('待审核');
  await expect(second).toContainText('逾期提交');
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /第 1 版/ }) }))
    .toContainText('经费决算表缺少财务负责人签字');
  // The stamped account is there to read.
  const scan = page.getByRole('link', { name: '经费决算表（盖章，财务负责人已签字）.pdf' }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), scan.click()]);
  expect(download.suggestedFilename()).toContain('.pdf');

  // Returning needs reasons.
  await decide(page, '退回修改', '请在总结报告中补充学员满意度测评结果。');
  await expect(second).toContainText('已退回');

  // The unit: the account opens again, the summary is sent again.
  await as(page, 'weijian');
  await open(page, `/programmes/${g}/closing`);
  // Why it came back is said first, and the last summary is the draft.
  await expect(page.getByRole('note').filter({ hasText: '第 2 版已被退回' })).toContainText('请在总结报告中补充学员满意度测评结果。');
  await expect(page.getByLabel('总结报告')).toHaveValue(/一、组织实施/);
  await expect(page.getByText(/已逾期 \d+ 天/)).toBeVisible();
  await page.getByLabel('总结报告').fill('研修总结（第三稿）：满意度测评有效问卷 40 份，总体满意率 95%。');
  await confirmStep(page, '提交结项材料');
  await expect(page.getByRole('status').filter({ hasText: '结项材料已提交' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /第 3 版/ }) })).toContainText('待审核');
  await expect(page.getByLabel('总结报告')).toHaveCount(0);
  // The whole package of what was sent, as one ZIP.
  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载第 3 版结项材料包（ZIP）' }).click(),
  ]);
  expect(zip.suggestedFilename()).toMatch(/^结项材料-.*-第3版\.zip$/);
  const bytes = readFileSync((await zip.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  await open(page, `/programmes/${g}/spending`);
  await expect(page.getByText(/经费支出已锁定/)).toBeVisible();
  await expect(page.getByRole('button', { name: '登记', exact: true })).toHaveCount(0);

  // The admin accepts: the programme is closed.
  await as(page, 'admin');
  await open(page, `/programmes/${g}/closing`);
  await decide(page, '通过，结项', '');
  await page.reload();
  await expect(page.getByText(/已于 .* 结项。/)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /第 3 版/ }) })).toContainText('已通过');
  await open(page, `/programmes/${g}/spending`);
  await expect(page.getByText(/已结项：经费决算为最终结果/)).toBeVisible();
});

test('an inspector reads a closing without any form to act', async ({ page }) => {
  await as(page, 'inspector');
  const g = await programmeId(page, FINISHED);
  await open(page, `/programmes/${g}/closing`);
  await expect(page.getByRole('heading', { name: '提交记录' })).toBeVisible();
  // The programme's page counts down to the closing's due day, or says it is closed.
  await open(page, `/programmes/${g}`);
  await expect(page.getByRole('heading', { level: 2, name: '结项' })).toBeVisible();
  await expect(page.getByText(/结项材料提交截止日期|已于 .* 结项。/)).toBeVisible();
  await expect(page.getByRole('link', { name: '结项材料' }).first()).toHaveAttribute('href', `/programmes/${g}/closing`);
  await open(page, `/programmes/${g}/closing`);
  await expect(page.getByLabel('审核结论')).toHaveCount(0);
  await expect(page.getByLabel('总结报告')).toHaveCount(0);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(fits, 'no sideways scrolling of the page').toBeTruthy();
});
