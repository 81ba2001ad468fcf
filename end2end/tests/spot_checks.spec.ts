import { as, expect, open, test } from './helpers';

// Random spot checks (R16): the inspector draws programmes of a year; the
// draw shows its seed and population and verifies again after a reload.

test('an inspector draws a spot check that verifies again after a reload', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'one draw is enough');
  await as(page, 'inspector');
  await open(page, '/admin/spot-checks');
  await expect(page.getByRole('heading', { level: 1, name: '随机抽查' })).toBeVisible();
  // The demo's own draw is there already.
  await expect(page.getByText('年度经费使用专项抽查（第一批）')).toBeVisible();

  // Asking for more than there are is refused with the count.
  await page.getByLabel('抽取范围').selectOption('all');
  await page.getByLabel('抽取项目数').fill('500');
  await page.getByRole('button', { name: '抽取', exact: true }).click();
  await expect(page.getByText(/抽取数量不能多于总体：符合条件的项目共 \d+ 个/)).toBeVisible();

  await page.getByLabel('抽取项目数').fill('２');
  await page.getByLabel('说明（可选，如抽查批次、重点）').fill('浏览器测试抽查');
  await page.getByRole('button', { name: '抽取', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已抽取，结果已记录。' })).toBeVisible();
  const draw = page.getByRole('region').filter({ hasText: '浏览器测试抽查' }).first();
  await expect(draw).toContainText('复核一致');
  const seed = await draw.locator('dd code').textContent();
  expect(seed).toMatch(/^\d{1,20}$/);

  await page.reload();
  const again = page.getByRole('region').filter({ hasText: '浏览器测试抽查' }).first();
  await expect(again).toContainText('复核一致');
  await expect(again.locator('dd code')).toHaveText(seed!);
  await expect(again.getByRole('table')).toHaveCount(1);
  await expect(again.getByRole('row')).toHaveCount(3);
});
