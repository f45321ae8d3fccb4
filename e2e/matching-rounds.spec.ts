// Matching rounds: the secretariat previews one from Matching rounds (nothing stored, nobody
// told), confirms it (with JavaScript, watching its progress; without, plain form posts), lands
// on its results and finds it in the list; a lecturer whose offer the round paired sees the
// proposal on that offer's Find partners page.
// One round runs at a time, so the tests in this file run one after another.
import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page, type Response } from '@playwright/test';
import { expectAccessible, logIn } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

const shots = process.env.E2E_SHOTS ?? null;
if (shots) mkdirSync(shots, { recursive: true });

/** A screenshot for people to look at, when `E2E_SHOTS` names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
}

interface Proposal {
  offerId: string;
  partnerOfferId: string;
  offer: { title: string } | null;
  partnerOffer: { title: string } | null;
}

/** The user's offers the round paired, each with its partner's title. */
async function proposedOffersOf(
  page: Page,
  proposals: Proposal[],
): Promise<{ offerId: string; partnerId: string; partnerTitle: string }[]> {
  const reply = await page.request.get('/api/offers?owner=me&status=all&limit=50');
  expect(reply.ok(), await reply.text()).toBe(true);
  const mine = new Set(
    ((await reply.json()) as { items: { id: string }[] }).items.map((o) => o.id),
  );
  return proposals.flatMap((p) => {
    if (mine.has(p.offerId) && p.partnerOffer) {
      return [
        { offerId: p.offerId, partnerId: p.partnerOfferId, partnerTitle: p.partnerOffer.title },
      ];
    }
    if (mine.has(p.partnerOfferId) && p.offer) {
      return [{ offerId: p.partnerOfferId, partnerId: p.offerId, partnerTitle: p.offer.title }];
    }
    return [];
  });
}

/** The lecturer's notifications about round proposals, read through the API. */
async function roundNotifications(page: Page): Promise<number> {
  const reply = await page.request.get('/api/notifications?limit=100');
  expect(reply.ok(), await reply.text()).toBe(true);
  const { items } = (await reply.json()) as { items: { kind: string }[] };
  return items.filter((n) => n.kind === 'round_proposal').length;
}

/**
 * Waits for the answer to a confirmation (`answered`) and, while it is "the offers changed since
 * the preview", confirms the page's new preview, as a person would. The browser tests share one
 * database, so another test may post, hide or close an offer between a preview and its
 * confirmation; nothing is stored then, and the page shows the round as it stands now. That
 * preview must carry a new token (the offers did change): the confirmed token coming back would
 * be a bug, and fails here, as does a confirmation outdated again and again.
 */
async function confirmedDespiteOtherTests(
  preview: Locator,
  sentToken: string,
  answered: Promise<Response>,
  nextAnswer: () => Promise<Response>,
): Promise<void> {
  const token = preview.locator('input[name="previewToken"]');
  let sent = sentToken;
  for (let confirmations = 1; (await answered).status() === 409; confirmations += 1) {
    await expect(preview.getByRole('alert')).toContainText(/open offers changed since the preview/);
    expect(confirmations, 'the offers changed before every confirmation').toBeLessThan(4);
    await expect(token).not.toHaveValue(sent);
    sent = await token.inputValue();
    answered = nextAnswer();
    await preview.getByRole('button', { name: 'Confirm and notify' }).click();
  }
}

test('the secretariat previews a matching round, confirms it, and a lecturer sees its proposal', async ({
  page,
  browser,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  const lecturer = await (await browser.newContext()).newPage();
  await logIn(lecturer, 'lecturer@twinning.test');
  const toldBefore = await roundNotifications(lecturer);

  await logIn(page, 'secretariat@twinning.test');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Matching rounds' })
    .click();
  await expect(page).toHaveURL('/secretariat/matching-rounds');
  await expect(page.getByRole('heading', { level: 1, name: 'Matching rounds' })).toBeVisible();
  await expect(page.getByText(/pairs all open offers at once/)).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'rounds-list-before');
  const roundsBefore = (
    (await (await page.request.get('/api/matching-rounds')).json()) as {
      items: unknown[];
    }
  ).items.length;

  // The preview: what the round would propose, stored nowhere and sent to nobody.
  await page.getByRole('button', { name: 'Preview a matching round' }).click();
  const preview = page.getByRole('region', { name: 'What this round would propose' });
  await expect(preview).toBeVisible();
  await expect(preview.getByText(/Nothing is stored and nobody is told/)).toBeVisible();
  for (const figure of ['Proposals', 'Lecturers to notify', 'Lowest match', 'Median match']) {
    await expect(preview.getByRole('term').filter({ hasText: figure })).toBeVisible();
  }
  const bands = preview.getByRole('table', { name: /in bands of ten points/ });
  await expect(bands.locator('tbody tr')).toHaveCount(10);
  const sample = preview.getByRole('table', { name: /from the best to the weakest/ });
  const sampled = sample.locator('tbody tr');
  expect(await sampled.count()).toBeGreaterThan(1);
  expect(await sampled.count()).toBeLessThanOrEqual(10);
  await expect(sampled.first().getByRole('cell').first()).toHaveText('1');
  await expect(sampled.first().getByRole('cell').last()).toHaveText(/^\d{1,3}% match$/);
  await expect(preview.getByText(/^Confirming stores \d+ proposals?\./)).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'round-preview');
  const listed = (
    (await (await page.request.get('/api/matching-rounds')).json()) as {
      items: unknown[];
    }
  ).items.length;
  expect(listed, 'a preview stores no round').toBe(roundsBefore);
  expect(await roundNotifications(lecturer), 'a preview tells nobody').toBe(toldBefore);

  // While the confirmed round runs, the page shows how far it is. The demo round is over in a
  // blink, so the progress polled is played back: the answer to the round is held until the
  // page has shown the progress, and the progress is a big round's.
  let releaseRound = () => {};
  const progressSeen = new Promise<void>((resolve) => (releaseRound = resolve));
  await page.route(
    (url) => url.pathname === '/api/matching-rounds',
    async (route) => {
      if (route.request().method() === 'POST') {
        await progressSeen;
        await route.fallback();
        return;
      }
      await route.fulfill({
        json: {
          items: [
            {
              id: 'played-back',
              status: 'running',
              progress: { phase: 'candidates', done: 1200, total: 4000 },
              totalScore: 0,
              proposalCount: 0,
              asiaOffers: null,
              europeOffers: null,
              createdAt: new Date().toISOString(),
              finishedAt: null,
            },
          ],
        },
      });
    },
  );
  const confirmation = () =>
    page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        new URL(response.url()).pathname === '/api/matching-rounds',
    );
  const sentToken = await preview.locator('input[name="previewToken"]').inputValue();
  const answered = confirmation();
  await preview.getByRole('button', { name: 'Confirm and notify' }).click();
  await expect(page.getByText('Scoring partners: 1,200 of 4,000 offers')).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Progress of the matching round' });
  await expect(bar).toHaveAttribute('value', '1200');
  await expect(preview.getByRole('button', { name: 'Confirm and notify' })).toBeDisabled();
  await shot(page, 'rounds-progress');
  await expectAccessible(page);
  releaseRound();

  // When the round is stored, its results.
  await confirmedDespiteOtherTests(preview, sentToken, answered, confirmation);
  await expect(page).toHaveURL(/\/secretariat\/matching-rounds\/[^/?]+$/);
  await page.unrouteAll({ behavior: 'wait' });
  const roundId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1, name: /^Matching round of / })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByText('Done')).toBeVisible();
  await expect(summary.getByText('Asian offers left unpaired')).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Asian offer' })).toBeVisible();
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first().getByRole('cell').first()).toHaveText('1');
  // One unit for scores: "66% match", as on Find partners.
  await expect(rows.first().getByRole('meter')).toHaveAccessibleName(/^\d{1,3}% match$/);
  await expect(rows.first().getByRole('cell').nth(3)).toHaveText(/^\d{1,3}% match\s*$/);
  await expect(summary.getByText(/^\d{1,3}% match$/).first()).toBeVisible();
  // Times in the viewer's zone (the profile's, Brussels), not UTC.
  const createdAt = (
    (await (await page.request.get(`/api/matching-rounds/${roundId}`)).json()) as {
      createdAt: string;
    }
  ).createdAt;
  const inBrussels = new Intl.DateTimeFormat('en', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Brussels',
    timeZoneName: 'short',
  }).format(new Date(createdAt));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Matching round of ${inBrussels}`,
  );

  await expectAccessible(page);
  await shot(page, 'round-results-1280');
  await page.evaluate(() => document.querySelector('table')?.scrollIntoView());
  await shot(page, 'round-results-1280-table');
  await page.setViewportSize({ width: 375, height: 1200 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'round-results-375');
  await page.evaluate(() => document.querySelector('table')?.scrollIntoView());
  await shot(page, 'round-results-375-table');
  await page.setViewportSize({ width: 1280, height: 720 });

  // The round in the list, with a link to its results.
  await page.getByRole('link', { name: 'All matching rounds' }).click();
  const listedRound = page.locator(`tr[data-round="${roundId}"]`);
  await expect(listedRound.getByRole('cell', { name: 'Done' })).toBeVisible();
  await expect(listedRound.getByRole('rowheader')).toHaveText(inBrussels);
  await expect(listedRound.getByRole('cell', { name: /^\d{1,3}% match$/ })).toBeVisible();
  await expect(listedRound.getByRole('link', { name: /^See results/ })).toHaveAttribute(
    'href',
    `/secretariat/matching-rounds/${roundId}`,
  );
  await shot(page, 'rounds-list-after');

  // A lecturer whose offer the round paired finds the proposal above the suggestions, and
  // asks for the partnership from it (when nobody has asked yet).
  const round = await (await page.request.get(`/api/matching-rounds/${roundId}`)).json();
  const proposals = (round as { proposals: Proposal[] }).proposals;
  let checked = 0;
  let requested = false;
  for (const email of ['lecturer@twinning.test', 'lecturer.asia@twinning.test']) {
    const lecturer = await (await browser.newContext()).newPage();
    await logIn(lecturer, email);
    for (const { offerId, partnerId, partnerTitle } of await proposedOffersOf(
      lecturer,
      proposals,
    )) {
      await lecturer.goto(`/offers/${offerId}/partners`);
      const card = lecturer.getByRole('region', { name: /^Proposed by the matching round of / });
      await expect(card).toBeVisible();
      await expect(card.getByRole('link', { name: partnerTitle })).toBeVisible();
      await expect(card.getByText(/^\d{1,3}% match$/)).toBeVisible();
      // The proposed partner is shown once, in its box: not again among the suggestions.
      await expect(lecturer.locator(`main a[href="/offers/${partnerId}"]`)).toHaveCount(1);
      const opener = card.getByText('Request partnership');
      // Other journeys run beside this one on the demo data: an offer another test has matched
      // or closed since the round takes no request (the form is only for open offers).
      const own = await (await lecturer.request.get(`/api/offers/${offerId}`)).json();
      if ((own as { offer: { status: string } }).offer.status !== 'open') {
        await expect(opener).toHaveCount(0);
        continue;
      }
      await expect(
        opener.or(card.locator('[data-incoming-request], [data-outgoing-request], [data-agreed]')),
      ).toBeVisible();
      if (checked === 0) {
        await expectAccessible(lecturer);
        await shot(lecturer, 'proposal-card');
      }
      checked += 1;
      if (!requested && (await opener.count()) > 0) {
        await opener.click();
        await card.getByRole('button', { name: /^Send the request/ }).click();
        await expect(card.getByText(/^Request sent\./)).toBeVisible();
        await lecturer.reload();
        await expect(card.getByText(/^You asked for this partnership on /)).toBeVisible();
        await expect(card.getByText('Request partnership')).toHaveCount(0);
        await shot(lecturer, 'proposal-card-requested');
        requested = true;
      }
      if (requested) break;
    }
    await lecturer.context().close();
    if (requested) break;
  }
  expect(checked, 'a demo lecturer has an offer the round paired').toBeGreaterThan(0);

  // Now that the round is stored, its lecturers are told.
  expect(await roundNotifications(lecturer)).toBeGreaterThanOrEqual(toldBefore);
  await lecturer.context().close();

  // The results now tell which proposal was asked for.
  if (requested) {
    await page.goto(`/secretariat/matching-rounds/${roundId}`);
    await expect(page.getByRole('cell', { name: 'Requested', exact: true }).first()).toBeVisible();
  }
});

test('without JavaScript the secretariat previews and confirms a round', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/matching-rounds');
  await page.getByRole('button', { name: 'Preview a matching round' }).click();
  const preview = page.getByRole('region', { name: 'What this round would propose' });
  await expect(preview.getByRole('table', { name: /from the best to the weakest/ })).toBeVisible();
  const confirmation = () =>
    page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && new URL(response.url()).search === '?/confirm',
    );
  const sentToken = await preview.locator('input[name="previewToken"]').inputValue();
  const answered = confirmation();
  await preview.getByRole('button', { name: 'Confirm and notify' }).click();
  await confirmedDespiteOtherTests(preview, sentToken, answered, confirmation);
  await expect(page).toHaveURL(/\/secretariat\/matching-rounds\/[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Matching round of / })).toBeVisible();
  await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
  await context.close();
});

test('a confirmation the offers outdated shows the round as it stands now', async ({ page }) => {
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/matching-rounds');
  let previews = 0;
  page.on('requestfinished', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('?/preview')) previews += 1;
  });
  await page.getByRole('button', { name: 'Preview a matching round' }).click();
  const preview = page.getByRole('region', { name: 'What this round would propose' });
  await expect(preview).toBeVisible();
  await expect.poll(() => previews).toBe(1);
  const message =
    'The open offers or the balance goals changed since the preview, so the round would propose something else. Nothing was stored or sent: preview the round again.';
  let confirmations = 0;
  await page.route(
    (url) => url.pathname === '/api/matching-rounds',
    async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      confirmations += 1;
      await route.fulfill({ status: 409, json: { error: { code: 'preview_outdated', message } } });
    },
  );
  await preview.getByRole('button', { name: 'Confirm and notify' }).click();
  await expect(preview.getByRole('alert')).toContainText(/open offers changed since the preview/);
  await expect(preview.getByRole('alert')).toContainText(/confirm again/);
  await expect(preview.getByRole('button', { name: 'Confirm and notify' })).toBeEnabled();
  expect(confirmations).toBe(1);
  // Nothing was stored; the page worked the preview out again, to be confirmed again.
  await expect.poll(() => previews).toBe(2);
  await expect(preview.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL('/secretariat/matching-rounds');
});

test('a round refused while another runs says why', async ({ page }) => {
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/matching-rounds');
  await page.getByRole('button', { name: 'Preview a matching round' }).click();
  const preview = page.getByRole('region', { name: 'What this round would propose' });
  await expect(preview).toBeVisible();
  const message = 'A matching round is running already (other); wait for it to finish.';
  await page.route(
    (url) => url.pathname === '/api/matching-rounds',
    async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fulfill({ status: 409, json: { error: { code: 'conflict', message } } });
    },
  );
  await preview.getByRole('button', { name: 'Confirm and notify' }).click();
  await expect(page.getByRole('alert')).toHaveText(message);
  await expect(page.getByRole('alert')).toBeFocused();
  await expect(preview.getByRole('button', { name: 'Confirm and notify' })).toBeEnabled();
  await expect(page).toHaveURL('/secretariat/matching-rounds');
});

test('only the secretariat may open matching rounds', async ({ page }) => {
  await page.goto('/secretariat/matching-rounds');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsecretariat%2Fmatching-rounds/);

  await logIn(page, 'lecturer@twinning.test');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Matching rounds' }),
  ).toHaveCount(0);
  expect((await page.goto('/secretariat/matching-rounds'))?.status()).toBe(403);
});
