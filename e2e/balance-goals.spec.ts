// The secretariat's balance goals: percentages in, shares saved, priority countries ticked by
// region; a refused value keeps what was typed and says why; other roles are kept out. The
// demo database is shared by parallel tests, so the goals found are put back at the end.
import { expect, test } from '@playwright/test';
import { expectAccessible, logIn } from './helpers.ts';

test('the secretariat sets the balance goals', async ({ page }) => {
  await logIn(page, 'secretariat@twinning.test');
  const original = await (await page.request.get('/api/balance-goals')).json();
  try {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Balance goals' })
      .click();
    await expect(page).toHaveURL('/secretariat/balance-goals');
    await expect(page.getByRole('heading', { level: 1, name: 'Balance goals' })).toBeVisible();
    await expectAccessible(page);

    const asia = page.getByLabel('Share of partnerships started from Asia');
    const thailand = page
      .getByRole('group', { name: 'Asia' })
      .getByRole('checkbox', { name: 'Thailand' });
    const wasTicked = await thailand.isChecked();
    const share = original.asiaShareTarget === 0.6 ? '55' : '60';

    await asia.fill(share);
    await thailand.setChecked(!wasTicked);
    await page.getByRole('button', { name: 'Save balance goals' }).click();
    await expect(page.getByRole('status')).toHaveText('Balance goals saved');

    await page.reload();
    await expect(asia).toHaveValue(share);
    await expect(thailand).toBeChecked({ checked: !wasTicked });
    await expect(
      page.getByText(`Share of partnerships started from Asia: ${share} %`),
    ).toBeVisible();

    // Refused: the error sits next to its field, and what was typed stays.
    await asia.fill('150');
    await page.getByRole('button', { name: 'Save balance goals' }).click();
    await expect(page.locator('#field-asiaShareTarget-error')).toHaveText(
      /Enter a percentage from 0 to 100/,
    );
    await expect(asia).toHaveValue('150');
    await expect(asia).toHaveAttribute('aria-invalid', 'true');
    await expect(thailand).toBeChecked({ checked: !wasTicked });
    await expectAccessible(page);
  } finally {
    const restored = await page.request.put('/api/balance-goals', { data: original });
    expect(restored.ok()).toBe(true);
  }
});

test('only the secretariat may open the balance goals', async ({ page }) => {
  await page.goto('/secretariat/balance-goals');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsecretariat%2Fbalance-goals/);

  await logIn(page, 'lecturer@twinning.test');
  expect((await page.goto('/secretariat/balance-goals'))?.status()).toBe(403);
  expect((await page.request.get('/api/balance-goals')).status()).toBe(403);
});
