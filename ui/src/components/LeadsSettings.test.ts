import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Lead } from '../lib/bindings';
import LeadsSettings from './LeadsSettings.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const me: Lead = { id: 1, name: 'Joanna Holmes', role: 'Designated safeguarding lead', active: true };
const elaine: Lead = { id: 2, name: 'Elaine Martin', role: 'Deputy lead', active: true };

it('asks before deactivating a lead, and deactivates only on yes', async () => {
  const deactivated: number[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'leads') return [me, elaine];
    if (cmd === 'deactivate_lead') {
      deactivated.push((args as { leadId: number }).leadId);
      return [me, { ...elaine, active: false }];
    }
  });
  render(LeadsSettings, { me });
  await settled();
  await fireEvent.click(screen.getByRole('button', { name: 'Deactivate Elaine Martin' }));
  await settled();
  expect(deactivated).toEqual([]);
  expect(document.activeElement?.id).toBe('confirm-deactivate');
  await fireEvent.click(screen.getByRole('button', { name: 'No, keep Elaine Martin active' }));
  expect(deactivated).toEqual([]);

  await fireEvent.click(screen.getByRole('button', { name: 'Deactivate Elaine Martin' }));
  await settled();
  await fireEvent.click(screen.getByRole('button', { name: 'Yes, deactivate Elaine Martin' }));
  await settled();
  expect(deactivated).toEqual([2]);
  expect(screen.getByRole('status').textContent).toContain('Elaine Martin can no longer sign in');
});
