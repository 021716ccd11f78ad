import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { NewCase } from '../lib/bindings';
import NewCaseScreen from './NewCase.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

it('sends a date its boxes do not make to the core, and shows every problem the core names at once', async () => {
  const sent: NewCase[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'open_case') return null;
    sent.push((args as { case: NewCase }).case);
    throw {
      code: 'invalid',
      message: 'Check the form',
      fields: [
        { field: 'postcode', message: 'Enter a real postcode, like BS5 9QZ' },
        { field: 'openedOn', message: 'Enter the date the case was opened, for example 27 3 2026' },
      ],
    };
  });
  render(NewCaseScreen, { onback: () => {}, onopened: () => {} });
  await fireEvent.input(screen.getByLabelText('Address line 1'), { target: { value: '12 Avon Street' } });
  await fireEvent.input(screen.getByLabelText('Postcode'), { target: { value: 'BS5' } });
  await fireEvent.input(screen.getByLabelText('Day'), { target: { value: '31' } });
  await fireEvent.input(screen.getByLabelText('Month'), { target: { value: '2' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Open case' }));
  await settled();
  expect(sent).toHaveLength(1);
  expect(sent[0].openedOn).toBeNull();
  const summary = screen.getByRole('alert');
  expect(summary.textContent).toContain('Enter a real postcode');
  expect(summary.textContent).toContain('Enter the date the case was opened');
  expect(document.getElementById('openedOn-error')?.textContent).toContain('Enter the date the case was opened');
});
