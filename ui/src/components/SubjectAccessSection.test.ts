import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { SubjectAccess } from '../lib/bindings';
import SubjectAccessSection from './SubjectAccessSection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const request: SubjectAccess = {
  id: 5, caseId: 7, requesterName: 'Gwen Oakes', requester: 'parent', receivedOn: '2026-11-03', identityCheckedOn: null,
  personId: null, about: null, identityHow: '', extensionReason: '', dueOn: '2999-12-03', recordedAt: '2026-11-03T10:00:00Z', recordedBy: 'Joanna Holmes',
  redactions: [], releasedAt: null, releasedBy: null, digest: null,
};

it('suggests the others named in the case and withholds one as a third party', async () => {
  const added: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'redaction_suggestions') return ['Declan Furrow', 'Joanna Holmes'];
    if (cmd === 'add_redaction') {
      added.push(args);
      return 1;
    }
    return null;
  });
  render(SubjectAccessSection, { caseId: 7, reference: 'CP-2026-0007', requests: [request], people: [], onchange: () => {} });
  await settled();
  expect(screen.getByTestId('subject-access').textContent).toContain('Identity not yet checked');
  await fireEvent.click(screen.getByRole('button', { name: 'Withhold “Declan Furrow”' }));
  await settled();
  expect(added).toEqual([{ sarId: 5, redaction: { text: 'Declan Furrow', reason: 'third_party' } }]);
  await fireEvent.click(screen.getByRole('button', { name: 'Record the identity check' }));
  expect(screen.getByLabelText('How it was checked')).toBeTruthy();
});

it('records a request about one child of the case', async () => {
  const asked: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'record_subject_access') {
      asked.push(args);
      return 9;
    }
    return null;
  });
  const child = {
    id: 31, fullName: 'Ffion Marsh', role: 'child', dateOfBirth: '2010-06-01', expectedDate: null, gender: '', setting: '',
  } as unknown as import('../lib/bindings').PersonInCase;
  const parent = { ...child, id: 32, fullName: 'Carys Marsh', role: 'parent' } as typeof child;
  render(SubjectAccessSection, { caseId: 7, reference: 'CP-2026-0007', requests: [], people: [child, parent], onchange: () => {} });
  await fireEvent.click(screen.getByRole('button', { name: 'Record a subject access request' }));
  expect(screen.queryByLabelText("Carys Marsh's")).toBeNull();
  await fireEvent.input(screen.getByLabelText('Who asked'), { target: { value: 'Ffion Marsh' } });
  await fireEvent.click(screen.getByLabelText("Ffion Marsh's"));
  await fireEvent.submit(screen.getByTestId('sar-form'));
  await settled();
  expect(asked).toHaveLength(1);
  expect((asked[0] as { request: { personId: number | null } }).request.personId).toBe(31);
});
