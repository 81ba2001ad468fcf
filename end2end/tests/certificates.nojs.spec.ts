import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { DEMO, expect, signIn, test } from './helpers';

// The demo trainee finds her certificate with her result on the phone,
// and a visitor with no script at all verifies it twice: by number and
// name typed into /verify, and by the QR code's link. A wrong name gets
// the one answer that gives nothing away.

const FINISHED = '县域医共体建设与慢病管理高级研修班';

async function noScript(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-light', 'true');
  await expect(page.locator('script[src], link[href$=".wasm"]')).toHaveCount(0);
}

test('the trainee reads her certificate and a visitor verifies it', async ({ page, browser }) => {
  await signIn(page, 'trainee');
  await expect(page).toHaveURL(/\/me$/);
  await page.getByRole('link', { name: '考核结果：合格' }).click();
  const result = page.getByRole('region', { name: '考核结果' });
  await expect(result.getByText('合格').first()).toBeVisible();
  const facts = result.locator('dl.facts').last();
  const number = (await facts.locator('dd').first().innerText()).trim();
  expect(number).toMatch(/^冀高研〔\d{4}〕第\d{4}号$/);
  await expect(result.getByText('有效')).toBeVisible();
  const link = await result.getByRole('link', { name: '查验页面' }).getAttribute('href');
  expect(link).toMatch(/^\/verify\/[0-9a-f]{32}$/);
  // She saves the certificate as a PDF to print herself.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    result.getByRole('link', { name: /下载证书/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`结业证书-${number}.pdf`);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeLessThan(200 * 1024);

  const visitor = await browser.newPage({ javaScriptEnabled: false });
  await visitor.goto('/verify');
  await noScript(visitor);
  await visitor.getByLabel('证书编号').fill(number);
  await visitor.getByLabel('持证人姓名').fill('王小明');
  await visitor.getByRole('button', { name: '查验' }).click();
  await expect(visitor.getByRole('alert')).toContainText('未找到');
  await visitor.getByLabel('持证人姓名').fill(DEMO.trainee);
  await visitor.getByRole('button', { name: '查验' }).click();
  const verdict = visitor.getByRole('status');
  await expect(verdict).toContainText('有效');
  await expect(verdict).toContainText(FINISHED);
  await expect(verdict).toContainText('李*燕');
  await expect(verdict).not.toContainText(DEMO.trainee);

  await visitor.goto(link!);
  await noScript(visitor);
  await expect(visitor.getByRole('status')).toContainText(number);
  await visitor.close();
});
