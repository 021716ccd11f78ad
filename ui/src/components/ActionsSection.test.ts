import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CaseAction, NewAction } from '../lib/bindings';
import ActionsSection from './ActionsSection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const open: CaseAction = {
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

it('makes an action from a chronology entry in one step, for the lead chosen, in working days', async () => {
  const sent: NewAction[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'leads') return [{ id: 2, name: 'Priya Shah', role: 'Deputy lead', active: true }];
    if (cmd === 'add_action_on') {
      sent.push((args as { action: NewAction }).action);
      expect((args as { on: unknown }).on).toEqual({ kind: 'case', caseId: 7 });
      return 9;
    }
  });
  let reloads = 0;
  render(ActionsSection, {
    on: { kind: 'case', caseId: 7 },
    actions: [open],
    readOnly: false,
    from: { entryId: 41, what: 'Chase the school' },
    onchange: () => (reloads += 1),
  });
  await settled();
  // The form opened with the entry's words, its first field focused; the open action is
  // marked overdue.
  expect((screen.getByLabelText('What is to be done') as HTMLTextAreaElement).value).toBe('Chase the school');
  expect(document.activeElement?.id).toBe('what');
  expect(screen.getByTestId('actions').textContent).toContain('Overdue');
  await fireEvent.change(screen.getByLabelText('Lead'), { target: { value: '2' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save action' }));
  await settled();
  expect(sent).toEqual([
    {
      what: 'Chase the school',
      entryId: 41,
      concernId: null,
      ownerLeadId: 2,
      ownerName: '',
      ownerContact: '',
      dueOn: null,
      dueWorkingDays: 2,
    },
  ]);
  expect(reloads).toBe(1);
});

it('shows every problem beside its field when the core refuses the action', async () => {
  mockIPC((cmd) => {
    if (cmd === 'leads') return [];
    if (cmd === 'add_action_on') {
      throw {
        code: 'invalid',
        message: 'Check the action',
        fields: [
          { field: 'what', message: 'Enter what is to be done' },
          { field: 'owner', message: 'Choose who will do it: a lead, or name someone else' },
        ],
      };
    }
  });
  render(ActionsSection, { on: { kind: 'allegation', allegationId: 4 }, actions: [], readOnly: false, onchange: () => {} });
  await fireEvent.click(screen.getByRole('button', { name: 'Add an action' }));
  await settled();
  await fireEvent.click(screen.getByRole('button', { name: 'Save action' }));
  await settled();
  const summary = screen.getByRole('alert').textContent ?? '';
  expect(summary).toContain('Enter what is to be done');
  expect(summary).toContain('Choose who will do it');
  expect(document.getElementById('what-error')?.textContent).toContain('Enter what is to be done');
  expect(document.getElementById('owner-error')?.textContent).toContain('Choose who will do it');
});
