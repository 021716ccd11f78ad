//! The app measured in its real window on the demo data folder of 10,000 cases (1,001 live),
//! timed in the page with `performance.now()`. A benchmark, not a test: it prints figures.
//! Run it with `scripts/bench`, which makes the data folder and gives it a private keyring.
//!
//! - the IPC round trip: `search_cases` invoked from the page, as the case list does while a
//!   lead types;
//! - the UI as a lead feels it: a key typed into the case search until the new results are
//!   painted, the weekly checklist of every live case opened until painted, and "N" (no
//!   change) pressed on it until the item shows its outcome.
//!
//! "Painted" is the first frame after the change is in the page: a `requestAnimationFrame`
//! callback runs before a frame is drawn, and a task it queues runs after.

use std::time::Duration;

use cp_tracker_e2e::{App, Launch, Locator};
use serde_json::json;

const RUNS: usize = 30;

const ROUND_TRIP: &str = r#"
const [words, runs, done] = arguments;
(async () => {
  const times = [];
  for (const word of words) {
    for (let n = 1; n <= Math.min(4, word.length); n++) {
      const query = { text: word.slice(0, n), status: 'open', level: null, leadId: null, hasCpPlan: false, sort: 'newest', offset: 0 };
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await window.__TAURI_INTERNALS__.invoke('search_cases', { query });
        times.push(performance.now() - t);
      }
    }
  }
  done(times);
})().catch((e) => done(String(e)));
"#;

/// Shared by the page scripts: waits until `ready()` holds, then for the frame to be painted.
const PAINTED: &str = r#"
const painted = (ready) => new Promise((resolve, reject) => {
  const give_up = performance.now() + 120000;
  const check = () => {
    if (ready()) requestAnimationFrame(() => setTimeout(resolve, 0));
    else if (performance.now() > give_up) reject(new Error('the page did not change within 2 minutes'));
    else requestAnimationFrame(check);
  };
  check();
});
const nav = (label) => [...document.querySelectorAll('nav button')].find((b) => b.textContent.trim() === label).click();
"#;

/// Each prefix typed into an empty search box, timed from the input to the new counts painted.
/// A prefix that every open case matches ("a") changes nothing on the screen, so it is
/// skipped: there is no new frame to time.
const TYPING: &str = r#"
const [words, runs, done] = arguments;
(async () => {
  const box = document.getElementById('case-search');
  const counts = () => document.querySelector('[data-testid=case-counts]').textContent;
  const type = (text) => { box.value = text; box.dispatchEvent(new Event('input', { bubbles: true })); };
  const found = async (text) => {
    const query = { text, status: 'open', level: null, leadId: null, hasCpPlan: false, sort: 'newest', offset: 0 };
    const r = await window.__TAURI_INTERNALS__.invoke('search_cases', { query });
    return JSON.stringify([r.total, r.counts]);
  };
  type('');
  await painted(() => counts() !== '');
  const empty = counts();
  const everything = await found('');
  const times = [];
  for (const word of words) {
    for (let n = 1; n <= Math.min(4, word.length); n++) {
      if ((await found(word.slice(0, n))) === everything) continue;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        type(word.slice(0, n));
        await painted(() => counts() !== empty);
        times.push(performance.now() - t);
        type('');
        await painted(() => counts() === empty);
      }
    }
  }
  done(times);
})().catch((e) => done(String(e)));
"#;

/// The checklist opened from the dashboard, `runs` times.
const OPEN_CHECKLIST: &str = r#"
const [runs, done] = arguments;
(async () => {
  const items = () => document.querySelectorAll('[data-testid=checklist] > li').length;
  const heading = () => document.querySelector('h1')?.textContent ?? '';
  const times = [];
  for (let i = 0; i < runs; i++) {
    nav('Dashboard');
    await painted(() => heading() === 'Dashboard' && items() === 0);
    const t = performance.now();
    nav('Weekly review');
    await painted(() => items() > 0);
    times.push(performance.now() - t);
  }
  const total = document.querySelector('[data-testid=review-status]').textContent.match(/of (\d+) cases/);
  done({ times, items: total ? Number(total[1]) : null });
})().catch((e) => done(String(e)));
"#;

/// The dashboard opened from the case list, `runs` times.
const OPEN_DASHBOARD: &str = r#"
const [runs, done] = arguments;
(async () => {
  const board = () => document.querySelector('[data-testid=week-progress]');
  const heading = () => document.querySelector('h1')?.textContent ?? '';
  const times = [];
  for (let i = 0; i < runs; i++) {
    nav('Cases');
    await painted(() => heading() === 'Cases' && !board());
    const t = performance.now();
    nav('Dashboard');
    await painted(() => board() !== null);
    times.push(performance.now() - t);
  }
  const rows = (id) => document.querySelectorAll(`[data-testid=${id}] > tbody > tr, [data-testid=${id}] > li`).length;
  done({ times, shown: `${rows('due')} due, ${rows('changes')} changed cases` });
})().catch((e) => done(String(e)));
"#;

/// "N" pressed on the first `runs` cases not yet reviewed, each timed to its outcome shown.
const PRESS_N: &str = r#"
const [runs, done] = arguments;
(async () => {
  const items = [...document.querySelectorAll('[data-testid=checklist] > li')];
  const outcome = (li) => li.querySelector('[data-testid=outcome]').textContent;
  const times = [];
  for (const li of items.filter((li) => outcome(li) === 'Not reviewed').slice(0, runs)) {
    li.focus();
    await painted(() => document.activeElement === li);
    const t = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    await painted(() => outcome(li) === 'Reviewed: no change');
    times.push(performance.now() - t);
  }
  done(times);
})().catch((e) => done(String(e)));
"#;

type Error = Box<dyn std::error::Error>;

fn report(name: &str, value: serde_json::Value) -> Result<(), Error> {
    let mut times: Vec<Duration> = value
        .as_array()
        .ok_or_else(|| format!("{name}: the page said: {value}"))?
        .iter()
        .filter_map(|v| v.as_f64())
        .map(|ms| Duration::from_secs_f64(ms / 1000.0))
        .collect();
    if times.is_empty() {
        return Err(format!("{name}: nothing was timed").into());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<52} median {:>9.2} ms   p95 {:>9.2} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 95).div_ceil(100).saturating_sub(1)]),
        times.len()
    );
    Ok(())
}

async fn run(app: &App, script: &str, args: Vec<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(app.client.execute_async(&format!("{PAINTED}\n{script}"), args).await?)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let data = std::env::var_os("CP_TRACKER_BENCH_DATA").ok_or("set CP_TRACKER_BENCH_DATA (scripts/bench does)")?;
    let app = App::launch_with(Launch { data_dir: Some(data.into()), ..Launch::default() }).await?;
    app.find(Locator::Id("lead-1")).await?.click().await?;
    app.fill("passphrase", "demo passphrase one").await?;
    app.click_button("Sign in").await?;
    app.heading("Dashboard").await?;
    // Each script runs many timed steps; WebDriver's default of 30 s is for one.
    let scripts = Some(Duration::from_secs(600));
    app.client.update_timeouts(fantoccini::wd::TimeoutConfiguration::new(scripts, None, None)).await?;
    let words = json!(["Amara", "Nowak", "BS99 4BG"]);

    let times = app.client.execute_async(ROUND_TRIP, vec![words.clone(), json!(RUNS)]).await?;
    report("search through IPC, from the page (1-4 chars)", times)?;

    app.click_button("Cases").await?;
    app.heading("Cases").await?;
    report("search: key typed to results painted (1-4 chars)", run(&app, TYPING, vec![words, json!(5)]).await?)?;

    let board = run(&app, OPEN_DASHBOARD, vec![json!(10)]).await?;
    let shown = board.get("shown").and_then(|s| s.as_str()).unwrap_or_default().to_owned();
    report(&format!("dashboard opened to painted ({shown})"), board.get("times").cloned().unwrap_or(board))?;

    let opened = run(&app, OPEN_CHECKLIST, vec![json!(10)]).await?;
    let items = opened.get("items").cloned().unwrap_or_default();
    report(
        &format!("weekly checklist opened to painted ({items} cases)"),
        opened.get("times").cloned().unwrap_or(opened),
    )?;
    report("weekly checklist: N pressed to outcome painted", run(&app, PRESS_N, vec![json!(RUNS)]).await?)?;
    app.close().await?;
    Ok(())
}
