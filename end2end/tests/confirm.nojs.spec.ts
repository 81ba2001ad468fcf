import { createAccount, expect, signIn, test, unique } from './helpers';

// A consequential step asks before it acts, and the question works as
// plain HTML: the first button only opens it, nothing is sent until the
// second.
test('deactivating an account asks first, without JavaScript too', async ({ page, request }, info) => {
  const username = unique('confirm', info);
  await createAccount(request, username, 'Initial-Pass-1');
  await signIn(page, 'admin');
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/admin/accounts');
  const row = page.getByRole('row', { name: new RegExp(username) });
  const yes = row.getByRole('button', { name: `确认停用：测试${username.slice(-4)}` });
  await expect(yes).toBeHidden();
  await row.locator('summary').filter({ hasText: /^停用$/ }).click();
  await expect(row).toContainText('停用后该账号不能登录');
  await expect(row).toContainText('正常');
  await yes.click();
  await expect(page.getByRole('row', { name: new RegExp(username) })).toContainText('已停用');
});
