// Institutions and their admins: registering one, the secretariat verifying it, editing its
// profile, and approving or refusing lecturers whose email is not on its domains.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logIn, uniqueEmail, verifyEmailByMail } from './helpers.ts';

const password = 'a long enough password';

function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Logs out (from behind the Menu button on a small screen). */
async function logOut(page: Page): Promise<void> {
  const menu = page.locator('summary.site-menu-toggle');
  const open = (await page.locator('details.site-menu').getAttribute('open')) !== null;
  if (!open && (await menu.isVisible())) await menu.click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.locator('form[action="/logout"]')).toHaveCount(0);
}

/**
 * Signs up a new institution admin (no institution yet) and confirms the address from its mail
 * (until then the registration page says what to do instead of showing its form); returns their
 * email.
 */
async function signUpAdmin(page: Page, name: string): Promise<string> {
  const email = uniqueEmail('admin');
  await page.goto('/signup');
  await page.getByLabel('Institution admin').check();
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('banner')).toContainText(name);
  await page.goto('/institutions/new');
  await expect(page.getByTestId('email-gate')).toContainText(
    `Confirm your e-mail address before you register an institution: open the link we sent to ${email}`,
  );
  await expect(page.getByLabel('Name of the institution')).toHaveCount(0);
  await verifyEmailByMail(page, email);
  return email;
}

/** From /my/institution, registers an institution in Luxembourg; ends on /my/institution. */
async function registerInstitution(page: Page, name: string, domain: string): Promise<void> {
  await page.goto('/my/institution');
  await page.getByRole('link', { name: 'Register your institution' }).click();
  await expect(page).toHaveURL('/institutions/new');
  await page.getByLabel('Name of the institution').fill(name);
  await page.getByLabel('Country').selectOption('LU');
  await page.getByLabel('City (optional)').fill('Esch-sur-Alzette');
  await page.getByLabel('Website (optional)').fill(`www.${domain}`);
  await page.getByLabel('Web domains').fill(domain);
  await page.getByLabel('University').check();
  await page.getByRole('button', { name: 'Register institution' }).click();
  await expect(page).toHaveURL(/\/my\/institution\?registered/);
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

test('the secretariat verifies an institution a new admin registered', async ({ page }) => {
  const adminName = 'Lea Schmit';
  const institution = uniqueName('Institut Test');
  const domain = `${institution.split(' ').pop()}.lu`;
  const adminEmail = await signUpAdmin(page, adminName);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My institution' })).toBeVisible();
  await nav.getByRole('link', { name: 'My institution' }).click();
  await expect(page.getByRole('link', { name: 'Register your institution' })).toBeVisible();
  await expectAccessible(page);

  // A first try with mistakes: every problem is shown next to its field, and kept typed.
  await page.getByRole('link', { name: 'Register your institution' }).click();
  await page.getByLabel('Name of the institution').fill(institution);
  await page.getByLabel('Web domains').fill(`${domain}\nnot a domain!`);
  await page.getByRole('button', { name: 'Register institution' }).click();
  await expect(page.getByLabel('Country')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Country')).toHaveAccessibleDescription(
    /Choose the country the institution is in/,
  );
  const domains = page.getByLabel('Web domains');
  await expect(domains).toHaveAttribute('aria-invalid', 'true');
  await expect(domains).toHaveAccessibleDescription(/“not a domain!” must be a web domain/);
  await expect(page.getByLabel('Name of the institution')).toHaveValue(institution);
  await expectAccessible(page);

  await registerInstitution(page, institution, domain);
  const main = page.getByRole('main');
  await expect(main).toContainText('Your institution is registered.');
  await expect(main.getByText('Not yet verified')).toBeVisible();
  await expect(main).toContainText('its lecturers cannot post offers');
  await expect(main).toContainText(domain);
  await expectAccessible(page);
  await logOut(page);

  await logIn(page, 'secretariat@twinning.test');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Verification' })
    .click();
  await expect(page).toHaveURL('/secretariat/verification');
  const queued = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: institution }) });
  await expect(queued).toContainText('Luxembourg');
  await expect(queued).toContainText(domain);
  await expectAccessible(page);
  await queued.getByRole('button', { name: `Verify ${institution}` }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${institution} is verified.` }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: institution })).toHaveCount(0);
  await expectAccessible(page);
  await logOut(page);

  await logIn(page, adminEmail, password);
  await page.goto('/my/institution');
  await expect(page.getByRole('main').getByText('Verified', { exact: true })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('its lecturers can post offers');
});

test('an admin approves one waiting lecturer and refuses another', async ({ page }) => {
  const institution = uniqueName('Hochschule Test');
  const domain = `${institution.split(' ').pop()}.lu`;
  const adminEmail = await signUpAdmin(page, 'Marc Weber');
  await registerInstitution(page, institution, domain);
  await logOut(page);

  // Two lecturers name the institution with addresses outside its domain: they wait.
  const lecturers = ['Anna Kowalska', 'Tomas Novak'];
  for (const name of lecturers) {
    await page.goto('/signup?role=lecturer&country=LU');
    await page
      .getByLabel('Institution', { exact: true })
      .selectOption({ label: `${institution} (Esch-sur-Alzette)` });
    await page.getByLabel('Lecturer').check();
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email address').fill(uniqueEmail(name.split(' ')[0]!.toLowerCase()));
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText(/waiting for its institution admin/)).toBeVisible();
    await logOut(page);
  }

  await logIn(page, adminEmail, password);
  await page.goto('/my/institution');
  const waiting = page.getByRole('region', { name: 'Lecturers waiting for approval' });
  await expect(waiting.getByRole('listitem').filter({ hasText: 'Anna Kowalska' })).toContainText(
    /asked on/,
  );
  await expect(waiting.getByRole('listitem').filter({ hasText: 'Tomas Novak' })).toBeVisible();
  await expectAccessible(page);

  await waiting.getByRole('button', { name: 'Approve Anna Kowalska' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Anna Kowalska is now affiliated' }),
  ).toBeFocused();
  await waiting.getByRole('button', { name: 'Refuse Tomas Novak' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tomas Novak' })).toBeVisible();
  await expect(waiting).toContainText('No one is waiting for approval.');

  const decisions = page.getByRole('region', { name: 'Recent decisions' });
  await expect(decisions.getByRole('listitem').filter({ hasText: 'Anna Kowalska' })).toContainText(
    'Approved',
  );
  await expect(decisions.getByRole('listitem').filter({ hasText: 'Tomas Novak' })).toContainText(
    'Refused',
  );
  await expect(
    page.getByRole('region', { name: 'In figures' }).getByRole('definition').last(),
  ).toHaveText('1');
  await expectAccessible(page);
});

test('an admin edits the profile; only the admin may', async ({ page }) => {
  const institution = uniqueName('Akademie Test');
  const domain = `${institution.split(' ').pop()}.lu`;
  await signUpAdmin(page, 'Paul Hoffmann');
  await registerInstitution(page, institution, domain);

  await page.getByRole('link', { name: 'See its public page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: institution })).toBeVisible();
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page).toHaveURL(/\/institutions\/[^/]+\/edit$/);
  const editUrl = page.url();
  await expect(page.getByLabel('Name of the institution')).toHaveValue(institution);
  await expect(page.getByLabel('Country')).toHaveValue('LU');
  await expect(page.getByLabel('Web domains')).toHaveValue(domain);
  await expect(page.getByLabel('University')).toBeChecked();
  await expectAccessible(page);

  await page.getByLabel('City (optional)').fill('Belval');
  await page.getByLabel('Web domains').fill(`${domain}, staff.${domain}`);
  await page.getByLabel('College', { exact: true }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/my\/institution\?saved/);
  const main = page.getByRole('main');
  await expect(main).toContainText('Your changes are saved.');
  await expect(main).toContainText('College in Belval, Luxembourg.');
  await expect(main).toContainText(`staff.${domain}`);
  await logOut(page);

  await logIn(page, 'admin@twinning.test');
  const refused = await page.goto(editUrl);
  expect(refused?.status()).toBe(403);
});

test('each role sees its own navigation, and others are kept out', async ({ page }) => {
  await logIn(page, 'lecturer@twinning.test');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText([
    'Offers',
    'My offers',
    'Partnerships',
    'New offer',
    /^Messages/,
    'Institutions',
  ]);
  expect((await page.goto('/secretariat/verification'))?.status()).toBe(403);
  expect((await page.goto('/institutions/new'))?.status()).toBe(403);
  await logOut(page);

  await logIn(page, 'admin@twinning.test');
  await expect(nav.getByRole('link')).toHaveText([
    'My institution',
    'Offers',
    'My offers',
    'Partnerships',
    /^Messages/,
    'Institutions',
  ]);
  // The demo admin has an institution already: registering another leads back to it.
  await page.goto('/institutions/new');
  await expect(page).toHaveURL('/my/institution');
  await logOut(page);

  await logIn(page, 'secretariat@twinning.test');
  await expect(nav.getByRole('link')).toHaveText([
    'Verification',
    'Balance goals',
    'Matching rounds',
    'Statistics',
    'Moderation',
    'Offers',
    /^Messages/,
    'Institutions',
  ]);
  await logOut(page);

  await expect(nav.getByRole('link')).toHaveText([
    'Opportunities',
    'Offers',
    'Institutions',
    'Log in',
    'Sign up',
  ]);
  await page.goto('/secretariat/verification');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsecretariat%2Fverification/);
});

test('the header fits a 360px screen for every role', async ({ page }) => {
  test.slow(); // three roles, each with an accessibility check
  await page.setViewportSize({ width: 360, height: 740 });
  for (const email of [null, 'student@twinning.test', 'admin@twinning.test']) {
    if (email) await logIn(page, email);
    await page.goto('/offers');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    // The navigation waits behind the Menu button; opened, it fits too.
    await page.locator('summary.site-menu-toggle').click();
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Institutions' }),
    ).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await expectAccessible(page);
    if (email) await logOut(page);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('registering shows the errors, keeps what was typed, then succeeds', async ({ page }) => {
    const institution = uniqueName('Scola Test');
    const domain = `${institution.split(' ').pop()}.mt`;
    await signUpAdmin(page, 'Rita Camilleri');
    await page.goto('/institutions/new');
    await page.getByLabel('Name of the institution').fill(institution);
    await page.getByLabel('Country').selectOption('MT');
    await page.getByLabel('Web domains').fill(`${domain}, bad..domain`);
    await page.getByLabel('Other institution').check();
    await page.getByRole('button', { name: 'Register institution' }).click();
    await expect(page.getByLabel('Web domains')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Web domains')).toHaveValue(`${domain}, bad..domain`);
    await expect(page.getByLabel('Name of the institution')).toHaveValue(institution);
    await expect(page.getByLabel('Country')).toHaveValue('MT');
    await expect(page.getByLabel('Other institution')).toBeChecked();

    await page.getByLabel('Web domains').fill(domain);
    await page.getByRole('button', { name: 'Register institution' }).click();
    await expect(page).toHaveURL(/\/my\/institution\?registered/);
    await expect(page.getByRole('heading', { level: 2, name: institution })).toBeVisible();
  });
});

test('the secretariat asks an admin for more information, reads the answer and refuses with a reason', async ({
  page,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  const adminName = 'Jean Muller';
  const institution = uniqueName('Ecole Test');
  const domain = `${institution.split(' ').pop()}.lu`;
  const adminEmail = await signUpAdmin(page, adminName);
  await registerInstitution(page, institution, domain);
  await logOut(page);

  // The queue names who asked for the institution, and when.
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/verification');
  const queued = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: institution }) });
  await expect(queued.getByTestId('asked-by')).toHaveText(
    new RegExp(`^Asked for by ${adminName} \\(${adminEmail.replace(/\./g, '\\.')}\\) on \\w+`),
  );

  // A question: the institution waits for its admin's answer, outside the queue.
  await queued.getByText('Ask for more information').click();
  const question = 'Which ministry accredits your school?';
  await queued.getByLabel('Your question').fill(question);
  await queued.getByRole('button', { name: 'Send the question' }).click();
  await expect(page.getByRole('status')).toContainText(`went to the admin of ${institution}`);
  await expect(page.getByRole('heading', { name: institution })).toHaveCount(0);
  await page.getByRole('link', { name: 'Waiting for an answer' }).click();
  await expect(
    page.getByRole('article').filter({ has: page.getByRole('heading', { name: institution }) }),
  ).toContainText(question);
  await expectAccessible(page);
  await logOut(page);

  // The admin is told, reads the question on My institution and answers it.
  await logIn(page, adminEmail, password);
  await page.getByRole('button', { name: /Notifications/ }).click();
  await expect(page.getByText(`The ASEM secretariat asks about ${institution}`)).toBeVisible();
  await page.goto('/my/institution');
  const review = page.getByTestId('review');
  await expect(review).toContainText(question);
  await expectAccessible(page);
  await review.getByLabel('Your answer').fill('The Ministry of Higher Education.');
  await review.getByRole('button', { name: 'Send the answer' }).click();
  await expect(page.getByRole('status')).toContainText('Your answer went to the ASEM secretariat');
  await logOut(page);

  // Back in the queue, with the question and the answer; refused with a reason.
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/verification');
  const back = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: institution }) });
  await expect(back).toContainText(question);
  await expect(back).toContainText('The Ministry of Higher Education.');
  await back.locator('summary', { hasText: /^Refuse/ }).click();
  // A reason of blanks is no reason.
  await back.getByLabel('Reason (the admin is told)').fill('   ');
  await back.getByRole('button', { name: `Refuse the institution ${institution}` }).click();
  await expect(back.getByText('Say why you refuse it: the admin is told.')).toBeVisible();
  const reason = 'The ministry has no school of this name.';
  await back.getByLabel('Reason (the admin is told)').fill(reason);
  await back.getByRole('button', { name: `Refuse the institution ${institution}` }).click();
  await expect(page.getByRole('status')).toContainText(`${institution} is refused`);
  await page.getByRole('link', { name: 'Refused', exact: true }).click();
  await expect(
    page.getByRole('article').filter({ has: page.getByRole('heading', { name: institution }) }),
  ).toContainText(reason);
  await logOut(page);

  await logIn(page, adminEmail, password);
  await page.goto('/my/institution');
  await expect(page.getByTestId('review')).toContainText(reason);
});
