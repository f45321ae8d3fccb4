// Pages as a browser, a search engine and a link preview see them: compressed on the wire,
// each with a title and a description, offers and institutions with Open Graph tags, and the
// About, Help and Privacy pages linked from every footer.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectAccessible } from './helpers.ts';

interface ListedOffer {
  id: string;
  title: string;
  description: string;
}

async function anOffer(request: APIRequestContext): Promise<ListedOffer> {
  const reply = await request.get('/api/offers?limit=1');
  const { items } = (await reply.json()) as { items: ListedOffer[] };
  if (!items[0]) throw new Error('the demo data has no open offer');
  return items[0];
}

/** The server-rendered HTML, as a link-preview robot (no JavaScript) gets it. */
async function html(request: APIRequestContext, path: string): Promise<string> {
  const reply = await request.get(path);
  expect(reply.status()).toBe(200);
  return reply.text();
}

function metaContent(page: string, attribute: 'name' | 'property', key: string): string[] {
  const pattern = new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`, 'g');
  return [...page.matchAll(pattern)].map((match) => match[1]!);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

test('pages, API replies and assets reach the browser compressed', async ({ page, request }) => {
  const response = await page.goto('/opportunities');
  const headers = await response!.allHeaders();
  expect(headers['content-encoding']).toBe('br');
  expect(headers['vary']).toMatch(/accept-encoding/i);

  const api = await request.get('/api/offers?limit=20', { headers: { 'accept-encoding': 'gzip' } });
  expect(api.headers()['content-encoding']).toBe('gzip');
  expect(((await api.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

  const script = await page.locator('link[rel="modulepreload"]').first().getAttribute('href');
  const asset = await request.get(new URL(script!, page.url()).href, {
    headers: { 'accept-encoding': 'br' },
  });
  expect(asset.status()).toBe(200);
  expect(asset.headers()['content-encoding']).toBe('br');
});

test('an offer page has a description and Open Graph tags for link previews', async ({
  request,
  baseURL,
}) => {
  const offer = await anOffer(request);
  const page = await html(request, `/offers/${offer.id}`);
  const [description] = metaContent(page, 'name', 'description').map(decodeEntities);
  expect(description!.length).toBeLessThanOrEqual(160);
  expect(offer.description.replace(/\s+/g, ' ')).toContain(description!.replace(/…$/, ''));
  expect(metaContent(page, 'property', 'og:title').map(decodeEntities)).toEqual([offer.title]);
  expect(metaContent(page, 'property', 'og:description').map(decodeEntities)).toEqual([
    description,
  ]);
  expect(metaContent(page, 'property', 'og:type')).toEqual(['article']);
  expect(metaContent(page, 'property', 'og:url')).toEqual([`${baseURL}/offers/${offer.id}`]);
  expect(metaContent(page, 'property', 'og:site_name')).toEqual(['Twinning']);
});

test('an institution page describes the institution from its facts', async ({
  request,
  baseURL,
}) => {
  const reply = await request.get('/api/institutions?q=kyoto%20university&country=JP');
  const { items } = (await reply.json()) as { items: { id: string; name: string }[] };
  const kyoto = items.find((i) => i.name === 'Kyoto University')!;
  const page = await html(request, `/institutions/${kyoto.id}`);
  const [description] = metaContent(page, 'name', 'description').map(decodeEntities);
  expect(description).toMatch(
    /^University in Japan\. On Twinning: \d+ open offers? and \d+ partnerships?\. Verified by the ASEM secretariat\.$/,
  );
  expect(metaContent(page, 'property', 'og:title')).toEqual(['Kyoto University']);
  expect(metaContent(page, 'property', 'og:type')).toEqual(['article']);
  expect(metaContent(page, 'property', 'og:url')).toEqual([`${baseURL}/institutions/${kyoto.id}`]);
});

test('every page has a title and exactly one description', async ({ page }) => {
  test.slow(); // many pages on a shared machine
  const paths = [
    '/',
    '/offers',
    '/opportunities',
    '/institutions',
    '/about',
    '/help',
    '/privacy',
    '/login',
    '/signup',
    '/no/such/page',
  ];
  const seen = new Set<string>();
  for (const path of paths) {
    await page.goto(path);
    const title = await page.title();
    expect(title, path).toMatch(/\S.*Twinning|Twinning.*\S/);
    const descriptions = page.locator('meta[name="description"]');
    await expect(descriptions, path).toHaveCount(1);
    const description = (await descriptions.getAttribute('content')) ?? '';
    expect(description.length, path).toBeGreaterThan(40);
    seen.add(description);
  }
  // Pages with words of their own say different things.
  expect(seen.size).toBeGreaterThanOrEqual(paths.length - 1);
});

test('About, Help and Privacy are linked from the footer, real and accessible', async ({
  page,
}) => {
  test.slow(); // three accessibility checks
  await page.goto('/');
  const footer = page.getByRole('contentinfo');

  await footer.getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'About Twinning' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('ASEM Education Strategy 2030');
  await expect(page.getByRole('main')).toContainText('51 partner countries, 30 in Europe and 21');
  await expectAccessible(page);

  await footer.getByRole('link', { name: 'Help and FAQ' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'How matching works' })).toBeVisible();
  // The weights come from the matcher itself.
  await expect(page.getByRole('main')).toContainText('Topic (35%)');
  await expect(page.getByRole('main')).toContainText('at least 28 days');
  await expect(page.getByRole('heading', { level: 2, name: 'COIL in short' })).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Frequently asked questions' }),
  ).toBeVisible();
  await expectAccessible(page);

  await footer.getByRole('link', { name: 'Privacy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main).toContainText('after 30 days without use');
  await expect(main).toContainText('90 days after you signed in');
  await expect(main).toContainText('twinning_session');
  await expectAccessible(page);
});
