// Partners from both sides: a lecturer in Asia posts an offer that fits one of a European
// lecturer's, the European lecturer finds it ranked and explained under Find partners and asks
// for a partnership, the Asian lecturer accepts it on My partnerships (without JavaScript), and
// both see it agreed.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logIn } from './helpers.ts';

const run = Date.now().toString(36);
const europeTitle = `Software engineering across continents ${run}`;
const asiaTitle = `Web applications with a partner class ${run}`;

const offerBody = {
  description:
    'Students build a small web application together in mixed teams across two continents.',
  format: 'coil',
  fields: ['0613'],
  sdgs: [4, 9],
  themes: ['digitalisation'],
  languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
  levels: ['bachelor'],
  startDate: '2027-10-04',
  endDate: '2027-12-17',
  classSize: 30,
  openToStudents: false,
};

/** Nothing sticks out sideways on a 360px-wide phone. */
async function expectNarrowFit(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function postOffer(page: Page, data: Record<string, unknown>): Promise<string> {
  const reply = await page.request.post('/api/offers', { data: { ...offerBody, ...data } });
  expect(reply.status(), await reply.text()).toBe(201);
  return ((await reply.json()) as { id: string }).id;
}

test('a lecturer finds a partner, asks for a partnership and the partner accepts it', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const europe = await (await browser.newContext()).newPage();
  const asia = await (await browser.newContext()).newPage();

  await logIn(europe, 'lecturer@twinning.test');
  const europeId = await postOffer(europe, {
    title: europeTitle,
    timeZone: 'Europe/Berlin',
    windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
    seekingRegion: 'asia',
  });
  await logIn(asia, 'lecturer.asia@twinning.test');
  await postOffer(asia, {
    title: asiaTitle,
    timeZone: 'Asia/Tokyo',
    windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
    seekingRegion: 'europe',
  });

  // From My offers to Find partners: ranked cards with a score, its parts and reasons.
  await europe.goto('/my/offers');
  await europe
    .getByRole('link', { name: /^Find partners/ })
    .filter({ hasText: europeTitle })
    .click();
  await expect(europe.getByRole('heading', { level: 1, name: 'Find partners' })).toBeVisible();
  const card = europe
    .getByRole('listitem')
    .filter({ has: europe.getByRole('heading', { level: 2, name: asiaTitle }) });
  await expect(card).toBeVisible();
  await expect(card.getByText(/^\d{1,3}% match$/)).toBeVisible();
  await expect(card.getByRole('meter')).toHaveCount(6);
  await expect(card.getByText(/^Live hours \d{1,3}%$/)).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Why it fits' })).toBeVisible();
  await expect(card.getByText(/h\/week live/)).toBeVisible();
  await expectAccessible(europe);
  await expectNarrowFit(europe);

  await card
    .getByLabel('Message to the other lecturer (optional)')
    .fill('Shall our classes build a web application together this autumn?');
  await card.getByRole('button', { name: /^Request partnership/ }).click();
  await expect(card.getByText(/^Request sent\./)).toBeVisible();
  await expectAccessible(europe);
  // Back later, the card says so instead of offering the form again.
  await europe.reload();
  await expect(card).toContainText('You have asked this partner already.');
  await expect(card.getByRole('button', { name: /^Request partnership/ })).toHaveCount(0);

  // The partner sees the request, with the message, and accepts it.
  await asia.goto('/my/partnerships');
  await expect(asia.getByRole('heading', { level: 1, name: 'My partnerships' })).toBeVisible();
  const incoming = asia
    .getByRole('region', { name: /^Requests to you/ })
    .getByRole('listitem')
    .filter({ has: asia.getByRole('heading', { level: 3, name: europeTitle }) });
  await expect(incoming).toContainText('Shall our classes build a web application together');
  await expect(incoming).toContainText('Pending');
  // How well the two match, in the one unit of scores.
  await expect(incoming.getByRole('definition').filter({ hasText: /% match$/ })).toHaveText(
    /^\d{1,3}% match$/,
  );
  await expectAccessible(asia);

  // Accepted without JavaScript: the form is a plain post (axe needs scripts, so it runs above).
  const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await logIn(noScript, 'lecturer.asia@twinning.test');
  await noScript.goto('/my/partnerships');
  await noScript
    .getByRole('region', { name: /^Requests to you/ })
    .getByRole('listitem')
    .filter({ has: noScript.getByRole('heading', { level: 3, name: europeTitle }) })
    .getByRole('button', { name: /^Accept/ })
    .click();
  await expect(noScript.getByText('You accepted the partnership.')).toBeVisible();
  await noScript.context().close();

  await asia.reload();

  const agreedAsia = asia
    .getByRole('region', { name: /^Agreed partnerships/ })
    .getByRole('listitem')
    .filter({ has: asia.getByRole('heading', { level: 3, name: europeTitle }) });
  await expect(agreedAsia).toContainText('Accepted');
  await expect(agreedAsia.getByRole('button', { name: 'Record completion' })).toBeVisible();
  await expectAccessible(asia);
  await expectNarrowFit(asia);

  // The requester sees it agreed too.
  await europe.getByRole('link', { name: 'Partnerships', exact: true }).click();
  const agreedEurope = europe
    .getByRole('region', { name: /^Agreed partnerships/ })
    .getByRole('listitem')
    .filter({ has: europe.getByRole('heading', { level: 3, name: asiaTitle }) });
  await expect(agreedEurope).toContainText('Accepted');
  await expectAccessible(europe);

  // Once the exchange has run, either side records how many students took part.
  await agreedEurope.getByLabel(`Students from “${europeTitle}”`).fill('24');
  await agreedEurope.getByLabel(`Students from “${asiaTitle}”`).fill('28');
  await agreedEurope.getByRole('button', { name: 'Record completion' }).click();
  await expect(europe.getByText('The partnership is recorded as completed.')).toBeVisible();
  const past = europe
    .getByRole('region', { name: /^Past/ })
    .getByRole('listitem')
    .filter({ has: europe.getByRole('heading', { level: 3, name: asiaTitle }) });
  await expect(past).toContainText('Completed');
  await expect(past).toContainText(`24 from “${europeTitle}”, 28 from “${asiaTitle}”`);

  // Only the owner looks for partners; visitors are sent to log in first.
  const response = await asia.goto(`/offers/${europeId}/partners`);
  expect(response?.status()).toBe(403);
  await expect(asia.getByRole('main')).toContainText('Only the lecturer who posted this offer');
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/offers/${europeId}/partners`);
  await expect(visitor).toHaveURL(
    `/login?redirectTo=${encodeURIComponent(`/offers/${europeId}/partners`)}`,
  );
  await visitor.context().close();

  await europe.context().close();
  await asia.context().close();
});
