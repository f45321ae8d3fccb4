// Unsubscribing from notification mail as people do it: the footer link of a real notification
// mail (a student's application reaching a lecturer) leads to one button, the settings then say
// "Off", and the mail's List-Unsubscribe header works as a mail client's one-click POST (RFC 8058).
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  berlinTuesday,
  expectAccessible,
  linkIn,
  nextMail,
  postOffer,
  uniqueEmail,
  verifyEmailByMail,
} from './helpers.ts';

/** A new, verified account of `role` in its own browser context (signed in). */
async function newAccount(
  browser: Browser,
  role: 'lecturer' | 'student',
  name: string,
  institution?: { id: string; domains: string[] },
): Promise<{ page: Page; email: string }> {
  const page = await (await browser.newContext()).newPage();
  const email = institution
    ? uniqueEmail(name.split(' ')[0]!.toLowerCase()).replace('example.org', institution.domains[0]!)
    : uniqueEmail(name.split(' ')[0]!.toLowerCase());
  const signup = await page.request.post('/api/auth/signup', {
    data: {
      email,
      password: 'a long enough password',
      name,
      role,
      ...(institution ? { institutionId: institution.id } : {}),
    },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  await verifyEmailByMail(page, email);
  return { page, email };
}

test('the footer link of a notification mail stops notification mail; the settings say so', async ({
  browser,
  request,
}) => {
  test.slow(); // instant mail goes out with the minute's mail run: the limit only catches a hang
  // A verified German institution with a web domain: an address there joins it once confirmed.
  const listed = await request.get('/api/institutions?country=DE&verified=true&limit=100');
  const { items } = (await listed.json()) as { items: { id: string; domains: string[] }[] };
  const institution = items.find((i) => i.domains.length > 0);
  if (!institution) throw new Error('the demo data has no verified German institution');

  const lecturer = await newAccount(browser, 'lecturer', 'Lena Vogt', institution);
  const offerId = await postOffer(lecturer.page, {
    ...berlinTuesday,
    title: 'Urban water in two climates',
    openToStudents: true,
  });
  const student = await newAccount(browser, 'student', 'Ravi Sharma');
  const applied = await student.page.request.post(`/api/offers/${offerId}/applications`, {
    data: {
      motivation: 'I study civil engineering and want to compare storm-water systems with peers.',
    },
  });
  expect(applied.status(), await applied.text()).toBe(201);

  // The lecturer hears of it by mail, with both ways out of notification mail.
  const mail = await nextMail(lecturer.email);
  expect(mail.subject).toContain('Urban water in two climates');
  expect(mail.listUnsubscribe).toMatch(/^<https?:\/\/[^>]+\/api\/mail\/unsubscribe\?token=[^>]+>$/);

  await lecturer.page.goto(linkIn(mail, '/unsubscribe'));
  await expect(
    lecturer.page.getByRole('heading', { name: 'Stop notification mail' }),
  ).toBeVisible();
  await expectAccessible(lecturer.page);
  await lecturer.page.getByRole('button', { name: 'Stop notification mail' }).click();
  await expect(lecturer.page.getByRole('status')).toContainText(
    'Twinning sends you no more notification mail',
  );
  await lecturer.page.goto('/settings');
  await expect(lecturer.page.getByLabel('Off', { exact: true })).toBeChecked();

  // A mail client's one-click unsubscribe: a form POST to the header's address, no session.
  const oneClick = mail.listUnsubscribe!.slice(1, -1);
  const posted = await request.post(oneClick, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(posted.status(), await posted.text()).toBe(200);
  expect(await posted.json()).toEqual({ emailNotifications: 'off' });

  await lecturer.page.context().close();
  await student.page.context().close();
});

test('a cut unsubscribe link changes nothing and says what to do', async ({ page }) => {
  await page.goto('/unsubscribe?token=not-a-token');
  await page.getByRole('button', { name: 'Stop notification mail' }).click();
  await expect(page.getByRole('alert')).toContainText('This link is not valid');
  await expect(page.getByRole('main').getByRole('link', { name: 'Log in' })).toBeVisible();
});
