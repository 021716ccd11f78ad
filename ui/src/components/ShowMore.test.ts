import { afterEach, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import ShowMore from './ShowMore.svelte';

afterEach(cleanup);

it('says how many more it brings and how many are still hidden', async () => {
  const onmore = vi.fn();
  render(ShowMore, { shown: 100, total: 1043, step: 100, noun: 'cases', onmore });
  const button = screen.getByRole('button', { name: 'Show 100 more cases (943 not shown)' });
  await fireEvent.click(button);
  expect(onmore).toHaveBeenCalledOnce();
});

it('brings only what is left at the end, and is gone once everything is shown', () => {
  render(ShowMore, { shown: 1000, total: 1043, step: 100, noun: 'enquiries', onmore: () => {} });
  expect(screen.getByRole('button').textContent?.trim()).toBe('Show 43 more enquiries (43 not shown)');
  cleanup();
  render(ShowMore, { shown: 1043, total: 1043, step: 100, noun: 'cases', onmore: () => {} });
  expect(screen.queryByRole('button')).toBeNull();
});

it('says "more than" when the list stopped counting', () => {
  render(ShowMore, { shown: 100, total: 1000, more: true, step: 100, noun: 'cases', onmore: () => {} });
  expect(screen.getByRole('button').textContent?.trim()).toBe('Show 100 more cases (more than 900 not shown)');
});
