import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type { AttachTo, Attachment, NewAttachment, PersonInCase } from '../lib/bindings';
import AttachmentsSection from './AttachmentsSection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const photo: Attachment = {
  id: 4, entryId: null, concernId: null, fileName: 'drawing.png', kind: 'png', viewable: true, size: 2048,
  sha256: 'ab'.repeat(32), title: 'Photo of a drawing', documentOn: '2026-11-18', cameFrom: 'Class teacher', children: [9],
  addedAt: '2026-11-20T10:00:00Z', addedBy: 'Amara Okafor', withdrawnAt: null, withdrawnBy: null, withdrawnReason: '',
};
const child = { id: 9, fullName: 'Zephyrine Ash', role: 'child' } as PersonInCase;

it('lists each file with what it concerns, names a missing file, and attaches the chosen one with its details', async () => {
  mockWindows('main');
  const attached: { to: AttachTo; path: string; attachment: NewAttachment }[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'choose_attachment') return '/home/amara/Letters/gp-letter.pdf';
    if (cmd === 'attach_file') attached.push(args as (typeof attached)[number]);
    return 1;
  });
  render(AttachmentsSection, { on: { on: 'case', caseId: 7 }, attachments: [photo], people: [child], entries: [], concerns: [], readOnly: false, onchange: () => {} });
  const listed = screen.getByTestId('attachments').textContent ?? '';
  expect(listed).toContain('Photo of a drawing');
  expect(listed).toContain('drawing.png: Image (PNG), 2 KB');
  expect(listed).toContain('Zephyrine Ash');
  expect(screen.getByRole('button', { name: 'View Photo of a drawing' })).toBeTruthy();

  await fireEvent.click(screen.getByRole('button', { name: 'Attach a file' }));
  await fireEvent.click(screen.getByRole('button', { name: 'Attach the file' }));
  await settled();
  expect(screen.getByText('Choose a file to attach', { selector: '.error-summary a' })).toBeTruthy();
  expect(attached).toEqual([]);

  await fireEvent.click(screen.getByRole('button', { name: 'Choose a file' }));
  await settled();
  expect(screen.getByTestId('attach-chosen').textContent).toBe('gp-letter.pdf');
  expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('gp-letter');
  await fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Letter from the GP' } });
  await fireEvent.input(screen.getByLabelText('Who it came from'), { target: { value: 'Dr Okoro' } });
  await fireEvent.click(screen.getByLabelText('Zephyrine Ash'));
  await fireEvent.click(screen.getByRole('button', { name: 'Attach the file' }));
  await settled();
  expect(attached).toHaveLength(1);
  expect(attached[0].to).toEqual({ on: 'case', caseId: 7 });
  expect(attached[0].path).toBe('/home/amara/Letters/gp-letter.pdf');
  expect(attached[0].attachment).toEqual({ title: 'Letter from the GP', documentOn: null, cameFrom: 'Dr Okoro', children: [9] });
});

it('attaches a file to an allegation from its panel, read when opened', async () => {
  mockWindows('main');
  const asked: AttachTo[] = [];
  const attached: AttachTo[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'attachments_on') {
      asked.push((args as { on: AttachTo }).on);
      return [];
    }
    if (cmd === 'choose_attachment') return 'C:\\Users\\lead\\Documents\\statement.docx';
    if (cmd === 'attach_file') attached.push((args as { to: AttachTo }).to);
    return 1;
  });
  const { default: AttachmentsPanel } = await import('./AttachmentsPanel.svelte');
  let toggled = () => {};
  const { rerender } = render(AttachmentsPanel, { on: { on: 'allegation', allegationId: 3 }, label: 'allegation A-2026-003', open: false, ontoggle: () => toggled() });
  toggled = () => void rerender({ open: true });
  expect(asked).toEqual([]);
  await fireEvent.click(screen.getByRole('button', { name: 'Files attached to allegation A-2026-003' }));
  await settled();
  expect(asked).toEqual([{ on: 'allegation', allegationId: 3 }]);
  await fireEvent.click(screen.getByRole('button', { name: 'Attach a file' }));
  expect(screen.getByRole('option', { name: 'The allegation' })).toBeTruthy();
  await fireEvent.click(screen.getByRole('button', { name: 'Choose a file' }));
  await settled();
  expect(screen.getByTestId('attach-chosen').textContent).toBe('statement.docx');
  await fireEvent.input(screen.getByLabelText('Who it came from'), { target: { value: 'Head teacher' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Attach the file' }));
  await settled();
  expect(attached).toEqual([{ on: 'allegation', allegationId: 3 }]);
});
