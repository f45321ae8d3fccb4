// Matching rounds: the secretariat runs one from Matching rounds (with JavaScript, watching its
// progress; without, a plain form post), lands on its results and finds it in the list; a
// lecturer whose offer the round paired sees the proposal on that offer's Find partners page.
// One round runs at a time, so the tests in this file run one after another.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
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

test('the secretariat runs a matching round and a lecturer sees its proposal', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
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

  // While the round runs, the page shows how far it is. The demo round is over in a blink, so
  // the progress polled is played back slower: the answer to the round waits a little, and
  // the progress is a big round's.
  await page.route(
    (url) => url.pathname === '/api/matching-rounds',
    async (route) => {
      if (route.request().method() === 'POST') {
        await new Promise((resolve) => setTimeout(resolve, 1500));
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
  await page.getByRole('button', { name: 'Run a matching round' }).click();
  await expect(page.getByText('Scoring partners: 1,200 of 4,000 offers')).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Progress of the matching round' });
  await expect(bar).toHaveAttribute('value', '1200');
  await expect(page.getByRole('button', { name: 'Run a matching round' })).toBeDisabled();
  await shot(page, 'rounds-progress');
  await expectAccessible(page);

  // When the round is stored, its results.
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
  await expect(rows.first().getByRole('meter')).toHaveAccessibleName(/^Score \d\.\d\d$/);
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
  const listed = page.locator(`tr[data-round="${roundId}"]`);
  await expect(listed.getByRole('cell', { name: 'Done' })).toBeVisible();
  await expect(listed.getByRole('link', { name: /^See results/ })).toHaveAttribute(
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

  // The results now tell which proposal was asked for.
  if (requested) {
    await page.goto(`/secretariat/matching-rounds/${roundId}`);
    await expect(page.getByRole('cell', { name: 'Requested', exact: true }).first()).toBeVisible();
  }
});

test('the round button works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/matching-rounds');
  await page.getByRole('button', { name: 'Run a matching round' }).click();
  await expect(page).toHaveURL(/\/secretariat\/matching-rounds\/[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Matching round of / })).toBeVisible();
  await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
  await context.close();
});

test('a round refused while another runs says why', async ({ page }) => {
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/matching-rounds');
  const message = 'A matching round is running already (other); wait for it to finish.';
  await page.route(
    (url) => url.pathname === '/api/matching-rounds',
    async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fulfill({ status: 409, json: { error: { code: 'conflict', message } } });
    },
  );
  await page.getByRole('button', { name: 'Run a matching round' }).click();
  await expect(page.getByRole('alert')).toHaveText(message);
  await expect(page.getByRole('alert')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Run a matching round' })).toBeEnabled();
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
