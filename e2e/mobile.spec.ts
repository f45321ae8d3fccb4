// Small screens (375 × 667): the header stays small with the navigation behind a Menu button,
// search forms fold so results come first — with and without JavaScript — and wide screens
// keep everything in view.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logIn } from './helpers.ts';

const phone = { width: 375, height: 667 };

async function headerShare(page: Page): Promise<number> {
  const box = await page.locator('header.site-header').boundingBox();
  if (!box) throw new Error('no header');
  return box.height / phone.height;
}

const menuButton = (page: Page) => page.locator('summary.site-menu-toggle');

test.describe('on a phone', () => {
  test.use({ viewport: phone });

  for (const email of ['lecturer@twinning.test', 'secretariat@twinning.test']) {
    test(`signed in (${email}), the header takes at most 15 % of the screen`, async ({ page }) => {
      await logIn(page, email);
      await page.goto('/institutions');
      expect(await headerShare(page)).toBeLessThanOrEqual(0.15);
      // The navigation waits behind the button; the page starts right below the header.
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
      await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
    });
  }

  test('a menu opened while the page is still starting stays open once it runs', async ({
    page,
  }) => {
    // The page's scripts wait until the menu is open, as on a slow phone tapped at once.
    let release: () => void = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**/*.js', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto('/offers', { waitUntil: 'domcontentloaded' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await menuButton(page).click();
    await expect(nav).toBeVisible();
    release();
    // Running now: the button states the menu's state itself.
    await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: 'Institutions' })).toBeVisible();
  });

  test('the menu opens, closes on Escape with focus back, and closes on navigation', async ({
    page,
  }) => {
    test.slow(); // an accessibility check with the menu open
    await logIn(page, 'lecturer@twinning.test');
    await page.goto('/institutions');
    const button = menuButton(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();

    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: 'My offers' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    await expectAccessible(page);

    await nav.getByRole('link', { name: 'My offers' }).focus();
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();

    // Keyboard: Enter on the button opens it; following a link closes it on the next page.
    await page.keyboard.press('Enter');
    await expect(nav).toBeVisible();
    await nav.getByRole('link', { name: 'My offers' }).click();
    await expect(page).toHaveURL(/\/my\/offers$/);
    await expect(page.getByRole('heading', { level: 1, name: 'My offers' })).toBeVisible();
    await expect(nav).toBeHidden();
    await expect(button).toHaveAttribute('aria-expanded', 'false');

    // A press outside it (below the open panel) closes it too.
    await button.click();
    await expect(nav).toBeVisible();
    await page.mouse.click(phone.width / 2, phone.height - 8);
    await expect(nav).toBeHidden();
  });

  for (const path of ['/offers', '/opportunities', '/institutions']) {
    test(`results come first on ${path}; the search folds behind a button`, async ({ page }) => {
      // An accessibility check of a page with every filter's options takes a while.
      test.slow();
      await page.goto(path);
      expect(await headerShare(page)).toBeLessThanOrEqual(0.15);
      const search = page.getByRole('search');
      await expect(search).toBeHidden();
      const firstResult = page.getByRole('main').locator('article, .institution-card').first();
      await expect(firstResult).toBeInViewport();

      // Open the search, run one: the results show first again, and the button says what
      // was searched for.
      const toggle = page.getByText('Search and filters');
      await toggle.click();
      await expect(search).toBeVisible();
      await expectAccessible(page);
      await search.getByRole('searchbox').fill('university');
      await search.getByRole('button', { name: 'Search' }).click();
      await expect(page).toHaveURL(/q=university/);
      await expect(search).toBeHidden();
      await expect(page.locator('summary.filter-disclosure-toggle')).toContainText('“university”');
    });
  }

  test('a search with an error opens folded, showing what to fix', async ({ page }) => {
    await page.goto('/offers?from=not-a-date');
    const search = page.getByRole('search');
    await expect(search).toBeVisible();
    await expect(search.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
  });
});

test.describe('on a phone without JavaScript', () => {
  test.use({ viewport: phone, javaScriptEnabled: false });

  test('the menu opens and its links and log-out work', async ({ page }) => {
    await logIn(page, 'student@twinning.test');
    expect(await headerShare(page)).toBeLessThanOrEqual(0.15);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();
    // No script to keep an aria-expanded true: the native disclosure states it.
    await expect(menuButton(page)).not.toHaveAttribute('aria-expanded');
    await menuButton(page).click();
    await nav.getByRole('link', { name: 'My applications' }).click();
    await expect(page).toHaveURL(/\/my\/applications$/);
    await expect(nav).toBeHidden();
    await menuButton(page).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.locator('form[action="/logout"]')).toHaveCount(0);
  });

  test('the search folds behind a button that opens it, and searching works', async ({ page }) => {
    await page.goto('/opportunities');
    const search = page.getByRole('search', { name: 'Search opportunities' });
    await expect(search).toBeHidden();
    await expect(page.getByRole('main').getByRole('article').first()).toBeInViewport();
    await page.getByText('Search and filters').click();
    await search.getByLabel('Words').fill('climate');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/q=climate/);
    await expect(search).toBeHidden();
    await expect(page.getByRole('main').getByRole('article').first()).toBeInViewport();
  });
});

test('on a wide screen the navigation and the search show at once, with no Menu button', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await logIn(page, 'lecturer@twinning.test');
  await page.goto('/offers');
  await expect(menuButton(page)).toBeHidden();
  await expect(page.getByText('Search and filters')).toBeHidden();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My offers' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(
    page.getByRole('search', { name: 'Search offers' }).getByLabel('Words'),
  ).toBeVisible();
  await expectAccessible(page);
});
