//! The IPC round trip, measured in the real window: `search_cases` invoked from the page
//! (as the case list does while a lead types) on the demo data folder of 10,000 cases, timed
//! in the page with `performance.now()`. A benchmark, not a test: it prints figures. Run it
//! with `scripts/bench`, which makes the data folder and gives it a private keyring.

use std::time::Duration;

use cp_tracker_e2e::{App, Launch, Locator};

const RUNS: usize = 30;

const SCRIPT: &str = r#"
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

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = std::env::var_os("CP_TRACKER_BENCH_DATA").ok_or("set CP_TRACKER_BENCH_DATA (scripts/bench does)")?;
    let app = App::launch_with(Launch { data_dir: Some(data.into()), ..Launch::default() }).await?;
    app.find(Locator::Id("lead-1")).await?.click().await?;
    app.fill("passphrase", "demo passphrase one").await?;
    app.click_button("Sign in").await?;
    app.heading("Dashboard").await?;
    let words = serde_json::json!(["Amara", "Nowak", "BS99 4BG"]);
    let result = app.client.execute_async(SCRIPT, vec![words, serde_json::json!(RUNS)]).await?;
    let mut times: Vec<Duration> = result
        .as_array()
        .ok_or_else(|| format!("the page said: {result}"))?
        .iter()
        .filter_map(|v| v.as_f64())
        .map(|ms| Duration::from_secs_f64(ms / 1000.0))
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{:<52} median {:>9.2} ms   p95 {:>9.2} ms   ({} runs)",
        "search through IPC, from the page (1-4 chars)",
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 95).div_ceil(100).saturating_sub(1)]),
        times.len()
    );
    app.close().await?;
    Ok(())
}
