// Account recovery in the browser (issue 13, item 4): sign up, confirm the address from the mail,
// post an offer; forget the password, reset it from the mail, log in — and every session that
// was open before, on this device and another one, is gone.
import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  linkIn,
  logIn,
  nextMail,
  postOffer,
  tokyoTuesday,
  uniqueEmail,
} from './helpers.ts';

const firstPassword = 'a long enough password';
const newPassword = 'granite meadow pelican orchard';

test('sign up, verify, post an offer; forget the password, reset it from the mail, log in; the old sessions are gone', async ({
  page,
  browser,
}) => {
  // A whole journey: sign-up, two mails, several log-ins with Argon2 and a second browser.
  test.slow();
  const email = uniqueEmail('h.sato').replace('example.org', 'kyoto-u.ac.jp');
  await page.goto('/signup');
  await page.getByLabel('Lecturer').check();
  await page.getByLabel('Country').selectOption('JP');
  await page.getByRole('button', { name: 'Show institutions' }).click();
  await page.getByLabel('Institution', { exact: true }).selectOption({ label: 'Kyoto University' });
  await page.getByLabel('Lecturer').check();
  await page.getByLabel('Full name').fill('Haruto Sato');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(firstPassword);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL('/');

  await page.goto(linkIn(await nextMail(email), '/verify-email'));
  await expect(page.getByText('your address is confirmed')).toBeVisible();
  const title = `Coastal cities ${Date.now().toString(36)}`;
  const offerId = await postOffer(page, { title, ...tokyoTuesday });
  await page.goto(`/offers/${offerId}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // A second device is signed in too.
  const phone = await (await browser.newContext()).newPage();
  await logIn(phone, email, firstPassword);

  // Forgotten: from the log-in page, in another browser with no session.
  const lost = await (await browser.newContext()).newPage();
  await lost.goto('/login');
  await lost.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(lost).toHaveURL('/forgot-password');
  await expectAccessible(lost);
  await lost.getByLabel('Email address').fill(email);
  await lost.getByRole('button', { name: 'Send me a link' }).click();
  await expect(lost.getByRole('status')).toContainText('If an account has this address');

  const mail = await nextMail(email);
  expect(mail.subject).toBe('Reset your Twinning password');
  expect(mail.listUnsubscribe).toBeNull();
  await lost.goto(linkIn(mail, '/reset-password'));
  await expectAccessible(lost);

  // A weak password is refused with the reason; the link still works after it.
  await lost.getByLabel('New password', { exact: true }).fill('haruto sato 1990');
  await lost.getByLabel('New password again').fill('haruto sato 1990');
  await lost.getByRole('button', { name: 'Set new password' }).click();
  await expect(lost.getByText(/must not contain your name/i)).toBeVisible();

  await lost.getByLabel('New password', { exact: true }).fill(newPassword);
  await lost.getByLabel('New password again').fill(newPassword);
  await lost.getByRole('button', { name: 'Set new password' }).click();
  await expect(lost).toHaveURL('/login?done=password-reset');
  await expect(lost.getByRole('status')).toContainText(
    'every device that was signed in is logged out',
  );

  // The link works once.
  await lost.goto(linkIn(mail, '/reset-password'));
  await lost.getByLabel('New password', { exact: true }).fill('another quiet harbour lamp');
  await lost.getByLabel('New password again').fill('another quiet harbour lamp');
  await lost.getByRole('button', { name: 'Set new password' }).click();
  await expect(lost.getByRole('alert')).toContainText('it was used already');
  await expect(lost.getByRole('link', { name: 'Get a new link' })).toBeVisible();

  // The sessions of before are gone, on both devices: their pages ask to log in.
  for (const device of [page, phone]) {
    await device.goto('/settings/security');
    await expect(device).toHaveURL(/\/login\?redirectTo=/);
  }

  // The old password no longer works; the new one does, and this is the only session.
  await lost.goto('/login');
  await lost.getByLabel('Email address').fill(email);
  await lost.getByLabel('Password').fill(firstPassword);
  await lost.getByRole('button', { name: 'Log in' }).click();
  await expect(lost.getByRole('alert')).toContainText('Wrong email or password.');
  await logIn(lost, email, newPassword);
  await lost.goto('/settings/security');
  await expect(lost.getByTestId('sessions').getByRole('listitem')).toHaveCount(1);
  await expect(lost.getByText('You are signed in on this device only.')).toBeVisible();
  // The offer posted before is still the account's.
  await lost.goto('/my/offers');
  await expect(lost.getByRole('link', { name: title, exact: true })).toBeVisible();
});

test('a reset page without a working link explains itself and leads to a new one', async ({
  page,
}) => {
  await page.goto('/reset-password');
  await expect(page.getByRole('alert')).toContainText(
    'needs the link from the password-reset mail',
  );
  await page.goto('/reset-password?token=not-a-real-token');
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('New password again').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toContainText('links work for 1 hour');
  await page.getByRole('link', { name: 'Get a new link' }).click();
  await expect(page).toHaveURL('/forgot-password');
});

test('a “still open?” link that is not the mail’s changes nothing and says so', async ({
  page,
}) => {
  // The mail itself comes at 60 days: route tests move the clock for it (still-open.spec.ts).
  const listed = await page.request.get('/api/offers?limit=1');
  const [offer] = ((await listed.json()) as { items: { id: string; title: string }[] }).items;
  await page.goto(`/offers/${offer!.id}/still-open?token=not-a-real-token&action=close`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Is your offer still open?');
  await expect(page.getByText(offer!.title)).toBeVisible();
  await expectAccessible(page);
  // The link's answer first, the other beside it.
  const buttons = page.locator('main form button');
  await expect(buttons).toHaveText(['No, close it', 'Yes, it is still open']);
  await buttons.first().click();
  await expect(page.getByRole('alert')).toContainText('This link does not work for this offer');
  const still = await page.request.get(`/api/offers/${offer!.id}`);
  expect(((await still.json()) as { offer: { status: string } }).offer.status).toBe('open');
});
