// The native open/save dialogs: a backup goes only where the lead chooses.
import { open, save } from '@tauri-apps/plugin-dialog';

const FILTERS = [{ name: 'CP Tracker backup', extensions: ['cptbak'] }];

export async function chooseBackupDestination(today: Date): Promise<string | null> {
  const day = today.toISOString().slice(0, 10);
  return save({ title: 'Save the backup', defaultPath: `cp-tracker-backup-${day}.cptbak`, filters: FILTERS });
}

export async function chooseBackupFile(): Promise<string | null> {
  const picked = await open({ title: 'Choose a CP Tracker backup', multiple: false, directory: false, filters: FILTERS });
  return typeof picked === 'string' ? picked : null;
}

/** Where to save a printed report (PDF); null when the lead cancels. */
export async function choosePdfDestination(name: string): Promise<string | null> {
  return save({ title: 'Save the report', defaultPath: `${name}.pdf`, filters: [{ name: 'PDF document', extensions: ['pdf'] }] });
}
