// Who speaks for an institution, in the browser: a web domain an admin adds waits in the
// secretariat's queue (with who asked) until approved, and then a lecturer whose confirmed
// address is on it belongs to the institution; the admin removes that lecturer, who is told.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, linkIn, logIn, nextMail, uniqueEmail } from './helpers.ts';

const password = 'a long enough password';

/** Logs out (from behind the Menu button on a small screen). */
async function logOut(page: Page): Promise<void> {
  const menu = page.locator('summary.site-menu-toggle');
  const open = (await page.locator('details.site-menu').getAttribute('open')) !== null;
  if (!open && (await menu.isVisible())) await menu.click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.locator('form[action="/logout"]')).toHaveCount(0);
}

/** Follows the verification link of the newest mail to `email`. */
async function confirmAddress(page: Page, email: string): Promise<void> {
  const mail = await nextMail(email);
  await page.goto(linkIn(mail, '/verify-email'));
  await expect(page.getByText('your address is confirmed')).toBeVisible();
}

test('a domain waits for the secretariat; the admin removes a lecturer', async ({ page }) => {
  // Three people, two mails, the queue and the admin's desk.
  test.slow();
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const institution = `Hochschule Vertrauen ${tag}`;
  const domain = `hv${tag}.lu`;
  // Not a subdomain of the first: an address on a subdomain of an approved domain counts already.
  const staffDomain = `hv${tag}-staff.lu`;

  // An admin registers the institution, then adds a second domain: it waits.
  const adminName = 'Claire Muller';
  const adminEmail = uniqueEmail('claire');
  await page.goto('/signup');
  await page.getByLabel('Institution admin').check();
  await page.getByLabel('Full name').fill(adminName);
  await page.getByLabel('Email address').fill(adminEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('banner')).toContainText(adminName);
  await confirmAddress(page, adminEmail);
  await page.goto('/institutions/new');
  await page.getByLabel('Name of the institution').fill(institution);
  await page.getByLabel('Country').selectOption('LU');
  await page.getByLabel('City (optional)').fill('Esch-sur-Alzette');
  await page.getByLabel('Web domains').fill(domain);
  await page.getByLabel('University').check();
  await page.getByRole('button', { name: 'Register institution' }).click();
  await expect(page).toHaveURL(/\/my\/institution\?registered/);

  await page.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page.getByText('counts for affiliations once the ASEM secretariat')).toBeVisible();
  // Free mail is refused outright, next to the field.
  await page.getByLabel('Web domains').fill(`${domain}\ngmail.com`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByLabel('Web domains')).toHaveAccessibleDescription(/free-mail provider/);
  await page.getByLabel('Web domains').fill(`${domain}\n${staffDomain}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/my\/institution\?saved/);
  await expect(page.getByTestId('pending-domains')).toContainText(staffDomain);
  // Edited again, the form still lists the waiting domain, so saving keeps it.
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page.getByLabel('Web domains')).toHaveValue(new RegExp(staffDomain));
  await logOut(page);

  // A lecturer on the new domain confirms the address: it does not count yet.
  const lecturerName = 'Jonas Reuter';
  const lecturerEmail = `jonas.${tag}@${staffDomain}`;
  await page.goto('/signup?role=lecturer&country=LU');
  await page
    .getByLabel('Institution', { exact: true })
    .selectOption({ label: `${institution} (Esch-sur-Alzette)` });
  await page.getByLabel('Lecturer').check();
  await page.getByLabel('Full name').fill(lecturerName);
  await page.getByLabel('Email address').fill(lecturerEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('banner')).toContainText(lecturerName);
  await confirmAddress(page, lecturerEmail);
  const before = await page.request.get('/api/me');
  expect((await before.json()).affiliation.status).toBe('pending');
  await logOut(page);

  // The secretariat sees the domain beside the institutions, with who asked, and approves it.
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/verification');
  const domains = page.getByRole('region', { name: 'Web domains waiting for approval' });
  const pending = domains.getByRole('listitem').filter({ hasText: staffDomain });
  await expect(pending).toContainText(`for ${institution}`);
  await expect(pending).toContainText(`Asked for by ${adminName} (${adminEmail})`);
  await expectAccessible(page);
  await pending.getByRole('button', { name: `Approve ${staffDomain}` }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${staffDomain} now counts for ${institution}` }),
  ).toBeVisible();
  await expect(domains.getByRole('listitem').filter({ hasText: staffDomain })).toHaveCount(0);
  await logOut(page);

  // The lecturer now belongs to it; the admin removes them.
  await logIn(page, adminEmail, password);
  await page.goto('/my/institution');
  await expect(page.getByTestId('pending-domains')).toHaveCount(0);
  const people = page.getByRole('region', { name: 'Its lecturers' });
  const lecturer = people.getByRole('listitem').filter({ hasText: lecturerName });
  await expect(lecturer).toContainText(lecturerEmail);
  await expectAccessible(page);
  await lecturer.getByText('Remove…').click();
  await lecturer
    .getByRole('button', { name: `Remove ${lecturerName} from ${institution}` })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: `${lecturerName} is no longer affiliated` }),
  ).toBeFocused();
  await expect(people).toContainText('No lecturer is affiliated yet.');
  await expectAccessible(page);
  await logOut(page);

  // The lecturer is told, and can no longer post.
  await logIn(page, lecturerEmail, password);
  const me = await (await page.request.get('/api/me')).json();
  expect(me.user.institutionId).toBeNull();
  const notes = await (await page.request.get('/api/notifications')).json();
  expect(notes.items[0]).toMatchObject({
    kind: 'affiliation_removed',
    payload: { institutionName: institution, byName: adminName },
  });
});
