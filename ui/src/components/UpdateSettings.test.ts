import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import UpdateSettings from './UpdateSettings.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

it('offers to install only a version downloaded and checked', async () => {
  const asked: string[] = [];
  mockIPC((cmd) => {
    asked.push(cmd);
    if (cmd === 'check_for_update') return { current: '0.1.0', version: '0.2.0', notes: 'Body maps print in colour.' };
    if (cmd === 'download_update') return { current: '0.1.0', version: '0.2.0', notes: 'Body maps print in colour.' };
    return null;
  });
  render(UpdateSettings);
  expect(asked).toEqual([]); // nothing is looked for until the lead asks
  await fireEvent.click(screen.getByRole('button', { name: 'Look for a new version' }));
  await settled();
  expect(screen.getByRole('status').textContent).toContain('Version 0.2.0 is available. You have 0.1.0.');
  expect(screen.getByText('Body maps print in colour.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Install and restart' })).toBeNull();
  await fireEvent.click(screen.getByRole('button', { name: 'Download version 0.2.0' }));
  await settled();
  expect(screen.getByRole('status').textContent).toContain('Version 0.2.0 is downloaded and its signature checked.');
  await fireEvent.click(screen.getByRole('button', { name: 'Install and restart' }));
  await settled();
  expect(asked).toEqual(['check_for_update', 'download_update', 'install_update']);
});

it('says when a download was refused for its signature, and offers no install', async () => {
  mockIPC((cmd) => {
    if (cmd === 'check_for_update') return { current: '0.1.0', version: '0.2.0', notes: null };
    if (cmd === 'download_update') {
      throw { code: 'update_refused', message: "The new version did not carry CP Tracker's signature, so it was not installed." };
    }
    return null;
  });
  render(UpdateSettings);
  await fireEvent.click(screen.getByRole('button', { name: 'Look for a new version' }));
  await settled();
  await fireEvent.click(screen.getByRole('button', { name: 'Download version 0.2.0' }));
  await settled();
  expect(screen.getByRole('alert').textContent).toContain("did not carry CP Tracker's signature");
  expect(screen.queryByRole('button', { name: 'Install and restart' })).toBeNull();
});

it('says when this is the newest version', async () => {
  mockIPC((cmd) => (cmd === 'check_for_update' ? { current: '0.1.0', version: null, notes: null } : null));
  render(UpdateSettings);
  await fireEvent.click(screen.getByRole('button', { name: 'Look for a new version' }));
  await settled();
  expect(screen.getByRole('status').textContent).toContain('This is the newest version (0.1.0).');
});
