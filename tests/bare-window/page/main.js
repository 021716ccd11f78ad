// Painted: the frame after the next has been drawn, as CP Tracker's first screen reports it.
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI__.core.invoke('first_paint')));
