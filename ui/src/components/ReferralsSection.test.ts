import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { NewReferral, Referral, ReferralStep } from '../lib/bindings';
import ReferralsSection from './ReferralsSection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const waiting: Referral = {
  id: 5,
  caseId: 7,
  agency: 'childrens_social_care',
  referred: true,
  byPhone: true,
  madeOn: '2000-01-03',
  madeTo: 'Bristol front door',
  reasons: 'Second unexplained bruise',
  confirmedOn: null,
  acknowledgedOn: null,
  decision: '',
  decidedOn: null,
  recordedAt: '2000-01-03T10:00:00Z',
  recordedBy: 'Amara Okafor',
  chaseOn: '2000-01-04',
};

it('records a decision not to refer with its reasons only, and offers a waiting referral its next steps', async () => {
  const recorded: NewReferral[] = [];
  const steps: ReferralStep[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'record_referral') recorded.push((args as { referral: NewReferral }).referral);
    if (cmd === 'referral_step') steps.push((args as { step: ReferralStep }).step);
    return 1;
  });
  render(ReferralsSection, { caseId: 7, referrals: [waiting], readOnly: false, onchange: () => {} });
  // A referral with no decision past its chase date says so.
  expect(screen.getByTestId('referrals').textContent).toContain('Chase it now');
  for (const step of ['Written confirmation sent', 'Acknowledgement received', 'Decision received']) {
    expect(screen.getByRole('button', { name: new RegExp(`^${step}`) })).toBeTruthy();
  }

  await fireEvent.click(screen.getByRole('button', { name: 'Record a referral or a decision not to refer' }));
  await fireEvent.change(screen.getByLabelText('To'), { target: { value: 'police' } });
  await fireEvent.click(screen.getByLabelText('No, decided not to refer'));
  expect(screen.queryByLabelText('Made to')).toBeNull();
  await fireEvent.input(screen.getByLabelText('The reasons for not referring'), { target: { value: 'No offence disclosed' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await settled();
  expect(recorded).toHaveLength(1);
  expect(recorded[0]).toMatchObject({ agency: 'police', referred: false, byPhone: false, madeTo: '', reasons: 'No offence disclosed' });

  await fireEvent.click(screen.getByRole('button', { name: /^Decision received/ }));
  await fireEvent.input(screen.getByLabelText('The decision'), { target: { value: 'Section 47 enquiry' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await settled();
  expect(steps).toHaveLength(1);
  expect(steps[0]).toMatchObject({ step: 'decided', decision: 'Section 47 enquiry' });
});
