import { expect, signIn, test } from './helpers';

test('sign-in works as a plain form without JavaScript', async ({ page }) => {
  await signIn(page, 'unit', 'Wrong-Pass-1');
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
  await signIn(page, 'unit');
  await expect(page.getByRole('heading', { name: '欢迎，钱丽华' })).toBeVisible();
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '登录高研系统' })).toBeVisible();
});

test('the language switch works without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: '切换语言' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Gaoyan' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Switch language' }).click();
  await expect(page.getByRole('heading', { name: '登录高研系统' })).toBeVisible();
});
