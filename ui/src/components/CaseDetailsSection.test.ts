import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { CaseDetails } from '../lib/bindings';
import CaseDetailsSection from './CaseDetailsSection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const began: CaseDetails = {
  allocatedLeadId: null,
  localAuthority: 'Bristol City Council',
  socialWorkerName: 'Amara Okafor',
  socialWorkerTeam: 'North',
  socialWorkerPhone: '',
  socialWorkerEmail: '',
  ccRegistration: null,
  ccRegistrationOn: null,
  nation: 'england_and_wales',
  version: 3,
};

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

it('keeps what the lead typed when another lead saved first, shows theirs, and saves over them only when asked', async () => {
  const saves: CaseDetails[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'leads') return [];
    if (cmd === 'update_case_details') {
      const details = (args as { details: CaseDetails }).details;
      saves.push(details);
      if (details.version === 3) {
        throw { code: 'edit_conflict', message: "Priya Shah changed this case's details after you began changing them." };
      }
      return null;
    }
  });
  let reloads = 0;
  const { rerender } = render(CaseDetailsSection, {
    caseId: 7,
    details: began,
    readOnly: false,
    onchange: () => (reloads += 1),
  });
  await fireEvent.click(screen.getByRole('button', { name: 'Change these details' }));
  await settled();
  await fireEvent.input(screen.getByLabelText('Team'), { target: { value: 'South' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save details' }));
  await settled();

  expect(screen.getByRole('alert').textContent).toContain('Priya Shah changed this case');
  expect((screen.getByLabelText('Team') as HTMLInputElement).value).toBe('South');
  expect(reloads).toBe(1);
  // The page reads the case again: Priya's details, at their new version, above the form.
  await rerender({ caseId: 7, details: { ...began, socialWorkerName: 'Sam Patel', version: 4 }, readOnly: false });
  expect(screen.getByRole('heading', { name: 'The details as now saved' })).toBeTruthy();
  expect(screen.getByTestId('case-details').textContent).toContain('Sam Patel');

  await fireEvent.click(screen.getByRole('button', { name: 'Save details' }));
  await settled();
  expect(saves.map((s) => [s.version, s.socialWorkerTeam])).toEqual([
    [3, 'South'],
    [4, 'South'],
  ]);
  expect(screen.queryByRole('button', { name: 'Save details' })).toBeNull();
  expect(reloads).toBe(2);
});
