// Partners from both sides: a lecturer in Asia posts an offer that fits one of a European
// lecturer's, the European lecturer finds it ranked and explained under Find partners and asks
// for a partnership, the Asian lecturer accepts it on My partnerships (without JavaScript), and
// both see it agreed.
import { expect, test, type Page } from '@playwright/test';
import { berlinTuesday, expectAccessible, logIn, postOffer, tokyoTuesday } from './helpers.ts';

const run = Date.now().toString(36);
const europeTitle = `Software engineering across continents ${run}`;
const asiaTitle = `Web applications with a partner class ${run}`;

/** Nothing sticks out sideways on a 360px-wide phone. */
async function expectNarrowFit(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a lecturer finds a partner, asks for a partnership and the partner accepts it', async ({
  browser,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  const europe = await (await browser.newContext()).newPage();
  const asia = await (await browser.newContext()).newPage();

  await logIn(europe, 'lecturer@twinning.test');
  const europeId = await postOffer(europe, {
    title: europeTitle,
    ...berlinTuesday,
  });
  await logIn(asia, 'lecturer.asia@twinning.test');
  await postOffer(asia, {
    title: asiaTitle,
    ...tokyoTuesday,
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

  await card.getByText('Request partnership').click();
  await card
    .getByLabel('Message to the other lecturer (optional)')
    .fill('Shall our classes build a web application together this autumn?');
  await card.getByRole('button', { name: /^Send the request/ }).click();
  await expect(card.getByText(/^Request sent\./)).toBeVisible();
  await expectAccessible(europe);
  // Back later, the card says so (and offers to withdraw) instead of offering the form again.
  await europe.reload();
  await expect(card).toContainText(/You asked for this partnership on [^;]*\d{4}/);
  await expect(card.getByRole('button', { name: /^Withdraw the request/ })).toBeVisible();
  await expect(card.getByText('Request partnership')).toHaveCount(0);

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

/** The card of the offer titled `title` on a Find partners page (suggested or asking). */
function cardOf(page: Page, title: string) {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: new RegExp(`${title}$`) }) });
}

test('an offer that received a request shows who asked, and its owner accepts it right there', async ({
  browser,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  const run2 = `${run}-b`;
  const europeOffer = `Mobile apps for city services ${run2}`;
  const asiaOffer = `City services on the phone ${run2}`;
  const europe = await (await browser.newContext()).newPage();
  const asia = await (await browser.newContext()).newPage();
  await logIn(europe, 'lecturer@twinning.test');
  await logIn(asia, 'lecturer.asia@twinning.test');
  const europeName = (
    (await (await europe.request.get('/api/me')).json()) as {
      user: { name: string };
    }
  ).user.name;
  const europeId = await postOffer(europe, {
    title: europeOffer,
    timeZone: 'Europe/Berlin',
    windows: [{ weekday: 3, start: '09:00', end: '11:00' }],
    seekingRegion: 'asia',
  });
  const asiaId = await postOffer(asia, {
    title: asiaOffer,
    timeZone: 'Asia/Tokyo',
    windows: [{ weekday: 3, start: '16:00', end: '18:00' }],
    seekingRegion: 'europe',
  });
  const message = 'Our students would like to build a city app with yours.';
  const requested = await europe.request.post('/api/partnerships', {
    data: { offerId: europeId, partnerOfferId: asiaId, message },
  });
  expect(requested.status(), await requested.text()).toBe(201);

  // The side asked sees who asked and what they wrote, with Accept and Decline on the card.
  await asia.goto(`/offers/${asiaId}/partners`);
  const incoming = cardOf(asia, europeOffer);
  await expect(incoming).toContainText(
    new RegExp(`${europeName} asked you for this partnership on [^.]*\\d{4}\\.`),
  );
  await expect(incoming).toContainText(message);
  await expect(incoming).not.toContainText('You have asked');
  await expect(incoming).not.toContainText('You asked');
  await expect(incoming.getByRole('button', { name: /^Accept/ })).toBeVisible();
  await expect(incoming.getByRole('button', { name: /^Decline/ })).toBeVisible();
  await expect(incoming.getByText('Request partnership')).toHaveCount(0);
  await expectAccessible(asia);

  // The side that asked sees its own request, waiting, with Withdraw.
  await europe.goto(`/offers/${europeId}/partners`);
  const outgoing = cardOf(europe, asiaOffer);
  await expect(outgoing).toContainText(/You asked for this partnership on/);
  await expect(outgoing.getByRole('button', { name: /^Withdraw the request/ })).toBeVisible();
  await expect(outgoing.getByRole('button', { name: /^Accept/ })).toHaveCount(0);

  // Accepted from the card, without JavaScript.
  const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await logIn(noScript, 'lecturer.asia@twinning.test');
  await noScript.goto(`/offers/${asiaId}/partners`);
  await cardOf(noScript, europeOffer)
    .getByRole('button', { name: /^Accept/ })
    .click();
  await expect(noScript.getByText('You accepted the partnership.')).toBeVisible();
  await expect(noScript.getByText(/This offer is not open any more/)).toBeVisible();
  await noScript.context().close();

  const agreed = await asia.request.get('/api/partnerships?status=accepted&limit=100');
  const ids = ((await agreed.json()) as { items: { offerId: string; partnerOfferId: string }[] })
    .items;
  expect(ids).toContainEqual(
    expect.objectContaining({ offerId: europeId, partnerOfferId: asiaId }),
  );
  await europe.context().close();
  await asia.context().close();
});

test('Find partners separates why it fits from what to watch out for, and opens one message box at a time', async ({
  browser,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  const run3 = `${run}-c`;
  const europeOffer = `Doctoral seminar on embedded systems ${run3}`;
  const asiaOffer = `Embedded systems research seminar ${run3}`;
  const shared = {
    format: 'blended_mobility',
    fields: ['0611', '0612', '0613'],
    levels: ['doctoral'],
  };
  const europe = await (await browser.newContext()).newPage();
  const asia = await (await browser.newContext()).newPage();
  await logIn(europe, 'lecturer@twinning.test');
  await logIn(asia, 'lecturer.asia@twinning.test');
  const europeId = await postOffer(europe, {
    ...shared,
    title: europeOffer,
    timeZone: 'Europe/Berlin',
    windows: [{ weekday: 1, start: '08:00', end: '10:00' }],
    seekingRegion: 'asia',
  });
  // Its only live window is on another day: no hour in common.
  await postOffer(asia, {
    ...shared,
    title: asiaOffer,
    timeZone: 'Asia/Tokyo',
    windows: [{ weekday: 5, start: '20:00', end: '22:00' }],
    seekingRegion: 'europe',
  });

  await europe.goto(`/offers/${europeId}/partners`);
  const card = cardOf(europe, asiaOffer);
  await expect(card).toBeVisible();
  const fits = card.locator('[data-reasons]');
  const watch = card.locator('[data-cautions]');
  await expect(watch.getByRole('heading', { name: 'Watch out' })).toBeVisible();
  await expect(watch).toContainText('no live hours in common: the work would be asynchronous');
  await expect(fits).not.toContainText('live hours');
  // Every shared field is named.
  for (const field of ['0611', '0612', '0613']) {
    await expect(fits).toContainText(`both teach ${field} `);
  }
  // Bars say in words too how strong each part is, and are coloured by it.
  await expect(card.getByRole('meter', { name: /^Live hours 0% weak$/ })).toHaveAttribute(
    'value',
    '0',
  );
  await expect(card.getByRole('meter', { name: /^Topic \d+% (strong|fair)$/ })).toBeVisible();
  const colours = await card
    .locator('.part-level')
    .evaluateAll((words) => words.map((w) => getComputedStyle(w).color));
  expect(new Set(colours).size).toBeGreaterThan(1);

  // No message box is open until the user asks for one, and then only that card's.
  await expect(europe.locator('textarea:visible')).toHaveCount(0);
  await card.getByText('Request partnership').click();
  await expect(europe.locator('textarea:visible')).toHaveCount(1);
  await expect(card.getByLabel('Message to the other lecturer (optional)')).toBeVisible();
  await expectAccessible(europe);
  await europe.context().close();
  await asia.context().close();
});
