// People: a lecturer fills in their profile and settings (with a picture), others read it at
// /people/:id with the local time there; names on offers and in partnerships lead to it.
import { expect, test, type Page } from '@playwright/test';
import { demoPassword, expectAccessible, logIn, uniqueEmail } from './helpers.ts';

// A 2 × 2 PNG: small, but a real image that the server decodes and re-encodes.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWMwTjtjnHaGAUIBACS2BZUFBQd/AAAAAElFTkSuQmCC',
  'base64',
);

/** Signs up a lecturer (affiliation pending) through the API as the page's browser context. */
async function signUpLecturer(page: Page, name: string): Promise<string> {
  const institutions = await page.request.get('/api/institutions?limit=1');
  const [institution] = ((await institutions.json()) as { items: { id: string }[] }).items;
  const reply = await page.request.post('/api/auth/signup', {
    data: {
      email: uniqueEmail('people'),
      password: 'a long enough password',
      name,
      role: 'lecturer',
      institutionId: institution!.id,
    },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  return ((await reply.json()) as { user: { id: string } }).user.id;
}

test('a lecturer fills in profile and settings, and anyone reads the profile with the local time there', async ({
  page,
  browser,
}) => {
  const id = await signUpLecturer(page, 'Ana Pereira');
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const settingsNav = page.getByRole('navigation', { name: 'Settings' });
  await expect(settingsNav.getByRole('link', { name: 'Profile and preferences' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(settingsNav.getByRole('link', { name: 'Password and sessions' })).toHaveAttribute(
    'href',
    '/settings/security',
  );
  // No picture yet: initials.
  await expect(page.locator('.avatar-initials')).toHaveText('AP');
  await expectAccessible(page);

  // Profile: a language row without a level is refused beside that field.
  await page.getByLabel('Title').fill('Dr.');
  await page.getByLabel('About you').fill('I teach urban planning and look for partners in Asia.');
  await page.getByLabel('Language', { exact: true }).first().selectOption('pt');
  await page.getByRole('button', { name: 'Save profile' }).click();
  const level = page.locator('#languages-0-level');
  await expect(level).toHaveAttribute('aria-invalid', 'true');
  await expect(level).toHaveAccessibleDescription(/CEFR level/);
  await level.selectOption('native');
  // One empty row is always there to fill; "Add a language" adds another and moves to it.
  await page.getByRole('button', { name: 'Add a language' }).click();
  await expect(page.locator('#languages-2-code')).toBeFocused();
  await page.locator('#languages-1-code').selectOption('en');
  await page.locator('#languages-1-level').selectOption('C1');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('region', { name: 'Profile' }).getByRole('status')).toHaveText(
    'Saved.',
  );
  await expect(level).not.toHaveAttribute('aria-invalid', 'true');

  // Picture: a file that only claims to be an image is refused, a real one is previewed and kept.
  const picture = page.getByLabel('Choose a picture');
  await picture.setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: Buffer.from('not an image'),
  });
  await page.getByRole('button', { name: 'Upload picture' }).click();
  await expect(picture).toHaveAccessibleDescription(/not a JPEG, PNG or WebP image/);
  await picture.setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('img', { name: 'Preview of the chosen picture' })).toBeVisible();
  await page.getByRole('button', { name: 'Upload picture' }).click();
  const current = page.getByRole('img', { name: 'Your current picture' });
  await expect(current).toHaveAttribute('src', new RegExp(`^/api/users/${id}/avatar\\?v=\\d+$`));

  // Time zone and e-mail.
  await page.getByLabel('Your time zone').selectOption('Asia/Ho_Chi_Minh');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByRole('region', { name: 'Time zone' }).getByRole('status')).toHaveText(
    'Saved.',
  );
  await page.getByLabel('Daily digest').check();
  await expect(page.getByLabel('Daily digest')).toHaveAccessibleDescription(
    /08:00 in your time zone/,
  );
  await page.getByRole('button', { name: 'Save e-mail preference' }).click();
  await expect(page.getByRole('region', { name: 'E-mail' }).getByRole('status')).toHaveText(
    'Saved.',
  );
  await page.reload();
  await expect(page.getByLabel('Daily digest')).toBeChecked();
  await expect(page.getByLabel('Title')).toHaveValue('Dr.');
  await expect(page.getByLabel('Your time zone')).toHaveValue('Asia/Ho_Chi_Minh');
  await expectAccessible(page);

  // Anyone reads the profile.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const openedAt = new Date();
  await visitor.goto(`/people/${id}`);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Ana Pereira' })).toBeVisible();
  await expect(visitor.getByText('Dr. · Lecturer')).toBeVisible();
  await expect(visitor.getByText('I teach urban planning')).toBeVisible();
  await expect(visitor.getByText('Portuguese (Native or first language)')).toBeVisible();
  await expect(visitor.getByText('Asia/Ho Chi Minh')).toBeVisible();
  const hanoiNow = new Intl.DateTimeFormat('en', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
  });
  const shown = await visitor.locator('[data-local-time]').textContent();
  // The minute may turn between opening the page and here: either is right.
  const before = hanoiNow.format(openedAt);
  const after = hanoiNow.format(new Date());
  expect([before, after].some((time) => shown?.includes(time))).toBe(true);
  const avatar = visitor.locator('img.avatar');
  await expect(avatar).toHaveJSProperty('naturalWidth', 256);
  await expectAccessible(visitor);
  await visitorContext.close();

  // Removing the picture brings the initials back.
  await page.getByRole('button', { name: 'Remove picture' }).click();
  await expect(page.locator('.avatar-initials')).toHaveText('AP');
});

test('names on offers and partnerships lead to the profile, with open offers and finished partnerships', async ({
  page,
}) => {
  await logIn(page, 'lecturer@twinning.test', demoPassword);
  await page.goto('/my/partnerships');
  const requester = page.getByRole('link', { name: 'Yuki Tanaka' }).first();
  await requester.click();
  await expect(page).toHaveURL(/\/people\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Yuki Tanaka' })).toBeVisible();
  const offers = page.getByRole('region', { name: 'Open offers' });
  await expect(offers.getByRole('link').first()).toBeVisible();

  // From one of her offers back to her through "Posted by".
  await offers.getByRole('link').first().click();
  await page.getByRole('link', { name: 'Yuki Tanaka' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Yuki Tanaka' })).toBeVisible();

  // Jonas Weber's own page lists his completed partnership with a link to the partner.
  const me = (await (await page.request.get('/api/me')).json()) as { user: { id: string } };
  await page.goto(`/people/${me.user.id}`);
  const finished = page.getByRole('region', { name: 'Finished partnerships' });
  await expect(finished.getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit your profile' })).toBeVisible();
  await expectAccessible(page);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 667 } });

  test('profile and settings fit a 375 px screen', async ({ page }) => {
    const id = await signUpLecturer(page, 'Minh Anh Nguyen');
    for (const path of ['/settings', `/people/${id}`]) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    }
  });

  test('a student’s profile is not shown to visitors', async ({ page }) => {
    await logIn(page, 'student@twinning.test', demoPassword);
    const me = (await (await page.request.get('/api/me')).json()) as { user: { id: string } };
    await page.goto(`/people/${me.user.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Linh Nguyen' })).toBeVisible();
    await page.context().clearCookies();
    const reply = await page.goto(`/people/${me.user.id}`);
    expect(reply?.status()).toBe(404);
  });
});
