import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const notSetUp = { state: 'not_set_up' };

it('goes from the welcome screen to the data folder the core reports', async () => {
  mockIPC((cmd) => {
    if (cmd === 'app_view') return notSetUp;
    if (cmd === 'app_info') return { productName: 'CP Tracker', version: '0.1.0', dataDir: '/srv/cp-data' };
  });
  render(App);
  expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Welcome to CP Tracker');

  await fireEvent.click(screen.getByRole('button', { name: /start set-up/i }));

  expect(await screen.findByText('/srv/cp-data')).toBeTruthy();
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Where your records will be kept');
});

it('shows the error summary when the core cannot find the data folder', async () => {
  mockIPC((cmd) => {
    if (cmd === 'app_view') return notSetUp;
    throw { code: 'data_folder', message: 'CP Tracker cannot find this computer’s application data folder.' };
  });
  render(App);
  await fireEvent.click(await screen.findByRole('button', { name: /start set-up/i }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('There is a problem');
  expect(alert.textContent).toContain('cannot find this computer’s application data folder');
});

it('puts each field error in the summary, linked, and beside its field', async () => {
  mockIPC((cmd) => {
    if (cmd === 'app_view') return notSetUp;
    if (cmd === 'app_info') return { productName: 'CP Tracker', version: '0.1.0', dataDir: '/d' };
    if (cmd === 'check_setup')
      throw {
        code: 'invalid',
        message: 'Enter the name of your organisation',
        fields: [
          { field: 'organisation', message: 'Enter the name of your organisation' },
          { field: 'leads.0.passphrase', message: 'Passphrase must be 12 characters or more' },
        ],
      };
  });
  render(App);
  await fireEvent.click(await screen.findByRole('button', { name: /start set-up/i }));
  await fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
  await fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));

  const summary = await screen.findByRole('alert');
  const link = screen.getByRole('link', { name: 'Enter the name of your organisation' });
  expect(summary.contains(link)).toBe(true);
  expect(link.getAttribute('href')).toBe('#organisation');
  const field = screen.getByLabelText('Name of your organisation');
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
    'Enter the name of your organisation',
  );
  await fireEvent.click(link);
  expect(document.activeElement).toBe(field);
});

it('shows a wrong passphrase beside the passphrase field', async () => {
  mockIPC((cmd) => {
    if (cmd === 'app_view')
      return { state: 'signed_out', organisation: 'Barton Hill', leads: [{ id: 1, name: 'Joanna Holmes', role: 'DSL', active: true }] };
    if (cmd === 'sign_in')
      throw {
        code: 'sign_in_refused',
        message: 'The passphrase is not right. Check it and try again.',
        fields: [{ field: 'passphrase', message: 'The passphrase is not right. Check it and try again.' }],
      };
  });
  render(App);
  await fireEvent.input(await screen.findByLabelText('Passphrase'), { target: { value: 'wrong one here' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  expect((await screen.findByRole('alert')).textContent).toContain('The passphrase is not right');
  await waitFor(() => expect((screen.getByLabelText('Passphrase') as HTMLInputElement).value).toBe(''));
});
