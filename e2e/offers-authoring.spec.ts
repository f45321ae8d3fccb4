// Offers from both sides: a lecturer posts one through the authoring form (one refused field,
// then fixed), a new student applies from the offer page, the owner accepts and closes it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, logIn, uniqueEmail, verifyEmailByMail } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

const title = `Data journalism across borders ${Date.now().toString(36)}`;
let offerPath = '';

async function studentPage(browser: Browser, timezoneId: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId });
  return context.newPage();
}

test('a lecturer posts an offer, fixes a refused field and sees its windows in both zones', async ({
  page,
}) => {
  // A long journey: the whole form sent twice, four accessibility scans, a second browser.
  test.slow();
  await logIn(page, 'lecturer@twinning.test');
  await page.goto('/offers/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Post an offer' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Title').fill(title);
  await page
    .getByLabel('Description')
    .fill('Students pair up across regions to investigate open data and publish joint stories.');
  await page.getByLabel('Virtual exchange').check();
  await page.getByLabel('Find a field').fill('journalism');
  await page.getByLabel('0321 Journalism and reporting').check();
  await expect(page.getByText('1 of 5 chosen')).toBeVisible();
  await page.getByLabel('13 Climate action').check();
  await page.getByLabel('Language', { exact: true }).first().selectOption('en');
  await page.getByLabel('Your participants’ level').first().selectOption('C1');
  await page.getByLabel("Bachelor's or equivalent (ISCED 6)").check();
  await page.getByLabel('Class size').fill('24');
  await page.getByLabel('Open to student applications').check();
  await page.getByLabel('First day').fill('2027-04-12');
  // Refused: the last day comes before the first.
  await page.getByLabel('Last day').fill('2027-03-01');
  await page.getByLabel('Time zone').selectOption('Europe/Berlin');
  await page.getByLabel('Day', { exact: true }).first().selectOption('2');
  await page.getByLabel('From', { exact: true }).first().fill('09:00');
  await page.getByLabel('To', { exact: true }).first().fill('11:00');
  // Live: the window in the other region's zones, for the term's first week (summer time).
  const conversion = page.locator('#windows');
  await expect(conversion).toContainText('Tue 16:00–18:00 Tokyo');
  await expect(conversion).toContainText('Tue 12:30–14:30 Kolkata');

  await page.getByRole('button', { name: 'Post offer' }).click();
  const lastDay = page.getByLabel('Last day');
  await expect(lastDay).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-endDate-error')).toContainText('on or after the start date');
  await expect(page.getByRole('alert')).toContainText('Last day');
  // Nothing typed is lost.
  await expect(page.getByLabel('Title')).toHaveValue(title);
  await expect(page.getByLabel('0321 Journalism and reporting')).toBeChecked();
  await expect(page.getByLabel('From', { exact: true }).first()).toHaveValue('09:00');
  await expect(page.getByLabel('Open to student applications')).toBeChecked();
  await expectAccessible(page);

  await lastDay.fill('2027-07-16');
  await page.getByRole('button', { name: 'Post offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/offers\/[^/]+$/);
  offerPath = new URL(page.url()).pathname;
  // Said once that it is posted, with the next step; the page sits under My offers.
  const posted = page.getByRole('status').filter({ hasText: 'Your offer is posted.' });
  await expect(posted).toBeVisible();
  await expect(posted.getByRole('link', { name: 'Find partners' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My offers' })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(nav.getByRole('link', { name: 'Offers', exact: true })).not.toHaveAttribute(
    'aria-current',
  );
  await expect(page.getByRole('link', { name: 'My offers' }).first()).toBeVisible();
  await expect(page.getByText('Open', { exact: true })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('14 weeks');
  await expect(page.getByRole('main')).toContainText('Journalism and reporting');
  await expect(page.getByRole('table')).toContainText('Tue 09:00–11:00');
  await expectAccessible(page);

  // A visitor in Tokyo sees the window in the offer's time and in their own.
  const visitor = await studentPage(page.context().browser()!, 'Asia/Tokyo');
  await visitor.goto(offerPath);
  const table = visitor.getByRole('table');
  await expect(table).toContainText('Offer’s time (Berlin)');
  await expect(table).toContainText('Your time (Tokyo)');
  await expect(table).toContainText('Tue 16:00–18:00');
  await expect(visitor.getByRole('link', { name: 'Log in to apply' })).toBeVisible();
  await visitor.context().close();

  // Saving an edit says so too; a reload says nothing again.
  await page.getByRole('link', { name: 'Edit offer' }).click();
  await expect(nav.getByRole('link', { name: 'My offers' })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await page.getByLabel('Class size').fill('26');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(offerPath);
  await expect(
    page.getByRole('status').filter({ hasText: 'Your changes are saved.' }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Your changes are saved.')).toHaveCount(0);
  await expect(page.getByText('Your offer is posted.')).toHaveCount(0);

  await page.goto('/my/offers');
  await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();
  await expectAccessible(page);
});

test('a new student applies and the owner accepts, then closes the offer', async ({
  page,
  browser,
}) => {
  // A long journey: sign-up, application, decision and closing, in two browsers.
  test.slow();
  expect(offerPath).not.toBe('');
  const student = await studentPage(browser, 'Asia/Bangkok');
  await student.goto(offerPath);
  await student.getByRole('link', { name: 'Sign up to apply' }).click();
  await expect(student).toHaveURL(/\/signup\?/);
  await expect(student.getByRole('radio', { name: 'Student' })).toBeChecked();
  await student.getByLabel('Full name').fill('Niran Suksai');
  const studentEmail = uniqueEmail('niran');
  await student.getByLabel('Email address').fill(studentEmail);
  await student.getByLabel('Password').fill('a long enough password');
  await student.getByRole('button', { name: 'Create account' }).click();
  await expect(student).toHaveURL(offerPath);

  // Not verified yet: the page says what to do in place of the form, with "send the link again"
  // (once: the site-wide notice steps back).
  const gate = student.getByTestId('email-gate');
  await expect(gate).toContainText('Confirm your e-mail address before you apply');
  await expect(gate).toContainText(studentEmail);
  await expect(student.getByRole('button', { name: 'Send the link again' })).toHaveCount(1);
  await expect(student.getByLabel('Your motivation')).toHaveCount(0);
  await verifyEmailByMail(student, studentEmail);
  await student.goto(offerPath);

  const motivation = student.getByLabel('Your motivation');
  await motivation.fill('Too short.');
  await student.getByRole('button', { name: 'Send application' }).click();
  await expect(motivation).toHaveAttribute('aria-invalid', 'true');
  await motivation.fill(
    'I study journalism in Bangkok and would love to build a data story with students in Germany.',
  );
  await student.getByRole('button', { name: 'Send application' }).click();
  await expect(student.getByText('Application sent.')).toBeVisible();
  await expect(
    student.getByRole('main').getByRole('link', { name: 'My applications' }),
  ).toBeVisible();

  await logIn(page, 'lecturer@twinning.test');
  await page.goto(offerPath);
  await page.getByRole('link', { name: 'Applications (1)' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Niran Suksai' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('build a data story');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Accept the application of Niran Suksai' }).click();
  await expect(page.getByText('You accepted the application of Niran Suksai.')).toBeVisible();
  await expect(page.locator('.application .badge')).toHaveText('Accepted');
  await expect(page.getByRole('button', { name: /Accept/ })).toHaveCount(0);

  await student.reload();
  await expect(student.getByText('Status: Accepted.')).toBeVisible();

  // The student cannot take part after all and withdraws (asked to confirm first); the owner
  // sees it among the applications.
  await student.goto('/my/applications');
  const mine = student.getByRole('listitem').filter({ hasText: title });
  await mine.getByRole('button', { name: `Withdraw the application to ${title}` }).click();
  await expect(
    mine.getByRole('heading', { name: `Withdraw your application to “${title}”?` }),
  ).toBeFocused();
  await expectAccessible(student);
  await mine.getByRole('button', { name: 'Yes, withdraw it' }).click();
  await expect(student.getByText(`You withdrew your application to “${title}”.`)).toBeVisible();
  await expect(mine).toContainText('Withdrawn');
  await page.reload();
  await expect(page.locator('.application .badge')).toHaveText('Withdrawn by the student');
  await student.context().close();

  // Closing asks first.
  await page.goto(offerPath);
  await page.getByRole('button', { name: 'Close offer' }).click();
  await expect(page.getByRole('heading', { name: 'Close this offer?' })).toBeVisible();
  await page.getByRole('button', { name: 'Yes, close the offer' }).click();
  await expect(page.getByText('The offer is closed.')).toBeVisible();
  await expect(page.getByText('Closed', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit offer' })).toHaveCount(0);
});

test('a student withdraws an application without JavaScript', async ({ browser }) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  // An open offer that takes students, from the demo data.
  const student = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await student.goto('/signup?role=student');
  await student.getByLabel('Full name').fill('Mai Nguyen');
  const studentEmail = uniqueEmail('mai');
  await student.getByLabel('Email address').fill(studentEmail);
  await student.getByLabel('Password').fill('a long enough password');
  await student.getByRole('button', { name: 'Create account' }).click();
  await expect(student.getByRole('button', { name: 'Log out' })).toBeVisible();
  await verifyEmailByMail(student, studentEmail);
  const listed = await student.request.get('/api/offers?openToStudents=true&limit=1');
  const [offer] = ((await listed.json()) as { items: { id: string; title: string }[] }).items;
  if (!offer) throw new Error('the demo data has no open offer for students');
  const applied = await student.request.post(`/api/offers/${offer.id}/applications`, {
    data: {
      motivation:
        'I study environmental engineering and would like to work with students abroad on it.',
    },
  });
  expect(applied.status(), await applied.text()).toBe(201);

  await student.goto('/my/applications');
  const card = student.getByRole('listitem').filter({ hasText: offer.title });
  await expect(card).toContainText('Waiting for a decision');
  // Withdrawing asks first.
  await card.getByRole('button', { name: `Withdraw the application to ${offer.title}` }).click();
  await expect(
    card.getByRole('heading', { name: `Withdraw your application to “${offer.title}”?` }),
  ).toBeVisible();
  await card.getByRole('button', { name: 'Yes, withdraw it' }).click();
  await expect(
    student.getByText(`You withdrew your application to “${offer.title}”.`),
  ).toBeVisible();
  await expect(card).toContainText('Withdrawn');
  await expect(card.getByRole('button', { name: /^Withdraw/ })).toHaveCount(0);
  await student.context().close();
});

test('visitors are sent to log in, and students are told offers are for lecturers', async ({
  page,
}) => {
  await page.goto('/offers/new');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Foffers%2Fnew/);
  await logIn(page, 'student@twinning.test');
  await page.goto('/offers/new');
  await expect(page.getByRole('heading', { name: 'You cannot post offers yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Post offer' })).toHaveCount(0);
  await expectAccessible(page);
});
