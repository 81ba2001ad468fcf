import { type APIRequestContext } from '@playwright/test';
import { as, confirmStep, DEMO_PASSWORD, expect, hydrated, open, test, zipEntry } from './helpers';
import { workbook } from './xlsx';

const JSON_ACCEPT = { Accept: 'application/json' };

async function api(ctx: APIRequestContext, fn: string, form: Record<string, string>) {
  const r = await ctx.post(`/api/${fn}`, { form, headers: JSON_ACCEPT });
  const text = await r.text();
  expect(r.ok(), `${fn}: ${text}`).toBeTruthy();
  return JSON.parse(text);
}

async function signedIn(playwright: any, baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx: APIRequestContext = await playwright.request.newContext({ baseURL });
  await api(ctx, 'login', { username, password: DEMO_PASSWORD });
  return ctx;
}

/**
 * A published programme of a year of its own, run by the demo unit and
 * institution, from 05-10 to 05-14 of that year. Set up through the API:
 * the planning cycle has its own browser test.
 */
async function publishedProgramme(playwright: any, baseURL: string, project: string) {
  const admin = await signedIn(playwright, baseURL, 'admin');
  const unit = await signedIn(playwright, baseURL, 'unit');
  const calls: { year: number }[] = await api(admin, 'list_calls', {});
  let year = 2061 + (project === 'phone' ? 1 : 0);
  while (calls.some((c) => c.year === year)) year += 2;
  await api(admin, 'open_call', {
    year: String(year),
    deadline_date: `${year - 1}-12-31`,
    deadline_time: '17:00',
    guidance: '征集选题',
  });
  let call = (await api(admin, 'list_calls', {})).find((c: any) => c.year === year);
  await api(admin, 'add_area', { call_id: String(call.id), kind: 'frontier', area_name: '数字经济' });
  call = (await api(admin, 'list_calls', {})).find((c: any) => c.year === year);
  const topic = `数字政务高级研修班-${project}-${year}`;
  const institution = (await api(unit, 'proposal_form', { year: String(year) })).institutions[0][0];
  const id = await api(unit, 'save_proposal', {
    call_id: String(call.id), id: '', version: '', title: topic,
    [`areas[${call.areas[0].id}]`]: 'on', need_kind: 'urgent', need: '亟待总结',
    institution_id: String(institution), start_date: `${year}-05-10`, end_date: `${year}-05-14`,
    place: '石家庄市', trainees: '60', class_hours: '32', accommodation: '1000', meals: '',
    venue: '', lecture_fees: '', materials: '', transport: '', government: '1000', unit: '',
    society: '', individual: '', contact_name: '王明', contact_phone: '13800001111',
  });
  let p = (await api(unit, 'proposal_form', { id: String(id) })).proposal;
  await api(unit, 'submit_proposal', { id: String(id), version: String(p.version) });
  await api(admin, 'set_call_closed', { id: String(call.id), version: String(call.version), closed: 'true' });
  p = (await api(unit, 'proposal_form', { id: String(id) })).proposal;
  await api(admin, 'decide_proposals', { [`ids[${id}]`]: String(p.version), decision: 'select', reason: '' });
  await api(admin, 'publish_plan', { call_id: String(call.id), version: String(call.version + 1) });
  const programmes: any[] = await api(unit, 'list_programmes', {});
  const programme = programmes.find((g) => g.topic === topic);
  return { year, topic, programme: programme.id as number };
}

test('preparation: schedule, vetting, filing returned then acknowledged, applying, import, admission, export', async ({ page, playwright }, info) => {
  test.setTimeout(180_000);
  const baseURL = info.project.use.baseURL as string;
  const { year, programme } = await publishedProgramme(playwright, baseURL, info.project.name);
  const lecturer = `周明${info.project.name === 'phone' ? '乙' : '甲'}${year}`;

  // The institution registers a lecturer and builds a 32-hour schedule.
  await as(page, 'institution');
  await open(page, '/lecturers');
  await page.getByLabel('姓名').fill(lecturer);
  await page.getByLabel('职称级别').selectOption('full_senior');
  await page.getByLabel('工作单位').fill('河北工业大学');
  await page.getByLabel('专业领域').fill('数字政务');
  await page.getByLabel('联系电话').fill('13900001111');
  await page.getByRole('button', { name: '新建' }).click();
  await expect(page.getByRole('cell', { name: lecturer, exact: true })).toBeVisible();
  // It says what it did and empties the form, so a second press does not
  // register the same person twice.
  await expect(page.locator('p.done')).toHaveText('已登记该授课专家。');
  await expect(page.getByLabel('姓名')).toHaveValue('');

  await open(page, `/programmes/${programme}/prep`);
  await expect(page.locator('#filing-due')).toContainText(`${year}-04-10`);
  const total = page.locator('#hours-total');
  await expect(total).toHaveText('共 0 学时，还差 32 学时才达到 32 学时');
  // An hour of clock time holds one 45-minute class hour, not twenty: the
  // form says so while typing, and the server refuses it in the same words.
  await page.getByLabel('日期', { exact: true }).fill(`${year}-05-10`);
  await page.getByLabel('开始时间').fill('14:00');
  await page.getByLabel('结束时间').fill('15:00');
  await expect(page.locator('#slot-hours')).toHaveText('该时段最多可计 1 学时（每学时 45 分钟）。');
  await page.getByLabel('课程名称').fill('虚报学时的课程');
  await page.getByLabel('教学形式').selectOption('keynote');
  await page.getByLabel(new RegExp(lecturer)).check();
  await page.getByLabel('学时', { exact: true }).fill('20');
  const tooMany = '该时段最多 1 学时（每学时 45 分钟）';
  await expect(total).toHaveText(`共 0 学时，还差 32 学时才达到 32 学时；正在填写的课程未计入：${tooMany}`);
  await page.getByRole('button', { name: '添加课程' }).click();
  await expect(page.locator('#c-class_hours-error')).toHaveText(tooMany);
  await expect(page.locator('table.schedule tbody tr')).toHaveCount(0);
  // The form kept what was typed.
  await expect(page.getByLabel('课程名称')).toHaveValue('虚报学时的课程');
  for (const [i, form] of [['10', 'keynote'], ['11', 'seminar'], ['12', 'on_site'], ['13', 'field_visit']].entries()) {
    await page.getByLabel('日期', { exact: true }).fill(`${year}-05-${form[0]}`);
    await page.getByLabel('开始时间').fill('08:30');
    await page.getByLabel('结束时间').fill('17:30');
    await page.getByLabel('课程名称').fill(`第${i + 1}天课程`);
    await page.getByLabel('教学形式').selectOption(form[1]);
    await page.getByLabel('学时', { exact: true }).fill('8');
    const sum = i === 3 ? '共 32 学时，符合不少于 32 学时的要求' : `共 ${8 * (i + 1)} 学时，还差 ${32 - 8 * (i + 1)} 学时才达到 32 学时`;
    await expect(total).toHaveText(`${sum}（含正在填写的课程 8 学时）`);
    await page.getByLabel(new RegExp(lecturer)).check();
    await page.getByRole('button', { name: '添加课程' }).click();
    await expect(page.locator('table.schedule tbody tr')).toHaveCount(i + 1);
  }
  await expect(page.locator('#unvetted')).toContainText(lecturer);

  // Vetting (R6).
  await page.getByLabel('授课专家', { exact: true }).selectOption({ label: lecturer });
  await page.getByLabel('专业审核人').fill('张敏');
  await page.getByLabel('专业审核日期').fill(`${year - 1}-12-01`);
  await page.getByLabel(/专业审核意见/).fill('资历与实践经验符合要求');
  await page.getByLabel('合规审核人').fill('李强');
  await page.getByLabel('合规审核日期').fill(`${year - 1}-12-01`);
  await page.getByLabel(/合规审核意见/).fill('无违法违纪记录');
  await page.getByLabel('评审结果').selectOption('true');
  await page.getByRole('button', { name: '保存审核结果' }).click();
  await expect(page.locator('#unvetted')).toHaveCount(0);

  // The unit files; the admin returns it; the unit corrects and files again.
  const fileIt = async (quota: string) => {
    await page.getByLabel('研修目标').fill('提升数字政务能力');
    await page.getByLabel('研修内容').fill('专题讲座、现场教学');
    await page.getByLabel('组织管理').fill('班主任负责');
    await page.getByLabel('经费预算说明').fill('按六类列支');
    await page.getByLabel('招收对象与条件').fill('中级及以上职称');
    await page.getByLabel('招收人数').fill(quota);
    await page.getByLabel('其中省内').fill('40');
    await page.getByLabel('其中省外').fill('10');
    await page.getByLabel('报名方式').fill('在线报名');
    await page.getByLabel('报名截止日期').fill(`${year}-04-30`);
    await confirmStep(page, '报送备案');
  };
  await as(page, 'unit');
  await open(page, `/programmes/${programme}/prep`);
  await page.getByLabel('PDF 文件').setInputFiles({ name: '实施方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.locator('ul.attachments')).toContainText('实施方案.pdf');
  await expect(page.locator('ul.attachments')).toContainText('随下次备案报送');
  await fileIt('60');
  await expect(page.locator('ul.attachments')).toContainText('v1');
  await expect(page.locator('.filing-state')).toHaveText('待确认');

  await as(page, 'admin');
  await open(page, `/programmes/${programme}/prep`);
  await page.getByLabel('评审结果').selectOption('false');
  await page.getByLabel('理由').fill('招收人数应与计划一致并写明省外名额');
  await confirmStep(page, '提交确认结果');
  await expect(page.locator('.filing-state')).toHaveText('已退回');

  await as(page, 'unit');
  await open(page, `/programmes/${programme}/prep`);
  await expect(page.locator('ul.filings')).toContainText('招收人数应与计划一致并写明省外名额');
  await fileIt('50');
  await expect(page.locator('.filing-state')).toHaveText('待确认');
  await expect(page.locator('ul.filings li')).toHaveCount(2);

  // The admin reads the filing, and what changed, before deciding.
  await as(page, 'admin');
  await open(page, `/programmes/${programme}/prep`);
  const newest = page.locator('details.filing-version').first();
  await expect(newest).toHaveAttribute('open', '');
  await expect(newest.locator('.filing-text')).toContainText('提升数字政务能力');
  await expect(newest.locator('.diff')).toContainText('与第 1 版相比');
  await expect(newest.locator('.diff dt')).toHaveText(['招收人数']);
  await expect(newest.locator('.diff del')).toContainText('60 人');
  await expect(newest.locator('.diff ins')).toContainText('50 人');
  await page.getByLabel('评审结果').selectOption('true');
  await confirmStep(page, '提交确认结果');
  await expect(page.locator('.filing-state')).toHaveText('已备案');

  // A trainee applies (signed out, on the project's viewport).
  await page.context().clearCookies();
  await open(page, `/enroll/${programme}`);
  // A mobile number of this run's own.
  const mobile = `13711${year}${info.project.name === 'phone' ? 2 : 1}0`;
  await page.getByLabel('姓名').fill('王芳');
  await page.getByLabel('性别').selectOption('female');
  await page.getByLabel('身份证号').fill('110101197505050063');
  await page.getByLabel('手机号').fill(mobile);
  await page.getByLabel('工作单位').fill('天津轨道交通集团');
  await page.getByLabel('省份').selectOption('天津市');
  await page.getByLabel('职称/职务').selectOption('associate_senior');
  await page.getByRole('button', { name: '我要报名' }).click();
  await expect(page.locator('#id_number-error')).toHaveText('身份证号校验位不正确，请核对');
  // A refused attempt keeps what was typed.
  await expect(page.getByLabel('职称/职务')).toHaveValue('associate_senior');
  await expect(page.getByLabel('工作单位')).toHaveValue('天津轨道交通集团');
  await page.getByLabel('身份证号').fill('110101197505050062');
  await page.getByRole('button', { name: '我要报名' }).click();
  await expect(page.getByRole('status')).toContainText('报名信息已收到');

  // The institution imports a list with one bad row, then a good one.
  await as(page, 'institution');
  await open(page, `/programmes/${programme}/trainees`);
  const header = ['姓名', '性别', '身份证号', '手机号', '工作单位', '省份', '职称/职务'];
  const good = ['孙丽', '女', '130203197806150042', '13600001111', '唐山市人民医院', '河北省', '正高级'];
  const bad = ['周强', '男', '130602198209090054', '13600002222', '保定市财政局', '河北省', '中级'];
  await page.getByLabel('名单文件（.xlsx、.xls 或 .csv）').setInputFiles({ name: 'list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook([header, good, bad]) });
  await page.getByRole('button', { name: '导入' }).click();
  await expect(page.locator('.import-errors')).toContainText('第 3 行 C（身份证号）列：身份证号校验位不正确，请核对');
  await expect(page.locator('table.trainees tbody tr')).toHaveCount(1);
  const fixed = ['周强', '男', '130602198209090053', '13600002222', '保定市财政局', '河北省', '中级'];
  await page.getByLabel('名单文件（.xlsx、.xls 或 .csv）').setInputFiles({ name: 'list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook([header, good, fixed]) });
  await page.getByRole('button', { name: '导入' }).click();
  await expect(page.getByRole('status')).toContainText('已导入 2 人');
  await expect(page.locator('table.trainees tbody tr')).toHaveCount(3);

  // Admission and the mix (R7).
  for (const name of ['王芳', '孙丽']) {
    await confirmStep(page.getByRole('row', { name: new RegExp(name) }), '录取', name);
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('已录取');
  }
  await expect(page.locator('#mix-line')).toHaveText('已录取 2 / 计划 60 人：省内 1，省外 1，中高级职称或管理岗位 2');

  // Full ID numbers leave the system only with a reason.
  await page.getByLabel(/导出原因/).selectOption('certificates');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出学员名单' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`gaoyan-trainees-${programme}.xlsx`);
  const fs = await import('node:fs');
  const strings = zipEntry(fs.readFileSync(await download.path()), 'xl/sharedStrings.xml');
  expect(strings).toContain('王芳');
  expect(strings).toContain('已录取');
  await hydrated(page);
});
