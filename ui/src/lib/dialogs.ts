// The native dialogs. A save dialog is opened by the app itself (choose_destination), which
// then accepts only the path the lead chose there: the window cannot name a path of its own.
import { api } from './api';
import { open } from '@tauri-apps/plugin-dialog';

const FILTERS = [{ name: 'CP Tracker backup', extensions: ['cptbak'] }];

export async function chooseBackupDestination(today: Date): Promise<string | null> {
  const day = today.toISOString().slice(0, 10);
  return api.chooseDestination('backup', `cp-tracker-backup-${day}.cptbak`);
}

export async function chooseBackupFile(): Promise<string | null> {
  const picked = await open({ title: 'Choose a CP Tracker backup', multiple: false, directory: false, filters: FILTERS });
  return typeof picked === 'string' ? picked : null;
}

/** Where to save a printed report (PDF); null when the lead cancels. */
export async function choosePdfDestination(name: string): Promise<string | null> {
  return api.chooseDestination('pdf', `${name}.pdf`);
}
