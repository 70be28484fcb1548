import { expect, node, test } from './fixtures';

test('the Backprop tab shows J·v beside gᵀJ, and the dot-product identity holds numerically', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Backward', exact: true }).click();
  await node(page, 'fc2').click();
  await page.getByRole('tab', { name: 'Backprop', exact: true }).click();
  const twin = page.getByTestId('jvp-twin');
  await expect(twin).not.toHaveAttribute('data-gjv', '');
  await expect(twin.getByRole('img', { name: /^v \[/ })).toBeVisible();
  await expect(twin.getByRole('img', { name: /^J·v \[/ })).toBeVisible();
  const agree = async () => {
    const f = Number(await twin.getAttribute('data-gjv'));
    const r = Number(await twin.getAttribute('data-jtgv'));
    expect(Math.abs(f - r) / Math.max(Math.abs(f), Math.abs(r))).toBeLessThan(1e-4);
    return f;
  };
  const first = await agree();
  await expect(twin).toContainText('equal up to float32 rounding');

  // Another random v: another number, the identity still holds.
  await twin.getByRole('button', { name: 'New v' }).click();
  await expect(twin).toContainText('seed 2');
  await expect(twin).not.toHaveAttribute('data-gjv', String(first));
  await agree();

  // One chosen input entry: ⟨Jᵀg, v⟩ is that entry of ∂L/∂in.
  await twin.getByRole('combobox', { name: 'Tangent v' }).selectOption('basis');
  await twin.getByLabel('Sample').fill('3');
  await twin.getByLabel('Unit').fill('7');
  await expect(twin.getByLabel('Unit')).toHaveValue('7');
  await expect(twin).not.toHaveAttribute('data-gjv', '');
  await agree();
  await page.screenshot({ path: '/tmp/regress-jvp.png' });
  await twin.screenshot({ path: '/tmp/regress-jvp-twin.png' });
});
