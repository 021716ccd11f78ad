import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { NewTransfer, OutgoingTransfer, PersonInCase, Sent } from '../lib/bindings';
import MovingOnSection from './MovingOnSection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const child = (id: number, fullName: string): PersonInCase => ({
  id, fullName, role: 'child', dateOfBirth: '2018-03-03', expectedDate: null, gender: '', setting: '', otherCases: '',
});

const waiting: OutgoingTransfer = {
  id: 3, caseId: 7, reference: 'CP-2026-0007', name: 'Anna and Piet van der Berg', child: null,
  setting: 'Oakfield Primary School', dsl: 'Amira Khan', contact: '01632 960123', moveConfirmedOn: '2000-01-03',
  dueOn: '2000-01-10', sentOn: '2000-01-04', sentHow: 'package', sections: ['chronology', 'plans'], digest: 'ab12',
  records: 9, madeAt: '2000-01-04T10:00:00Z', madeBy: 'Joanna Holmes', receiptOn: null, receiptBy: '', chases: [],
  chaseOn: '2000-01-10',
};

it('sends one child\'s file where the lead chose and shows the passphrase once; a waiting file says to chase it', async () => {
  const sent: { transfer: NewTransfer; path: string }[] = [];
  const answer: Sent = { transferId: 4, passphrase: '7KQ2M-XW4PH-23456-ABCDE-FGHJK', dueOn: '2026-12-11', digest: 'cd34', records: 12,
    paperPack: '/home/lead/Documents/CP-2026-0007 Anna child protection file (paper pack).pdf' };
  mockIPC((cmd, args) => {
    if (cmd === 'choose_destination') return '/home/lead/Documents/CP-2026-0007 Anna child protection file.cptransfer';
    if (cmd === 'send_file') {
      sent.push(args as { transfer: NewTransfer; path: string });
      return answer;
    }
    return null;
  });
  render(MovingOnSection, {
    caseId: 7, reference: 'CP-2026-0007', people: [child(11, 'Anna van der Berg'), child(12, 'Piet van der Berg')],
    sent: [waiting], received: [], readOnly: false, onchange: () => {},
  });
  expect(screen.getByTestId('files-sent').textContent).toContain('Chase now');
  expect(screen.getByRole('button', { name: /^Record the receipt/ })).toBeTruthy();

  await fireEvent.click(screen.getByRole('button', { name: 'Transfer this file' }));
  await fireEvent.click(screen.getByLabelText("Anna van der Berg's only"));
  await fireEvent.input(screen.getByLabelText('The new setting'), { target: { value: 'Oakfield Primary School' } });
  await fireEvent.input(screen.getByLabelText('Its designated safeguarding lead'), { target: { value: 'Amira Khan' } });
  await fireEvent.input(screen.getByLabelText('How to reach them'), { target: { value: '01632 960123' } });
  await fireEvent.input(screen.getByLabelText('Day'), { target: { value: '4' } });
  await fireEvent.input(screen.getByLabelText('Month'), { target: { value: '12' } });
  await fireEvent.input(screen.getByLabelText('Year'), { target: { value: '2026' } });
  await fireEvent.click(screen.getByLabelText('Actions'));
  await fireEvent.click(screen.getByRole('button', { name: 'Make the package and paper pack' }));
  await settled();
  await settled();
  expect(sent).toHaveLength(1);
  expect(sent[0].path).toMatch(/\.cptransfer$/);
  expect(sent[0].transfer).toMatchObject({
    child: 11, setting: 'Oakfield Primary School', dsl: 'Amira Khan', moveConfirmedOn: '2026-12-04', sentHow: 'package',
  });
  expect(sent[0].transfer.sections).not.toContain('actions');
  expect(sent[0].transfer.sections).toContain('chronology');
  expect(screen.getByTestId('passphrase').textContent).toBe('7KQ2M-XW4PH-23456-ABCDE-FGHJK');
  await fireEvent.click(screen.getByRole('button', { name: 'I have given the passphrase' }));
  expect(screen.queryByTestId('passphrase')).toBeNull();
});

it('says where a received case came from and lists what else came with its file', () => {
  mockIPC(() => null);
  render(MovingOnSection, {
    caseId: 8, reference: 'CP-2026-0008', people: [], sent: [], readOnly: false, onchange: () => {},
    received: [{
      id: 1, fromOrganisation: 'Riverside', fromLead: 'Joanna Holmes', theirReference: 'CP-2026-0001',
      moveConfirmedOn: '2000-01-03', madeAt: '2000-01-04T10:00:00Z', digest: 'ab12', receivedAt: '2000-01-05T10:00:00Z',
      receivedBy: 'Amira Khan',
      parts: [{ kind: 'Level change', on: '2000-01-02', title: 'Concern to Early help', detail: 'Family agreed', by: 'Joanna Holmes' }],
    }],
  });
  expect(screen.getByTestId('file-received').textContent).toContain('received from Riverside');
  const parts = screen.getByTestId('received-parts').textContent ?? '';
  expect(parts).toContain('Also in the file from Riverside');
  expect(parts).toContain('Concern to Early help');
  expect(parts).toContain('Joanna Holmes, Riverside');
});

it('warns, as a whole file\'s receipt is recorded, that Settings keep no copy', async () => {
  mockIPC((cmd) => (cmd === 'transfer_keeps_copy' ? false : null));
  render(MovingOnSection, {
    caseId: 7, reference: 'CP-2026-0007', people: [], sent: [{ ...waiting, child: null }], received: [], readOnly: false,
    onchange: () => {},
  });
  await fireEvent.click(screen.getByRole('button', { name: /^Record the receipt/ }));
  await settled();
  expect(screen.getByTestId('removes-records').textContent).toContain("this case's records are removed");
});
