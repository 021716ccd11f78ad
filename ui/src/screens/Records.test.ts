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
    if (cmd === 'allegation_disposal_review') return [];
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

it('lists an allegation beside the cases and sends its decision as an allegation\'s', async () => {
  const decided: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'disposal_review') return [item(1, { state: 'due' })];
    if (cmd === 'allegation_disposal_review') {
      return [{
        allegationId: 4, reference: 'AL-2012-0001', reportedOn: '2012-05-01', rule: 'allegation_about_staff', reviewOn: '2022-05-01',
        standing: { state: 'due' }, destructionAskedBy: null, decisions: [],
      }];
    }
    if (cmd === 'removal_log') {
      return [{ id: 1, kind: 'allegation', reference: 'AL-2011-0002', rule: 'retention_ended', records: 3, askedBy: 'Joanna Holmes', confirmedBy: 'Elaine Martin', removedAt: '2026-11-01T10:00:00Z' }];
    }
    if (cmd === 'decide_allegation_retention') {
      decided.push(args);
      return null;
    }
    return null;
  });
  render(Records, { me, onopen: () => {} });
  await settled();
  await settled();
  const listed = screen.getAllByTestId('review-item').map((li) => li.querySelector('h3')?.textContent?.trim());
  expect(listed).toEqual(['Allegation AL-2012-0001', expect.stringContaining('CP-2009-001')]);
  expect(screen.getByTestId('removal-log').textContent).toContain('Allegation AL-2011-0002');
  await fireEvent.click(screen.getByRole('button', { name: 'Place a legal hold on AL-2012-0001' }));
  await fireEvent.input(screen.getByLabelText('What the hold is for (the investigation, claim or request)'), { target: { value: 'Employment tribunal' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await settled();
  expect(decided).toEqual([{ allegationId: 4, decision: { decision: 'hold', years: null, reason: 'Employment tribunal' } }]);
});
