import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Flag, FlagEnd, NewFlag } from '../lib/bindings';
import FlagsSection from './FlagsSection.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const flag = (id: number, words: string, ended: boolean): Flag => ({
  id,
  caseId: 7,
  flag: words,
  addedAt: '2000-01-01T10:00:00Z',
  addedBy: 'Amara Okafor',
  endedAt: ended ? '2000-01-02T10:00:00Z' : null,
  endedBy: ended ? 'Priya Shah' : null,
  endReason: ended ? 'Father moved away' : '',
});

it('reads each warning in force out as a warning, keeps ended ones apart, and adds and ends them', async () => {
  const added: NewFlag[] = [];
  const ended: FlagEnd[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'add_flag') added.push((args as { flag: NewFlag }).flag);
    if (cmd === 'end_flag') ended.push((args as { end: FlagEnd }).end);
    return 1;
  });
  render(FlagsSection, {
    caseId: 7,
    flags: [flag(1, 'Interpreter: Polish', false), flag(2, 'Do not contact the father', true)],
    readOnly: false,
    onchange: () => {},
  });
  const inForce = screen.getByTestId('flags').textContent ?? '';
  expect(inForce).toContain('Warning: Interpreter: Polish');
  expect(inForce).not.toContain('Do not contact the father');

  await fireEvent.click(screen.getByRole('button', { name: 'Add a warning' }));
  await fireEvent.input(screen.getByLabelText('Warning'), { target: { value: 'Child has a CP plan in Leeds' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Add the warning' }));
  await settled();
  expect(added).toEqual([{ flag: 'Child has a CP plan in Leeds' }]);

  await fireEvent.click(screen.getByRole('button', { name: 'End the warning: Interpreter: Polish' }));
  await fireEvent.input(screen.getByLabelText('Why it no longer applies'), { target: { value: 'Family now speak English at meetings' } });
  await fireEvent.click(screen.getByRole('button', { name: 'End the warning' }));
  await settled();
  expect(ended).toEqual([{ reason: 'Family now speak English at meetings' }]);
});
