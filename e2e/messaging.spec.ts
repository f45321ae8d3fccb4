// Messaging between two lecturers in two browsers: live both ways over the WebSocket, typing,
// "Seen", a reload that shows every message in order, catch-up after going offline, and the
// notification bell counting a partnership request as it happens.
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { berlinTuesday, expectAccessible, logIn, postOffer, tokyoTuesday } from './helpers.ts';

const run = Date.now().toString(36);

// The tests share the two demo lecturers' direct conversation: one after the other.
test.describe.configure({ mode: 'default' });
const shots = '/tmp/shots/messaging';

/** Their offers: about cities and climate, for a class of 25. */
const climateOffer = {
  description:
    'Students compare how their cities plan for climate change and present a joint proposal.',
  classSize: 25,
};

async function userId(page: Page): Promise<string> {
  const reply = await page.request.get('/api/me');
  expect(reply.ok()).toBe(true);
  return ((await reply.json()) as { user: { id: string } }).user.id;
}

async function twoLecturers(browser: Browser) {
  const europe = await (await browser.newContext()).newPage();
  const asia = await (await browser.newContext()).newPage();
  await logIn(europe, 'lecturer@twinning.test');
  await logIn(asia, 'lecturer.asia@twinning.test');
  // Their direct conversation (the same one each time: the API finds the existing one).
  const reply = await europe.request.post('/api/conversations', {
    data: { userId: await userId(asia) },
  });
  expect([200, 201]).toContain(reply.status());
  const conversationId = ((await reply.json()) as { id: string }).id;
  return { europe, asia, conversationId };
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Your message');
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

function bodies(page: Page) {
  return page.getByRole('log').locator('li.message:not(.pending) .body');
}

test('two lecturers chat live, see typing and Seen, and a reload keeps every message in order', async ({
  browser,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  mkdirSync(shots, { recursive: true });
  const { europe, asia, conversationId } = await twoLecturers(browser);

  await europe.goto(`/messages/${conversationId}`);
  await asia.goto(`/messages/${conversationId}`);
  await expect(europe.getByRole('heading', { level: 1 })).toBeVisible();
  // The partner, with institution and country, in the header.
  await expect(europe.locator('.partners')).toContainText('Yuki');
  await expect(asia.getByLabel('Your message')).toBeVisible();
  // Both followed live (connected and caught up) before anyone types.
  await expect(europe.locator('.chat[data-live]')).toBeVisible();
  await expect(asia.locator('.chat[data-live]')).toBeVisible();

  // Typing shows on the other side.
  await europe.getByLabel('Your message').pressSequentially('Hel');
  await expect(asia.getByTestId('typing')).toContainText(/is typing…/);

  const first = `Hello from Berlin ${run}`;
  await send(europe, first);
  await expect(bodies(asia).last()).toHaveText(first);
  // The message is here: the typing line goes with it, not seconds later.
  await expect(asia.getByTestId('typing')).toBeEmpty({ timeout: 1_500 });
  const reply = `Hello from Kyoto ${run}, see https://example.org/plan.`;
  await send(asia, reply);
  await expect(bodies(europe).last()).toHaveText(reply);
  // The link is a safe link; the full stop stays text.
  const link = europe
    .getByRole('log')
    .getByRole('link', { name: /example\.org\/plan/ })
    .last();
  await expect(link).toHaveAttribute('href', 'https://example.org/plan');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(link).toHaveAttribute('target', '_blank');

  // Shift+Enter keeps a new line in the message.
  const box = europe.getByLabel('Your message');
  await box.fill('Line one');
  await box.press('Shift+Enter');
  await box.pressSequentially('line two');
  await box.press('Enter');
  await expect(bodies(asia).last()).toHaveText('Line one\nline two');
  // Asia has the view open, so it has read it: Europe sees "Seen" under its last message.
  await expect(europe.getByTestId('seen')).toBeVisible();

  // A burst from both sides, then Asia reloads mid-conversation: every message, in order, once.
  const burst = [1, 2, 3].map((i) => `burst ${i} ${run}`);
  for (const text of burst) await send(europe, text);
  await expect(bodies(asia).last()).toHaveText(burst[2]!);
  await asia.reload();
  await expect(bodies(asia).last()).toHaveText(burst[2]!);
  const seen = await bodies(asia).allTextContents();
  const expected = [first, reply, 'Line one\nline two', ...burst];
  expect(seen.slice(-expected.length)).toEqual(expected);
  const seqs = await asia
    .getByRole('log')
    .locator('li.message[data-seq]')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-seq'))));
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);

  // Going offline: the banner shows; messages sent meanwhile catch up without doubles.
  await asia.context().setOffline(true);
  await expect(asia.getByTestId('reconnecting')).toBeVisible();
  await asia.screenshot({ path: `${shots}/reconnecting.png` });
  const whileAway = `While you were away ${run}`;
  await send(europe, whileAway);
  await asia.context().setOffline(false);
  await expect(bodies(asia).last()).toHaveText(whileAway, { timeout: 20_000 });
  await expect(asia.getByTestId('reconnecting')).toBeHidden({ timeout: 20_000 });
  const after = await bodies(asia).allTextContents();
  expect(after.filter((t) => t === whileAway)).toHaveLength(1);

  // The typing indicator goes away a few seconds after the last typing frame.
  await expect(europe.getByTestId('typing')).toHaveText('', { timeout: 8_000 });
  await expectAccessible(europe);
  await europe.screenshot({ path: `${shots}/conversation-1280.png`, fullPage: false });

  // Phone width: nothing sticks out sideways and the composer is on screen.
  await europe.setViewportSize({ width: 375, height: 740 });
  await europe.reload();
  await expect(europe.getByLabel('Your message')).toBeInViewport();
  const width = await europe.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await europe.screenshot({ path: `${shots}/conversation-375.png` });
  await expectAccessible(europe);

  // The list: this conversation with the last message; accessible.
  await europe.setViewportSize({ width: 1280, height: 800 });
  await europe.goto('/messages');
  const item = europe.getByRole('listitem').filter({ hasText: whileAway });
  await expect(item).toBeVisible();
  await expectAccessible(europe);
  await europe.screenshot({ path: `${shots}/conversations.png`, fullPage: true });

  await europe.context().close();
  await asia.context().close();
});

test('the list updates live: a new message moves up with an unread count that reading clears', async ({
  browser,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  const { europe, asia, conversationId } = await twoLecturers(browser);
  await asia.goto('/messages');
  await europe.goto(`/messages/${conversationId}`);
  const text = `Are you there? ${run}`;
  await send(europe, text);
  const item = asia.getByRole('listitem').filter({ hasText: text });
  await expect(item.getByTestId('conversation-unread')).toBeVisible();
  await expect(asia.getByTestId('messages-unread')).toBeVisible();
  await expect(
    asia.getByRole('list', { name: 'Conversations' }).getByRole('listitem').first(),
  ).toContainText(text);
  // Reading it in another tab of the same user clears the count here.
  const asiaTab = await asia.context().newPage();
  await asiaTab.goto(`/messages/${conversationId}`);
  await expect(bodies(asiaTab).last()).toHaveText(text);
  await expect(item.getByTestId('conversation-unread')).toBeHidden();
  await europe.context().close();
  await asia.context().close();
});

test('the bell counts a partnership request live and lists it', async ({ browser }) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  mkdirSync(shots, { recursive: true });
  const europe = await (await browser.newContext()).newPage();
  const asia = await (await browser.newContext()).newPage();
  await logIn(europe, 'lecturer@twinning.test');
  await logIn(asia, 'lecturer.asia@twinning.test');
  // Start from nothing unread, so the count that appears is this request's. Other specs run in
  // parallel and may notify this lecturer meanwhile (a matching round, a request): mark read
  // again until the page opens with nothing unread.
  const bell = asia.getByRole('button', { name: /^Notifications/ });
  await expect(async () => {
    await asia.request.post('/api/notifications/read', { data: {} });
    await asia.goto('/my/offers');
    await expect(bell).toBeVisible();
    await expect(asia.getByTestId('notifications-count')).toBeHidden({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  const mine = await postOffer(europe, {
    ...climateOffer,
    ...berlinTuesday,
    title: `Climate-ready cities ${run}`,
  });
  const theirs = await postOffer(asia, {
    ...climateOffer,
    ...tokyoTuesday,
    title: `Cities and climate ${run}`,
  });
  const request = await europe.request.post('/api/partnerships', {
    data: { offerId: mine, partnerOfferId: theirs, message: 'Shall we?' },
  });
  expect(request.status(), await request.text()).toBe(201);
  const { id: partnershipId, conversationId } = (await request.json()) as {
    id: string;
    conversationId: string;
  };

  await expect(asia.getByTestId('notifications-count')).toBeVisible();
  await bell.click();
  await expect(bell).toHaveAttribute('aria-expanded', 'true');
  const panel = asia.getByRole('region', { name: 'Notifications' });
  // It names who asked and both offers, and leads to that very partnership.
  const notification = panel.getByRole('link', {
    name: new RegExp(
      `^\\S.* asks to partner their “Climate-ready cities ${run}” with your “Cities and climate ${run}”\\.$`,
    ),
  });
  await expect(notification).toBeVisible();
  await expect(notification).toHaveAttribute(
    'href',
    `/my/partnerships#partnership-${partnershipId}`,
  );
  await expectAccessible(asia);
  await asia.screenshot({ path: `${shots}/notifications-open.png` });
  await asia.keyboard.press('Escape');
  await expect(bell).toHaveAttribute('aria-expanded', 'false');
  await expect(bell).toBeFocused();
  await bell.click();
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(asia.getByTestId('notifications-count')).toBeHidden();

  // The request's conversation is linked from My partnerships.
  await asia.goto('/my/partnerships');
  const card = asia.getByRole('listitem').filter({ hasText: `Climate-ready cities ${run}` });
  await card.getByRole('link', { name: /^Message/ }).click();
  await expect(asia).toHaveURL(`/messages/${conversationId}`);
  // The request's own message opens the conversation.
  await expect(bodies(asia)).toHaveText(['Shall we?']);

  await europe.context().close();
  await asia.context().close();
});

test('a lecturer messages an offer owner from the offer page; a stranger is refused', async ({
  browser,
}) => {
  const europe = await (await browser.newContext()).newPage();
  await logIn(europe, 'lecturer@twinning.test');
  const asia = await (await browser.newContext()).newPage();
  await logIn(asia, 'lecturer.asia@twinning.test');
  const reply = await asia.request.get('/api/offers?owner=me&limit=1');
  const offerId = ((await reply.json()) as { items: { id: string }[] }).items[0]!.id;
  await europe.goto(`/offers/${offerId}`);
  await europe.getByRole('button', { name: 'Message the lecturer' }).click();
  await expect(europe).toHaveURL(/\/messages\/[^/]+$/);
  await expect(europe.locator('.partners')).toContainText('Yuki');
  const url = europe.url();

  const student = await (await browser.newContext()).newPage();
  await logIn(student, 'student@twinning.test');
  const refused = await student.goto(url);
  expect(refused?.status()).toBe(403);
  await expect(student.getByText('Only the members of a conversation can read it.')).toBeVisible();
  await europe.context().close();
  await asia.context().close();
  await student.context().close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the list and the history show; sending says it needs JavaScript', async ({ page }) => {
    await logIn(page, 'lecturer@twinning.test');
    await page.goto('/messages');
    await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
    const first = page.getByRole('list', { name: 'Conversations' }).getByRole('link').first();
    await first.click();
    await expect(page.getByRole('log')).toBeVisible();
    await expect(page.getByText('Sending messages needs JavaScript.')).toBeVisible();
  });

  test("message times show in each reader's own time zone, not the server's", async ({
    browser,
  }) => {
    // Jonas (profile: Europe/Berlin) and Yuki (profile: Asia/Tokyo) read one conversation.
    const europe = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await logIn(europe, 'lecturer@twinning.test');
    await europe.goto('/messages');
    await europe
      .getByRole('list', { name: 'Conversations' })
      .getByRole('listitem')
      .filter({ hasText: 'Yuki', has: europe.locator('time') })
      .first()
      .getByRole('link')
      .click();
    await expect(europe.getByRole('log')).toBeVisible();
    const asia = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await logIn(asia, 'lecturer.asia@twinning.test');
    await asia.goto(europe.url());

    for (const [page, zone] of [
      [europe, 'Europe/Berlin'],
      [asia, 'Asia/Tokyo'],
    ] as const) {
      const times = page.getByRole('log').locator('li.message time');
      const count = await times.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const at = new Date((await times.nth(i).getAttribute('datetime')) ?? '');
        const clock = new Intl.DateTimeFormat('en', {
          hour: 'numeric',
          minute: '2-digit',
          timeZone: zone,
        }).format(at);
        await expect(times.nth(i)).toContainText(clock);
        // The full moment, with its zone, for whoever hovers.
        await expect(times.nth(i)).toHaveAttribute('title', new RegExp(clock));
      }
    }
    await europe.context().close();
    await asia.context().close();
  });
});
