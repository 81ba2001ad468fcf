import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, hydrated, test } from './helpers';

// Every page of every role, opened directly as a bookmark or a reload
// opens it (never reached by clicking), in both languages: it must answer,
// hydrate without a page error (the helpers' fixture fails the test on
// any), and pass axe with no serious or critical violation.

type Role = 'public' | 'admin' | 'inspector' | 'unit' | 'institution' | 'trainee';

async function signInByApi(page: Page, username: string) {
  const r = await page.request.post('/api/login', {
    form: { username, password: DEMO_PASSWORD },
    headers: { Accept: 'application/json' },
  });
  expect(r.ok(), await r.text()).toBeTruthy();
}

/** The hrefs of links on `path` that match `pattern`, in page order. */
async function links(page: Page, path: string, pattern: RegExp): Promise<string[]> {
  await page.goto(path);
  const hrefs = await page.locator('a[href]').evaluateAll((as) =>
    as.map((a) => a.getAttribute('href') ?? ''),
  );
  return [...new Set(hrefs.filter((h) => pattern.test(h)))];
}

async function pagesOf(page: Page, role: Role): Promise<string[]> {
  const plans = await links(page, '/plan', /^\/plan\/\d{4}$/);
  const common = ['/plan', ...plans, '/courseware', '/courseware?year=2020&q=%E5%8C%BB'];
  if (role === 'public') {
    const enroll = await enrollPages(page);
    return ['/login', '/activate', '/verify', '/verify?number=x&name=y', ...common, ...enroll];
  }
  const home = ['/', '/password'];
  if (role === 'trainee') {
    const mine = await links(page, '/me', /^\/me\/programmes\/\d+$/);
    const today = await page.request
      .post('/api/my_home', { form: {}, headers: { Accept: 'application/json' } })
      .then((r) => r.json());
    const checkins = today.today.slice(0, 1).map((c: { course: { id: number } }) => `/me/checkin/${c.course.id}`);
    const papers = mine.map((m) => m.replace('/me/programmes/', '/me/papers/'));
    const surveys = mine.map((m) => m.replace('/me/programmes/', '/me/surveys/'));
    const verify: string[] = [];
    for (const m of mine) {
      verify.push(...(await links(page, m, /^\/verify\/[0-9a-f]{32}$/)));
    }
    return [...home, '/me', ...mine, ...papers, ...surveys, ...verify, ...checkins, ...common, ...(await enrollPages(page))];
  }
  const programmes = await links(page, '/programmes', /^\/programmes\/\d+$/);
  const perProgramme = programmes.flatMap((p) => [p, `${p}/prep`, `${p}/trainees`, `${p}/attendance`, `${p}/papers`, `${p}/survey`, `${p}/assessment`, `${p}/completion`, `${p}/spending`, `${p}/closing`, `${p}/inspections`]);
  // A course's roster, and for the institution its projector and slips.
  for (const p of programmes) {
    const courses = await links(page, `${p}/attendance`, /^\/programmes\/\d+\/courses\/\d+(\/code)?$/);
    if (courses.length > 0) {
      perProgramme.push(...courses.slice(0, 2));
      if (role === 'institution') {
        perProgramme.push(`${p}/slips`);
      }
      break;
    }
  }
  if (role === 'admin' || role === 'inspector') {
    const calls = await links(page, '/admin/calls', /^\/admin\/calls\/\d{4}$/);
    const accounts = await links(page, '/admin/accounts', /^\?(edit|reset)=\d+$/);
    const orgs = await links(page, '/admin/orgs', /^\?edit=\d+$/);
    return [
      ...home,
      '/admin/orgs',
      ...orgs.slice(0, 1).map((q) => `/admin/orgs${q}`),
      '/admin/accounts',
      ...accounts.slice(0, 2).map((q) => `/admin/accounts${q}`),
      '/admin/audit',
      '/admin/audit?action=login&page=1',
      '/admin/calls',
      ...calls,
      '/admin/proposals',
      '/admin/standing',
      '/admin/settings',
      '/admin/certificates',
      '/admin/fees',
      '/admin/spot-checks',
      ...(role === 'admin' ? ['/admin/courseware'] : []),
      '/admin/survey',
      '/programmes',
      ...perProgramme,
      ...common,
    ];
  }
  if (role === 'unit') {
    const proposals = await links(page, '/proposals', /^\/proposals\/\d+$/);
    const fresh = await links(page, '/proposals', /^\/proposals\/new/);
    return [...home, '/proposals', ...fresh.slice(0, 1), ...proposals, '/programmes', ...perProgramme, ...common];
  }
  return [...home, '/lecturers', '/programmes', ...perProgramme, ...common];
}

async function enrollPages(page: Page): Promise<string[]> {
  // The enrollment notices are linked from the programmes' pages, which the
  // public cannot see; every programme id of the plan is tried instead, and
  // those with a notice (or a "not found" answer) are kept as they answer.
  const ids = await page.request
    .post('/api/get_plan', { form: {}, headers: { Accept: 'application/json' } })
    .then((r) => r.json())
    .then((plan) => (plan?.programmes ?? []).map((g: { id: number }) => g.id));
  return ids.map((id: number) => `/enroll/${id}`);
}

async function check(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBeLessThan(400);
  await hydrated(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${path}`,
  ).toEqual([]);
}

const ROLES: Role[] = ['public', 'admin', 'inspector', 'unit', 'institution', 'trainee'];

for (const lang of ['zh', 'en'] as const) {
  for (const role of ROLES) {
    test(`every ${role} page opens directly and passes axe (${lang})`, async ({ page, context, baseURL }) => {
      test.setTimeout(420_000);
      await context.addCookies([{ name: 'gaoyan_lang', value: lang, url: baseURL ?? 'http://127.0.0.1:3000' }]);
      if (role !== 'public') {
        await signInByApi(page, role);
      }
      const paths = await pagesOf(page, role);
      expect(paths.length).toBeGreaterThan(2);
      for (const path of paths) {
        await check(page, path);
      }
    });
  }
}
