import { DEMO, createAccount, expect, hydrated, signIn, test, unique } from './helpers';

test('every role signs in and sees only its own navigation', async ({ page }) => {
  for (const [username, name] of Object.entries(DEMO)) {
    await signIn(page, username);
    const nav = page.getByRole('navigation', { name: '菜单' });
    const seesAdmin = username === 'admin' || username === 'inspector';
    if (username === 'trainee') {
      // A trainee lands on the light home made for phones, with the
      // check-in open now among what is due.
      await expect(page).toHaveURL(/\/me$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(page.locator('ul.due li').first()).toContainText('签到已开放');
    } else {
      await expect(page.getByRole('heading', { name: `欢迎，${name}` })).toBeVisible();
      // Every demo role finds something waiting for it, each a link.
      const todo = page.getByRole('region', { name: '待办事项' });
      await expect(todo.getByRole('listitem').first()).toBeVisible();
      await expect(todo.getByRole('listitem').first().getByRole('link')).toHaveAttribute('href', /^\//);
    }
    await expect(nav.getByRole('link', { name: '审计日志' })).toHaveCount(seesAdmin ? 1 : 0);
    await hydrated(page);
    await page.getByRole('button', { name: '退出' }).click();
    await expect(page.getByRole('heading', { name: '登录高研系统' })).toBeVisible();
  }
});

test('five wrong passwords lock the account and say until when', async ({ page, request }, info) => {
  const username = unique('lock', info);
  await createAccount(request, username, 'Initial-Pass-1');
  for (let i = 0; i < 4; i++) {
    await signIn(page, username, 'Wrong-Pass-1');
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
  }
  await signIn(page, username, 'Wrong-Pass-1');
  await expect(page.getByRole('alert')).toContainText('账号已锁定');
  await expect(page.getByRole('alert')).toContainText('(UTC+8)');
  // The right password is refused too while the lock lasts.
  await signIn(page, username, 'Initial-Pass-1');
  await expect(page.getByRole('alert')).toContainText('账号已锁定');

  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { name: `欢迎，${DEMO.admin}` })).toBeVisible();
  await page.goto(`/admin/audit?action=lockout&actor=${username}`);
  await expect(page.getByRole('cell', { name: '账号锁定' })).toHaveCount(1);
});

test('the admin creates an organisation and an account', async ({ page }, info) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: '机构管理' }).click();
  await expect(page.getByRole('heading', { name: '机构管理' })).toBeVisible();
  await hydrated(page);
  const orgName = `测试学院${unique('o', info)}`;
  await page.getByLabel('名称').fill(orgName);
  await page.getByLabel('类型').selectOption({ label: '承办机构' });
  await page.getByLabel('所属申报单位').selectOption({ label: '邯郸市人力资源和社会保障局' });
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.getByRole('cell', { name: orgName })).toBeVisible();

  // The form empties after it made one, so a second press makes no twin.
  await expect(page.getByLabel('名称')).toHaveValue('');
  // Leaving the parent out is refused beside the field.
  await page.getByLabel('名称').fill(`${orgName}二`);
  await page.getByLabel('类型').selectOption({ label: '承办机构' });
  await page.getByLabel('所属申报单位').selectOption({ label: '（无）' });
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.getByText('承办机构须关联一个申报单位')).toBeVisible();

  // The refused name is still only on the screen: leaving asks first.
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.accept();
  });
  await page.getByRole('link', { name: '账号管理' }).click();
  await expect.poll(() => asked).toContain('尚未保存');
  await expect(page.getByRole('heading', { name: '账号管理' })).toBeVisible();
  await hydrated(page);
  const username = unique('acct', info);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('姓名').fill('王承办');
  await page.getByLabel('角色').selectOption({ label: '承办机构' });
  await page.getByLabel('机构').selectOption({ label: orgName });
  await page.getByLabel('初始密码').fill('Initial-Pass-1');
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.getByRole('cell', { name: username })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(username) })).toContainText('待改密');
});

test('a new account must change its password before anything else', async ({ page, request }, info) => {
  const username = unique('new', info);
  await createAccount(request, username, 'Initial-Pass-1');
  await signIn(page, username, 'Initial-Pass-1');
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByText('这是管理员为您设置的初始密码')).toBeVisible();
  await hydrated(page);
  await page.getByLabel('当前密码').fill('Initial-Pass-1');
  await page.getByLabel('新密码', { exact: true }).fill('weakweak');
  await page.getByLabel('确认新密码').fill('weakweak');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('须包含小写字母、大写字母、数字、符号中的至少三类')).toBeVisible();
  await page.getByLabel('新密码', { exact: true }).fill('My-Own-Pass-9');
  await page.getByLabel('确认新密码').fill('My-Own-Pass-9');
  await page.getByRole('button', { name: '保存' }).click();
  // A trainee account: its home is the phone page.
  const home = page.getByRole('heading', { level: 1, name: `测试${username.slice(-4)}` });
  await expect(home).toBeVisible();
  await expect(page).toHaveURL(/\/me$/);

  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '登录高研系统' })).toBeVisible();
  await signIn(page, username, 'My-Own-Pass-9');
  await expect(home).toBeVisible();
});

test('the language switch changes the page and is remembered', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: '切换语言' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Gaoyan' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to Gaoyan' })).toBeVisible();
  await expect(page.getByLabel('User name')).toBeVisible();
  await hydrated(page);
  await page.getByRole('button', { name: 'Switch language' }).click();
  await expect(page.getByRole('heading', { name: '登录高研系统' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the audit page lists sign-ins and filters them', async ({ page }) => {
  await signIn(page, 'inspector');
  await expect(page.getByRole('heading', { name: /^欢迎/ })).toBeVisible();
  await page.getByRole('link', { name: '审计日志' }).click();
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await page.getByLabel('操作', { exact: true }).selectOption({ label: '登录' });
  await page.getByLabel('操作人').fill('inspector');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/action=login/);
  // Retrying assertions: the filtered table replaces the unfiltered one.
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toContainText('inspector');
  await expect(rows.filter({ hasNotText: 'inspector' })).toHaveCount(0);
  await expect(rows.filter({ hasNotText: '登录' })).toHaveCount(0);
});
