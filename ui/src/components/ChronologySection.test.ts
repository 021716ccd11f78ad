import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ChronologyEntry, NewEntry, Revision } from '../lib/bindings';
import { announcer } from '../lib/announce.svelte';
import ChronologySection from './ChronologySection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function entry(entryId: number, summary: string, over: Partial<Revision> = {}): ChronologyEntry {
  const current: Revision = {
    entryId, revision: 1, eventOn: '2026-11-20', eventTime: null, kind: 'home_visit', infoSource: 'Family support worker',
    summary, detail: '', actionRequired: '', amendReason: '', recordedAt: '2026-11-20T10:00:00Z', recordedBy: 'Priya Shah',
    children: [], significant: false, tags: [], ...over,
  };
  return { current, earlier: [], createdAt: current.recordedAt, createdBy: current.recordedBy };
}

it('takes the lead to the entry they saved and says so', async () => {
  const sent: NewEntry[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'add_entry') {
      sent.push((args as { entry: NewEntry }).entry);
      return 42;
    }
    return null;
  });
  let reloads = 0;
  render(ChronologySection, {
    caseId: 7, people: [], tagChoices: ['Neglect', 'Domestic abuse'], readOnly: false,
    entries: [entry(42, 'Police notification', { significant: true, tags: ['Domestic abuse'] }), entry(41, 'Seen at home')],
    onchange: () => {
      reloads += 1;
    },
    onmakeaction: () => {},
  });
  // E opens the form from anywhere on the page, and the form takes focus.
  await fireEvent.keyDown(window, { key: 'e' });
  expect(document.activeElement?.textContent).toBe('Add a chronology entry');
  await fireEvent.input(screen.getByLabelText('Who the information came from'), { target: { value: 'Police' } });
  await fireEvent.input(screen.getByLabelText('Summary'), { target: { value: 'Police notification' } });
  await fireEvent.click(screen.getByLabelText('Significant'));
  await fireEvent.click(screen.getByLabelText('Domestic abuse'));
  await fireEvent.click(screen.getByRole('button', { name: 'Save entry' }));
  await settled();
  await settled();
  expect(sent[0]).toMatchObject({ significant: true, tags: ['Domestic abuse'], summary: 'Police notification' });
  expect(reloads).toBe(1);
  expect(document.activeElement?.id).toBe('entry-42');
  expect(announcer.message).toBe('The entry is saved.');
});

it('filters by significance and tag, and says how many are shown', async () => {
  render(ChronologySection, {
    caseId: 7, people: [], tagChoices: ['Neglect', 'Domestic abuse'], readOnly: false,
    entries: [entry(42, 'Police notification', { significant: true, tags: ['Domestic abuse'] }), entry(41, 'Seen at home', { tags: ['Neglect'] })],
    onchange: () => {},
    onmakeaction: () => {},
  });
  expect(screen.getByTestId('chronology-count').textContent).toBe('2 entries, newest first');
  await fireEvent.click(screen.getByLabelText('Significant only'));
  expect(screen.getByTestId('chronology-count').textContent).toBe('Showing 1 of 2 entries');
  expect(screen.getByTestId('chronology').textContent).toContain('Police notification');
  expect(screen.getByTestId('chronology').textContent).not.toContain('Seen at home');
  await fireEvent.click(screen.getByLabelText('Significant only'));
  await fireEvent.change(screen.getByLabelText('Tag'), { target: { value: 'Neglect' } });
  expect(screen.getByTestId('chronology').textContent).toContain('Seen at home');
  expect(screen.getByTestId('chronology').textContent).not.toContain('Police notification');
});
