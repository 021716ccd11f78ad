import { afterEach, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';

afterEach(() => clearMocks());

it('goes from the welcome screen to the data folder the core reports', async () => {
  mockIPC((cmd) => {
    if (cmd === 'app_info') return { productName: 'CP Tracker', version: '0.1.0', dataDir: '/srv/cp-data' };
  });
  render(App);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to CP Tracker');

  await fireEvent.click(screen.getByRole('button', { name: /start set-up/i }));

  expect(await screen.findByText('/srv/cp-data')).toBeTruthy();
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Where your records will be kept');
});

it('shows the error summary when the core cannot find the data folder', async () => {
  mockIPC(() => {
    throw { code: 'data_folder', message: 'CP Tracker cannot find this computer’s application data folder.' };
  });
  render(App);
  await fireEvent.click(screen.getByRole('button', { name: /start set-up/i }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('There is a problem');
  expect(alert.textContent).toContain('cannot find this computer’s application data folder');
});
