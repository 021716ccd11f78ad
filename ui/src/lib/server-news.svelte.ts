// Shared mode: what the organisation's server tells this laptop (through Rust's listener,
// `server-news`): another lead's change (screens showing records read them again) and whether
// the server can be reached (the banner). On a laptop's own file nothing is ever heard.
import { listen } from '@tauri-apps/api/event';
import type { ServerNews } from './bindings';

export const server = $state({ reachable: true, changes: 0 });

export function heard(news: ServerNews) {
  if (news === 'unreachable') {
    server.reachable = false;
    return;
  }
  if (news === 'reachable') server.reachable = true;
  server.changes += 1;
}

/** Starts passing the window's `server-news` on; resolves to the function that stops it. */
export function hearServerNews(): Promise<() => void> {
  return listen<ServerNews>('server-news', (event) => heard(event.payload));
}
