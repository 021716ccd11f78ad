import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ActionEnd, ActionRow } from '../lib/bindings';
import DashboardActions from './DashboardActions.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const mine: ActionRow = {
  reference: 'CP-2026-0007',
  id: 3,
  caseId: 7,
  entryId: null,
  concernId: null,
  enquiryId: null,
  allegationId: null,
  what: 'Ask the nursery for attendance',
  ownerLeadId: 2,
  owner: 'Priya Shah',
  ownerContact: '',
  dueOn: '2000-01-03',
  state: 'open',
  outcome: '',
  closedAt: null,
  closedBy: null,
  createdAt: '2000-01-01T10:00:00Z',
  createdBy: 'Amara Okafor',
};

it('ends an action from the dashboard, its button named for the action', async () => {
  const ended: ActionEnd[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'end_action') ended.push((args as { end: ActionEnd }).end);
    return null;
  });
  let reloads = 0;
  render(DashboardActions, { mine: [mine], overdue: [mine], onopen: () => {}, onchange: () => (reloads += 1) });
  expect(screen.getByTestId('overdue-actions').textContent).toContain('Priya Shah');
  // Read out as "End the action: …", not "Endthe action".
  await fireEvent.click(screen.getByRole('button', { name: 'End the action: Ask the nursery for attendance' }));
  await fireEvent.click(screen.getByLabelText('Not needed'));
  await fireEvent.input(screen.getByLabelText('Why it is not needed'), { target: { value: 'Nursery place ended' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await settled();
  expect(ended).toEqual([{ state: 'not_needed', note: 'Nursery place ended' }]);
  expect(reloads).toBe(1);
});

it('lays a long list out fifty at a time, soonest due first, and says how many are not shown', async () => {
  const many: ActionRow[] = Array.from({ length: 120 }, (_, i) => ({ ...mine, id: 100 + i, what: `Action ${i}` }));
  render(DashboardActions, { mine: many, overdue: [], onopen: () => {}, onchange: () => {} });
  const rows = () => screen.getByTestId('my-actions').querySelectorAll('tbody tr').length;
  expect(rows()).toBe(50);
  await fireEvent.click(screen.getByRole('button', { name: 'Show 50 more of your actions (70 not shown)' }));
  expect(rows()).toBe(100);
  await fireEvent.click(screen.getByRole('button', { name: 'Show 20 more of your actions (20 not shown)' }));
  expect(rows()).toBe(120);
  expect(screen.queryByRole('button', { name: /^Show \d+ more/ })).toBeNull();
});
