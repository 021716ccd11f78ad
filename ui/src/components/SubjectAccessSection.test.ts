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
  identityHow: '', extensionReason: '', dueOn: '2999-12-03', recordedAt: '2026-11-03T10:00:00Z', recordedBy: 'Joanna Holmes',
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
  render(SubjectAccessSection, { caseId: 7, reference: 'CP-2026-0007', requests: [request], onchange: () => {} });
  await settled();
  expect(screen.getByTestId('subject-access').textContent).toContain('Identity not yet checked');
  await fireEvent.click(screen.getByRole('button', { name: 'Withhold “Declan Furrow”' }));
  await settled();
  expect(added).toEqual([{ sarId: 5, redaction: { text: 'Declan Furrow', reason: 'third_party' } }]);
  await fireEvent.click(screen.getByRole('button', { name: 'Record the identity check' }));
  expect(screen.getByLabelText('How it was checked')).toBeTruthy();
});
