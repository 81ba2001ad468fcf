import { DEMO_PASSWORD, expect, test } from './helpers';

// A trainee on a phone with no script (or before it arrives) reads the
// enrollment notice and applies with a plain form.
test('a trainee applies without JavaScript and is told what to fix first', async ({ page, request }, info) => {
  const login = await request.post('/api/login', {
    form: { username: 'admin', password: DEMO_PASSWORD },
    headers: { Accept: 'application/json' },
  });
  expect(login.ok()).toBeTruthy();
  const programmes = await (await request.post('/api/list_programmes', { form: {}, headers: { Accept: 'application/json' } })).json();
  const g = programmes.find((p: any) => p.topic === '京津冀轨道交通智能运维高级研修班');
  await page.goto(`/enroll/${g.id}`);
  await expect(page.getByRole('heading', { level: 2, name: '招收学员通知' })).toBeVisible();
  const suffix = `${Date.now() % 100000}`.padStart(5, '0');
  const mobile = `1390${info.project.name === 'phone-nojs' ? 1 : 2}${suffix}0`;
  const fill = async (id: string) => {
    await page.getByLabel('姓名').fill('陈静');
    await page.getByLabel('性别').selectOption('female');
    await page.getByLabel('身份证号').fill(id);
    await page.getByLabel('手机号').fill(mobile);
    await page.getByLabel('工作单位').fill('邢台市人民医院');
    await page.getByLabel('省份').selectOption('河北省');
    await page.getByLabel('职称/职务').selectOption('mid');
    await page.getByRole('button', { name: '我要报名' }).click();
  };
  // Each project gets its own identity number (both valid, both a woman's, as the form says).
  const id = info.project.name === 'phone-nojs' ? '130602198209090045' : '130203197806150042';
  await fill(id.slice(0, 17) + (id[17] === '3' ? '4' : '3'));
  await expect(page.locator('#id_number-error')).toHaveText('身份证号校验位不正确，请核对');
  // The refused post comes back with what was typed: only the number to fix.
  await expect(page.getByLabel('姓名')).toHaveValue('陈静');
  await expect(page.getByLabel('工作单位')).toHaveValue('邢台市人民医院');
  await expect(page.getByLabel('职称/职务')).toHaveValue('mid');
  await expect(page.getByLabel('性别')).toHaveValue('female');
  await page.getByLabel('身份证号').fill(id);
  await page.getByRole('button', { name: '我要报名' }).click();
  await expect(page).toHaveURL(/applied=1/);
  await expect(page.getByRole('status')).toContainText('报名信息已收到');
});
