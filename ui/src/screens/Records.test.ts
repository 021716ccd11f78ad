import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { NewDecision, Retention } from '../lib/bindings';
import Records from './Records.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const me = { id: 2, name: 'Elaine Martin', role: 'Deputy lead', active: true };

const item = (caseId: number, standing: Retention['standing']): Retention => ({
  caseId, reference: `CP-2009-00${caseId}`, name: 'Yusuf Okonkwo', status: 'archived', closedOn: '2010-01-04',
  rule: 'child_protection_file', reviewOn: '2034-03-01', standing, destructionAskedBy: standing.state === 'destruction_asked' ? 'Joanna Holmes' : null,
  decisions: [],
});

it('asks for the years to keep records longer, and lets a second lead confirm a destruction', async () => {
  const decided: { caseId: number; decision: NewDecision }[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'disposal_review') return [item(1, { state: 'due' }), item(2, { state: 'destruction_asked', by: 1 }), item(3, { state: 'on_hold' })];
    if (cmd === 'removal_log') return [];
    if (cmd === 'decide_retention') {
      decided.push(args as { caseId: number; decision: NewDecision });
      return null;
    }
    return null;
  });
  render(Records, { me, onopen: () => {} });
  await settled();
  await settled();
  expect(screen.getAllByTestId('review-item')).toHaveLength(3);
  // A held case offers only to lift the hold; one asked by another lead, to confirm.
  expect(screen.getByRole('button', { name: 'Lift the hold on CP-2009-003' })).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Ask to destroy CP-2009-003' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Confirm destruction of CP-2009-002' })).toBeTruthy();

  await fireEvent.click(screen.getByRole('button', { name: 'Keep for longer CP-2009-001' }));
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(screen.getByText('Enter how many more years to keep them, from 1 to 25', { selector: '.error-message *, .error-message' })).toBeTruthy();
  expect(decided).toHaveLength(0);

  await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  await fireEvent.click(screen.getByRole('button', { name: 'Confirm destruction of CP-2009-002' }));
  expect(screen.getByTestId('destroy-warning').textContent).toContain('cannot be undone');
  await fireEvent.click(screen.getByRole('button', { name: 'Destroy the records' }));
  await settled();
  expect(decided).toEqual([{ caseId: 2, decision: { decision: 'destroy', years: null, reason: '' } }]);
});
