import { afterEach, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CaseSearch } from '../lib/bindings';
import Cases from './Cases.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

it('says "more than" for a status the list stopped counting, and in the button under it', async () => {
  const found: CaseSearch = {
    rows: [
      {
        id: 1,
        reference: 'CP-2026-0001',
        status: 'live',
        level: 'early_help',
        addressLine1: '4 Elm Road',
        postcode: 'BS5 9QZ',
        openedOn: '2026-01-05',
        lead: null,
        name: 'Ada Nowak',
        children: ['Ada Nowak'],
        hasCpPlan: false,
        flags: [],
      },
    ],
    total: 1_628,
    more: true,
    counts: { live: 628, closed: 1_001, archived: 0, countedUpTo: 1_000 },
  };
  mockIPC((cmd) => (cmd === 'search_cases' ? found : []));
  render(Cases, { onopen: () => {}, onnew: () => {}, onimport: () => {}, onreceive: () => {} });
  await settled();
  await settled();
  expect(screen.getByTestId('case-counts').textContent).toBe(
    'More than 1,628 cases found. Live 628, closed more than 1,000, archived 0.',
  );
  expect(screen.getByRole('button', { name: 'Show 100 more cases (more than 1,627 not shown)' })).toBeTruthy();
});
