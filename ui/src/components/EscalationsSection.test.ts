import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CaseEscalation, EscalationNextStep, NewCaseEscalation, Referral } from '../lib/bindings';
import EscalationsSection from './EscalationsSection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const referral: Referral = {
  id: 5,
  caseId: 7,
  agency: 'childrens_social_care',
  referred: true,
  byPhone: false,
  madeOn: '2000-01-03',
  madeTo: 'Bristol front door',
  reasons: 'Second unexplained bruise',
  confirmedOn: null,
  acknowledgedOn: null,
  decision: 'No further action',
  decidedOn: '2000-01-04',
  recordedAt: '2000-01-03T10:00:00Z',
  recordedBy: 'Amara Okafor',
  chaseOn: null,
};

const awaiting: CaseEscalation = {
  id: 9,
  caseId: 7,
  referralId: 5,
  withWhom: 'Bristol front door',
  disagreement: 'The threshold is met',
  outcome: '',
  resolvedOn: null,
  resolvedBy: null,
  recordedAt: '2000-01-05T10:00:00Z',
  recordedBy: 'Amara Okafor',
  steps: [
    { escalationId: 9, step: 1, level: 'Team manager', raisedOn: '2000-01-05', raisedWith: 'Sam Patel', responseDue: '2000-01-07', recordedBy: 'Amara Okafor' },
  ],
  nextLevel: 'Service manager',
};

it('raises an escalation about a referral, says when its response was due, and takes it to the next step', async () => {
  const raised: NewCaseEscalation[] = [];
  const next: EscalationNextStep[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'raise_escalation') raised.push((args as { escalation: NewCaseEscalation }).escalation);
    if (cmd === 'escalation_next_step') next.push((args as { step: EscalationNextStep }).step);
    return 1;
  });
  render(EscalationsSection, { caseId: 7, escalations: [awaiting], referrals: [referral], readOnly: false, onchange: () => {} });
  const list = screen.getByTestId('escalations').textContent ?? '';
  expect(list).toContain('Team manager: raised 5 January 2000 with Sam Patel; response due 7 January 2000');
  expect(list).toContain('The response is overdue; next step: Service manager');

  await fireEvent.click(screen.getByRole('button', { name: 'Record a disagreement with another agency' }));
  await fireEvent.change(screen.getByLabelText('About the decision on'), { target: { value: '5' } });
  await fireEvent.input(screen.getByLabelText('Whose decision you disagree with'), { target: { value: 'Front door' } });
  await fireEvent.input(screen.getByLabelText('What you disagree with and why'), { target: { value: 'Threshold met' } });
  await fireEvent.input(screen.getByLabelText('Raised with'), { target: { value: 'Sam Patel' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await settled();
  expect(raised).toHaveLength(1);
  expect(raised[0]).toMatchObject({ referralId: 5, withWhom: 'Front door', disagreement: 'Threshold met', raisedWith: 'Sam Patel' });

  await fireEvent.click(screen.getByRole('button', { name: /^Take it to the service manager/ }));
  await fireEvent.input(screen.getByLabelText('Raised with'), { target: { value: 'Ann Lee' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await settled();
  expect(next).toEqual([expect.objectContaining({ raisedWith: 'Ann Lee' })]);
});
