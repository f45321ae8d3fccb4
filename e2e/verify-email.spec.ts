// Verified e-mail in the browser: sign up, the notice says what to do, the mail arrives (at the
// test run's mail sink), the pages that would act say what to do instead of their forms, its link
// confirms the address, and the account acts — a lecturer posts an offer. A bad link explains
// itself and offers a new one.
import { expect, test } from '@playwright/test';
import { linkIn, logIn, nextMail, uniqueEmail, verifyEmailByMail } from './helpers.ts';

test('a lecturer signs up, follows the link of the mail, and posts an offer', async ({ page }) => {
  // A whole journey: sign-up, the mail, and an offer form filled field by field.
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
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL('/');

  // Until the address is confirmed, every page says what to do.
  const notice = page.locator('.verify-notice');
  await expect(notice).toContainText(email);
  await expect(notice.getByRole('button', { name: 'Send the link again' })).toBeVisible();

  // The pages that would act say what to do in place of a form that would fail, with "send the
  // link again" once (the notice steps back).
  await page.goto('/offers/new');
  const gate = page.getByTestId('email-gate');
  await expect(gate).toContainText(
    `Confirm your e-mail address before you post an offer: open the link we sent to ${email}`,
  );
  await expect(page.getByLabel('Title')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send the link again' })).toHaveCount(1);
  const listed = await page.request.get('/api/offers?limit=1');
  const [offer] = ((await listed.json()) as { items: { id: string }[] }).items;
  await page.goto(`/offers/${offer!.id}`);
  await expect(gate).toContainText('Confirm your e-mail address before you write to anyone');
  await expect(page.getByRole('button', { name: 'Message the lecturer' })).toHaveCount(0);

  const mail = await nextMail(email);
  expect(mail.subject).toBe('Confirm your e-mail address for Twinning');
  expect(mail.html).toContain('Confirm my address');
  expect(mail.listUnsubscribe).toBeNull();
  await page.goto(linkIn(mail, '/verify-email'));
  await expect(page.getByText('your address is confirmed')).toBeVisible();

  // Following it again: used.
  await page.goto(linkIn(mail, '/verify-email'));
  await expect(page.getByRole('alert')).toContainText('it was used already');

  await page.goto('/');
  await expect(page.getByText('Confirm your e-mail address')).toHaveCount(0);

  const title = `Water in river cities ${Date.now().toString(36)}`;
  await page.goto('/offers/new');
  await page.getByLabel('Title').fill(title);
  await page
    .getByLabel('Description')
    .fill('Students compare how their cities manage floods and droughts, and present together.');
  await page.getByLabel('Virtual exchange').check();
  await page.getByLabel('Find a field').fill('journalism');
  await page.getByLabel('0321 Journalism and reporting').check();
  await page.getByLabel('13 Climate action').check();
  await page.getByLabel('Language', { exact: true }).first().selectOption('en');
  await page.getByLabel('Your participants’ level').first().selectOption('C1');
  await page.getByLabel("Bachelor's or equivalent (ISCED 6)").check();
  await page.getByLabel('Class size').fill('24');
  await page.getByLabel('First day').fill('2027-04-12');
  await page.getByLabel('Last day').fill('2027-07-16');
  await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
  await page.getByLabel('Day', { exact: true }).first().selectOption('2');
  await page.getByLabel('From', { exact: true }).first().fill('09:00');
  await page.getByLabel('To', { exact: true }).first().fill('11:00');
  await page.getByRole('button', { name: 'Post offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Your offer is posted.' })).toBeVisible();
});

test('the notice sends the link again, and the new mail works', async ({ page }) => {
  const email = uniqueEmail('mia');
  await page.goto('/signup');
  await page.getByLabel('Student').check();
  await page.getByLabel('Full name').fill('Mia Chen');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL('/');
  await nextMail(email);

  await page.getByRole('button', { name: 'Send the link again' }).click();
  await expect(page).toHaveURL(/\/verify-email/);
  await expect(page.getByText('A new link is on its way')).toBeVisible();
  const again = await nextMail(email);
  await page.goto(linkIn(again, '/verify-email'));
  await expect(page.getByText('your address is confirmed')).toBeVisible();
});

test('a bad link explains itself', async ({ page }) => {
  await page.goto('/verify-email?token=not-a-real-token');
  await expect(page.getByRole('alert')).toContainText('links work for 24 hours');
  await expect(page.getByText('Log in to send yourself a new link.')).toBeVisible();
});

test('someone writes to an unverified account: its answer waits for the link', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('tam');
  const signup = await page.request.post('/api/auth/signup', {
    data: { email, password: 'a long enough password', name: 'Tam Vo', role: 'student' },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  const studentId = ((await signup.json()) as { user: { id: string } }).user.id;
  const office = await (await browser.newContext()).newPage();
  await logIn(office, 'secretariat@twinning.test');
  const started = await office.request.post('/api/conversations', {
    data: { userId: studentId },
  });
  expect(started.status(), await started.text()).toBe(201);
  const conversationPath = `/messages/${((await started.json()) as { id: string }).id}`;
  await office.context().close();

  // In place of the composer: what to do, with "send the link again".
  await page.goto(conversationPath);
  await expect(page.getByTestId('email-gate')).toContainText(
    `Confirm your e-mail address before you write to anyone: open the link we sent to ${email}`,
  );
  await expect(page.getByLabel('Your message')).toHaveCount(0);

  await verifyEmailByMail(page, email);
  await page.goto(conversationPath);
  await expect(page.locator('.chat[data-live]')).toBeVisible();
  const box = page.getByLabel('Your message');
  await box.fill('Thank you, I have a question about the exchange.');
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(page.getByText('Thank you, I have a question about the exchange.')).toBeVisible();
});
