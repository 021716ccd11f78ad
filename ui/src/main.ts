import { mount } from 'svelte';
import App from './App.svelte';
import './styles.css';

// WebKitGTK, the only engine Tauri uses on Linux (styles.css says why).
if (/\bLinux\b/.test(navigator.userAgent) && !/\bAndroid\b/.test(navigator.userAgent)) {
  document.documentElement.dataset.fonts = 'generic';
}

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');

export default mount(App, { target });
