// The offer catalogue and the students' opportunities: filters, full text, paging, errors,
// and a student's own applications.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoPassword, expectAccessible, logIn } from './helpers.ts';

interface ListedOffer {
  id: string;
  title: string;
  format: string;
  fields: string[];
  openToStudents: boolean;
}

/** An open offer that takes students, as the API lists it. */
async function anOpportunity(request: APIRequestContext): Promise<ListedOffer> {
  const reply = await request.get('/api/offers?openToStudents=true&limit=5');
  expect(reply.ok()).toBe(true);
  const { items } = (await reply.json()) as { items: ListedOffer[] };
  const offer = items.find((o) => o.fields.length > 0);
  if (!offer) throw new Error('the demo data has no open offer for students');
  return offer;
}

/** Two or three distinctive words of a title, for the full-text box. */
function wordsOf(title: string): string {
  return title
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 3)
    .slice(0, 2)
    .join(' ');
}

test('a visitor finds an opportunity through filters and full text, and opens it', async ({
  page,
  request,
}) => {
  const offer = await anOpportunity(request);
  const broadField = offer.fields[0]!.slice(0, 2);

  await page.goto('/');
  await page.getByRole('link', { name: 'Find opportunities' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Exchange opportunities open to students' }),
  ).toBeVisible();
  // Students' page: the choice is fixed, so it is not offered.
  await expect(page.getByLabel('Open to students only')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();

  const search = page.getByRole('search', { name: 'Search opportunities' });
  await search.getByLabel('Format').selectOption(offer.format);
  await search.getByLabel('Field of study').selectOption(broadField);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`format=${offer.format}`));
  await expect(page).toHaveURL(new RegExp(`field=${broadField}`));
  await expect(search).toContainText('2 filters active');

  await search.getByLabel('Words').fill(wordsOf(offer.title));
  await search.getByRole('button', { name: 'Search' }).click();
  // The words themselves: the form sends an empty `q=` too, and a click on the list before it
  // changed would open the offer from the filters-only list.
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === wordsOf(offer.title));
  const link = page.getByRole('link', { name: offer.title, exact: true });
  await expect(link).toBeVisible();
  // Every card found is open to students and of the chosen format.
  const cards = page.getByRole('main').getByRole('article');
  expect(await cards.count()).toBeGreaterThan(0);
  await expectAccessible(page);

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/offers/${offer.id}\\?back=`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(offer.title);
  // "Back" leads to the opportunities as they were searched, not to the catalogue.
  await page.getByRole('link', { name: 'All opportunities' }).click();
  await expect(page).toHaveURL(/\/opportunities\?/);
  await expect(page).toHaveURL(new RegExp(`format=${offer.format}`));
  await expect(page.getByRole('search').getByLabel('Words')).toHaveValue(wordsOf(offer.title));
});

test('an offer page leads back to the list it was opened from, or to one that fits the viewer', async ({
  page,
}) => {
  await page.goto('/offers?region=europe');
  await page
    .getByRole('main')
    .getByRole('article')
    .first()
    .getByRole('heading')
    .getByRole('link')
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const back = page.getByRole('link', { name: 'All offers' });
  await expect(back).toHaveAttribute('href', '/offers?region=europe');
  await back.click();
  await expect(page).toHaveURL('/offers?region=europe');

  // A link from elsewhere (or a hand-made one) gets the list that fits who looks.
  const url = new URL(
    (await page
      .getByRole('main')
      .getByRole('article')
      .first()
      .getByRole('heading')
      .getByRole('link')
      .getAttribute('href')) ?? '',
    'http://x',
  );
  await page.goto(`${url.pathname}?back=${encodeURIComponent('https://evil.example/offers')}`);
  await expect(page.getByRole('link', { name: 'All offers' })).toHaveAttribute('href', '/offers');
  await logIn(page, 'student@twinning.test');
  await page.goto(url.pathname);
  await expect(page.getByRole('link', { name: 'All opportunities' })).toHaveAttribute(
    'href',
    '/opportunities',
  );
});

test('offer lists say how many offers the search finds and show what each is about', async ({
  page,
  request,
}) => {
  const api = async (query: string) =>
    (await (await request.get(`/api/offers?${query}`)).json()) as {
      items: { description: string; institutionId: string }[];
      total: number;
      totalCapped: boolean;
    };
  const counted = (found: { total: number; totalCapped: boolean }, noun: string) =>
    found.totalCapped
      ? `More than ${found.total} ${noun} found.`
      : `${found.total} ${found.total === 1 ? noun.replace(/ies$/, 'y').replace(/s$/, '') : noun} found.`;

  const all = await api('limit=20');
  expect(all.total).toBeGreaterThan(20);
  await page.goto('/offers');
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('status')).toHaveText(counted(all, 'offers'));
  // Each card says what the offer is about in a line or two.
  const start = all.items[0]!.description.replace(/\s+/g, ' ').slice(0, 40);
  await expect(results.getByRole('article').first()).toContainText(start);

  // One institution's offers: a few, counted exactly.
  const query = `institution=${all.items[0]!.institutionId}`;
  const narrow = await api(query);
  expect(narrow.totalCapped).toBe(false);
  await page.goto(`/offers?${query}`);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(counted(narrow, 'offers'));

  const students = await api('openToStudents=true');
  await page.goto('/opportunities');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    counted(students, 'opportunities'),
  );
});

test('the language filter lists the languages offers use, most used first, each once', async ({
  page,
  request,
}) => {
  const usage = (await (await request.get('/api/offers/languages')).json()) as {
    items: { code: string; offers: number }[];
  };
  expect(usage.items.length).toBeGreaterThan(1);
  await page.goto('/offers');
  const options = page.getByLabel('Language', { exact: true }).locator('option');
  const labels = await options.allTextContents();
  expect(labels[0]).toBe('Any language');
  const languages = labels.slice(1).map((label) => label.trim());
  expect(languages).toHaveLength(usage.items.length);
  expect(new Set(languages).size).toBe(languages.length);
  const counts = languages.map((label) =>
    Number(/\(([\d,]+)\)$/.exec(label)![1]!.replace(/,/g, '')),
  );
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  expect(languages[0]).toBe(`English (${usage.items[0]!.offers.toLocaleString('en')})`);
  await expect(options.filter({ hasText: 'Akan' })).toHaveCount(0);

  // A language no open offer uses still shows when a link names it; an old code, as the kept one.
  await page.goto('/offers?language=tw');
  const language = page.getByLabel('Language', { exact: true });
  await expect(language).toHaveValue('ak');
  await expect(language.locator('option:checked')).toHaveText('Akan');
});

test('the ASEM theme filter names each theme once', async ({ page }) => {
  await page.goto('/offers?theme=quality_assurance_recognition');
  const theme = page.getByLabel('ASEM theme');
  // An old theme id of a link means the theme it was merged into.
  await expect(theme).toHaveValue('recognition');
  const labels = (await theme.locator('option').allTextContents()).map((l) => l.trim());
  expect(labels).toEqual([
    'Any theme',
    'Inclusive and balanced mobility',
    'Lifelong learning, including TVET',
    'Skills and competences',
    'Recognition, validation and quality assurance',
    'Engaging business and industry in education',
    'Digitalisation',
    'Sustainable development',
  ]);
  await expectAccessible(page);
});

test('"Clear filters" empties the search, and nothing found says so', async ({ page }) => {
  await page.goto('/opportunities?q=zzzqqxnotaword&format=coil');
  await expect(page.getByRole('main')).toContainText('No opportunity matches this search');
  await expect(page.getByRole('search')).toContainText('1 filter active');
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL('/opportunities');
  await expect(page.getByLabel('Words')).toHaveValue('');
  await expect(page.getByLabel('Format')).toHaveValue('');
  await expect(page.getByRole('link', { name: 'Clear filters' })).toHaveCount(0);
});

test('dates in the wrong order are named next to the field', async ({ page }) => {
  await page.goto('/offers');
  const search = page.getByRole('search', { name: 'Search offers' });
  await search.getByText('More filters').click();
  await search.getByLabel('From').fill('2027-06-01');
  await search.getByLabel('Until').fill('2027-01-01');
  await search.getByRole('button', { name: 'Search' }).click();
  const until = search.getByLabel('Until');
  await expect(until).toHaveAttribute('aria-invalid', 'true');
  await expect(until).toHaveAccessibleDescription(/must not be before/);
  await expect(page.getByRole('main')).toContainText('The search could not run');
  await expectAccessible(page);
});

test('the catalogue pages through results and keeps the filters', async ({ page }) => {
  await page.goto('/offers?region=asia');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'COIL and virtual exchange offers',
  );
  // Titles may repeat across institutions: compare the offers' addresses.
  const links = page.getByRole('main').getByRole('article').getByRole('heading').getByRole('link');
  const addresses = () => links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const first = await addresses();
  expect(first.length).toBe(20);
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page).toHaveURL(/region=asia/);
  await expect(page.getByLabel('Region')).toHaveValue('asia');
  await expect(page.getByRole('heading', { level: 2, name: 'More results' })).toBeVisible();
  const second = await addresses();
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((address) => first.includes(address))).toEqual([]);
  await expect(page.getByRole('main')).toContainText('Asia');
  await expect(page.getByRole('main')).not.toContainText('· Europe');
  await expectAccessible(page);
});

test('"open to students only" narrows the catalogue', async ({ page }) => {
  await page.goto('/offers');
  await page.getByLabel('Open to students only').check();
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/openToStudents=true/);
  const cards = page.getByRole('main').getByRole('article');
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  await expect(cards.filter({ hasText: 'Open to students' })).toHaveCount(count);
});

test('a student sees their applications with their status', async ({ page }) => {
  await page.goto('/my/applications');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmy%2Fapplications/);
  await page.getByLabel('Email address').fill('student@twinning.test');
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL('/my/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'My applications' })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My applications' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(nav.getByRole('link', { name: 'Opportunities' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'My offers' })).toHaveCount(0);

  const main = page.getByRole('main');
  const statuses = main.getByRole('article').locator('.status');
  await expect(statuses).toHaveText([
    /Declined|Accepted|Waiting for a decision/,
    /Declined|Accepted|Waiting for a decision/,
    /Declined|Accepted|Waiting for a decision/,
  ]);
  await expect(main).toContainText('Status: Waiting for a decision');
  await expect(main).toContainText('Status: Accepted');
  await expect(main).toContainText('Status: Declined');
  await expect(main.getByText(/^Applied on /).first()).toBeVisible();
  await expectAccessible(page);

  await main.getByRole('article').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/offers\/[^/]+$/);
});

test('a new student has no applications and is pointed to the opportunities', async ({ page }) => {
  await page.goto('/signup?redirectTo=/my/applications');
  await page.getByLabel('Student').check();
  await page.getByLabel('Full name').fill('Minh Tran');
  await page
    .getByLabel('Email address')
    .fill(`minh.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL('/my/applications');
  await expect(page.getByRole('main')).toContainText(
    'You have not applied to any opportunity yet.',
  );
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Find exchange opportunities' }).click();
  await expect(page).toHaveURL('/opportunities');
});

test('only students have an applications page', async ({ page }) => {
  await logIn(page, 'lecturer@twinning.test');
  const reply = await page.goto('/my/applications');
  expect(reply?.status()).toBe(403);
  await expect(page.getByRole('main')).toContainText('this page is for students');
});

test('an institution page shows its figures and open offers', async ({ page, request }) => {
  const { items } = (await (await request.get('/api/offers?limit=1')).json()) as {
    items: { institutionId: string; title: string }[];
  };
  const offer = items[0]!;
  const summary = await (
    await request.get(`/api/institutions/${offer.institutionId}/summary`)
  ).json();

  await page.goto(`/institutions/${offer.institutionId}`);
  const figures = page.getByRole('region', { name: 'In figures' });
  await expect(figures).toContainText('Open offers');
  await expect(figures).toContainText(String(summary.openOffers));
  const offers = page.getByRole('region', { name: 'Open offers' });
  await expect(offers.getByRole('link', { name: offer.title, exact: true })).toBeVisible();
  // Only its admin may edit it.
  await expect(page.getByRole('link', { name: 'Edit profile' })).toHaveCount(0);
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the opportunities search works as a plain form', async ({ page }) => {
    await page.goto('/opportunities');
    await page.getByLabel('Language').selectOption('en');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/language=en/);
    await expect(page.getByLabel('Language')).toHaveValue('en');
    await expect(page.getByRole('main').getByRole('article').first()).toContainText('English');
  });
});

test('no violation on the catalogue at phone size', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/offers?sdg=4&theme=digitalisation');
  // The search folds on a phone (results first); opened, its filters fit the width.
  await page.getByText('Search and filters').click();
  await expect(page.getByRole('group', { name: 'Running between' })).toBeVisible();
  await expectAccessible(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.goto('/opportunities');
  await expectAccessible(page);
});
