//! Harness for the end-to-end tests: starts `tauri-driver` (which starts `WebKitWebDriver`,
//! which starts the release binary) on free ports with a private data folder, and gives the
//! test a WebDriver client on the real window.
//!
//! Every wait has a deadline, so a missing display, driver or binary fails with a sentence
//! saying what to install or run, never a hang. The driver is stopped with SIGTERM on drop:
//! SIGKILL would orphan `WebKitWebDriver`, which keeps the test's pipes open.

mod driver;
mod processes;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
pub use fantoccini::{Client, Locator};
use tempfile::TempDir;

use driver::Driver;

/// Long enough for a cold WebKit start on a loaded 2-core CI machine.
pub(crate) const STARTUP_DEADLINE: Duration = Duration::from_secs(60);
const ELEMENT_DEADLINE: Duration = Duration::from_secs(20);
/// How long a closed app has to end by itself before it is ended.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    #[error("no X display: run the end-to-end tests under `xvfb-run -a` (the README's test command does)")]
    NoDisplay,
    #[error(
        "the release binary is missing at {0}: build it with `cargo build --release -p cp-tracker` (the README's test command does)"
    )]
    NoBinary(PathBuf),
    #[error("`{0}` was not found on PATH: {1}")]
    NoTool(&'static str, &'static str),
    #[error("tauri-driver did not answer as a WebDriver server on any of its tries: {0}")]
    DriverNeverAnswered(String),
    #[error("tauri-driver did not listen on port {0} within {1:?}")]
    DriverTimeout(u16, Duration),
    #[error("the WebDriver session did not start within {deadline:?}; the end of the driver's log ({log}):\n{tail}")]
    SessionTimeout { deadline: Duration, log: PathBuf, tail: String },
    /// With what tauri-driver, WebKitWebDriver and the app printed (they share the log): a
    /// session refused in CI is otherwise a bare transport error, its cause gone with the run.
    #[error("WebDriver session failed: {error}; the end of the driver's log ({log}):\n{tail}")]
    Session { error: Box<fantoccini::error::NewSessionError>, log: PathBuf, tail: String },
    #[error("WebDriver command failed: {0}")]
    Command(#[from] fantoccini::error::CmdError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("axe-core is missing at {0}: run `npm --prefix ui ci` (the README's test command does)")]
    NoAxe(PathBuf),
    #[error("axe-core's report could not be read: {0}")]
    AxeReport(String),
    #[error("the app on {0} was still running {1:?} after its session closed")]
    StillRunning(PathBuf, Duration),
    #[error("the text {expected:?} did not appear within {deadline:?}; the element said {last:?}")]
    TextTimeout { expected: String, last: String, deadline: Duration },
    #[error("the app's web process (WebKitWebProcess) was not found under the driver")]
    NoWebProcess,
}

pub type Result<T, E = HarnessError> = std::result::Result<T, E>;

/// The workspace's `target/` folder (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("target"))
}

/// What to launch. Defaults come from the environment; tests of the harness override them.
#[derive(Debug, Clone)]
pub struct Launch {
    pub binary: PathBuf,
    pub display: Option<String>,
    pub data_dir: Option<PathBuf>,
    /// Extra environment for the app (e.g. a short idle lock).
    pub env: Vec<(String, String)>,
    /// The app's HOME and XDG folders, to start again with what an earlier launch left there
    /// (the window's size and place); a new one for each launch when `None`.
    pub profile_dir: Option<PathBuf>,
    /// How long the window has to open (a test of the harness waits less).
    pub startup_deadline: Duration,
    /// How long an element or its text has to appear (a test of the harness waits less).
    pub element_deadline: Duration,
    /// tauri-driver's port and WebKitWebDriver's to try first (a test of the harness gives
    /// ports that clash); new free ones when `None` or when these do not answer.
    pub ports: Option<[u16; 2]>,
}

impl Default for Launch {
    fn default() -> Self {
        Self {
            binary: std::env::var_os("CP_TRACKER_BIN")
                .map(PathBuf::from)
                .unwrap_or_else(|| target_dir().join("release").join("cp-tracker")),
            display: std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()),
            data_dir: None,
            env: Vec::new(),
            profile_dir: None,
            startup_deadline: STARTUP_DEADLINE,
            element_deadline: ELEMENT_DEADLINE,
            ports: None,
        }
    }
}

/// A running app under WebDriver. Drop it (or call `close`) to stop everything.
pub struct App {
    pub client: Client,
    /// Kept alive for the app's lifetime; the app's `CP_TRACKER_DATA_DIR`.
    pub data_dir: PathBuf,
    /// The app's HOME and XDG folders (WebKit's storage and caches land here), so a test
    /// never writes into the developer's own profile and can scan what WebKit kept.
    pub profile_dir: PathBuf,
    element_deadline: Duration,
    _owned_data_dir: Option<TempDir>,
    _profile: TempDir,
    driver: Driver,
}

impl App {
    pub async fn launch() -> Result<Self> {
        Self::launch_with(Launch::default()).await
    }

    pub async fn launch_with(launch: Launch) -> Result<Self> {
        let display = launch.display.clone().ok_or(HarnessError::NoDisplay)?;
        if !launch.binary.is_file() {
            return Err(HarnessError::NoBinary(launch.binary.clone()));
        }
        let tauri_driver =
            find_tool("tauri-driver", "install it with `cargo install tauri-driver --version ^2 --locked`")?;
        find_tool("WebKitWebDriver", "install Debian's webkit2gtk-driver package")?;

        let (owned, data_dir) = match launch.data_dir.clone() {
            Some(dir) => (None, dir),
            None => {
                let tmp = tempfile::Builder::new().prefix("cp-e2e-data-").tempdir()?;
                let path = tmp.path().to_path_buf();
                (Some(tmp), path)
            }
        };

        let profile = tempfile::Builder::new().prefix("cp-e2e-profile-").tempdir()?;
        let profile_dir = launch.profile_dir.clone().unwrap_or_else(|| profile.path().to_path_buf());
        for sub in ["data", "cache", "config", "state"] {
            std::fs::create_dir_all(profile_dir.join(sub))?;
        }

        let log_dir = target_dir().join("e2e-logs");
        std::fs::create_dir_all(&log_dir)?;
        let command = || {
            let mut command = Command::new(&tauri_driver);
            command
                .envs(launch.env.iter().map(|(k, v)| (k, v)))
                .env("DISPLAY", &display)
                .env("CP_TRACKER_DATA_DIR", &data_dir)
                .env("XDG_DATA_HOME", profile_dir.join("data"))
                .env("XDG_CACHE_HOME", profile_dir.join("cache"))
                .env("XDG_CONFIG_HOME", profile_dir.join("config"))
                .env("XDG_STATE_HOME", profile_dir.join("state"));
            command
        };
        let driver::Started { driver, port, log: log_path } = Driver::start(command, launch.ports, &log_dir)?;

        let binary = launch.binary.canonicalize()?;
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": binary }));
        let url = format!("http://127.0.0.1:{port}");
        let mut builder = fantoccini::ClientBuilder::native();
        builder.capabilities(caps);
        let client = match tokio::time::timeout(launch.startup_deadline, builder.connect(&url)).await {
            Ok(Ok(client)) => client,
            Ok(Err(error)) => {
                let (error, tail) = (Box::new(error), driver::log_tail(&log_path));
                return Err(HarnessError::Session { error, tail, log: log_path });
            }
            Err(_) => {
                let (deadline, tail) = (launch.startup_deadline, driver::log_tail(&log_path));
                return Err(HarnessError::SessionTimeout { deadline, tail, log: log_path });
            }
        };
        let element_deadline = launch.element_deadline;
        Ok(Self { client, data_dir, profile_dir, element_deadline, _owned_data_dir: owned, _profile: profile, driver })
    }

    /// The environment the app's web process (the one WebKit draws its pages in) was started
    /// with: what the app set for WebKit before its window opened.
    pub fn web_process_environment(&self) -> Result<std::collections::HashMap<String, String>> {
        processes::descendants(self.driver.pid())
            .into_iter()
            .find(|pid| processes::name(*pid).is_some_and(|name| name.starts_with("WebKitWebProc")))
            .and_then(processes::environment)
            .ok_or(HarnessError::NoWebProcess)
    }

    /// Waits for an element to be present; fails after a deadline rather than hanging.
    pub async fn find(&self, locator: Locator<'_>) -> Result<Element> {
        Ok(self.client.wait().at_most(self.element_deadline).for_element(locator).await?)
    }

    /// Waits for the element's text to become exactly `expected`, returning it; an error if it
    /// has not within the deadline.
    pub async fn wait_for_text(&self, locator: Locator<'_>, expected: &str) -> Result<String> {
        self.poll_text(locator, expected, |text| text == expected).await
    }

    /// Waits for the element's text to contain `part` (a screen whose data arrives after its
    /// heading), returning the whole text; an error if it has not within the deadline.
    pub async fn wait_for_text_containing(&self, locator: Locator<'_>, part: &str) -> Result<String> {
        self.poll_text(locator, part, |text| text.contains(part)).await
    }

    /// Reads the element's text until `wanted` holds, returning it; once the deadline passes,
    /// an error naming what was `expected` and the text the element last had. The page may
    /// replace the element while it is polled (a screen changing): a stale element is found
    /// afresh rather than failing.
    async fn poll_text(&self, locator: Locator<'_>, expected: &str, wanted: impl Fn(&str) -> bool) -> Result<String> {
        let deadline = Instant::now() + self.element_deadline;
        let mut last = String::new();
        loop {
            match self.find(locator).await?.text().await {
                Ok(text) => last = text,
                Err(e) if is_stale(&e) => {}
                Err(e) => return Err(e.into()),
            }
            if wanted(&last) {
                return Ok(last);
            }
            if Instant::now() >= deadline {
                return Err(HarnessError::TextTimeout {
                    expected: expected.to_owned(),
                    last,
                    deadline: self.element_deadline,
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Types into the input with this id (ids may contain dots, e.g. `leads.0.name`).
    /// A screen that re-renders between finding and typing makes the element stale; the
    /// input is then found afresh (a few times at most) rather than failing on a race.
    pub async fn fill(&self, id: &str, text: &str) -> Result<()> {
        let mut tries = 0;
        loop {
            let input = self.find(Locator::Id(id)).await?;
            let typed = async {
                input.clear().await?;
                input.send_keys(text).await
            }
            .await;
            match typed {
                Err(e) if is_stale(&e) && tries < 3 => tries += 1,
                other => return Ok(other?),
            }
        }
    }

    /// Clicks the button whose visible text is exactly `label`.
    pub async fn click_button(&self, label: &str) -> Result<()> {
        // XPath 1 has no escapes: a label with an apostrophe is quoted with double quotes.
        let xpath = if label.contains('\'') {
            format!("//button[normalize-space()=\"{label}\"]")
        } else {
            format!("//button[normalize-space()='{label}']")
        };
        self.find(Locator::XPath(&xpath)).await?.click().await?;
        Ok(())
    }

    /// Scrolls `element` to the middle of the window, as a lead would scroll to it, and returns
    /// once the window has drawn two frames since. Content laid out only near the window
    /// (`content-visibility: auto`) gets its layout in the rendering step after the scroll;
    /// until then WebDriver finds its buttons but may not click them.
    pub async fn scroll_to(&self, element: &Element) -> Result<()> {
        let script = "const [el, done] = arguments; el.scrollIntoView({block: 'center'});
                      requestAnimationFrame(() => requestAnimationFrame(() => done(null)));";
        self.client
            .execute_async(script, vec![serde_json::to_value(element).map_err(fantoccini::error::CmdError::from)?])
            .await?;
        Ok(())
    }

    /// Presses one key (a character or a `fantoccini::key::Key` code) wherever focus is, as a
    /// lead would: shortcuts that listen on the window receive it too.
    pub async fn press(&self, key: impl Into<char>) -> Result<()> {
        self.press_times(key, 1).await
    }

    /// Presses one key `times` times over, in one WebDriver command: a lead holding down an
    /// arrow key to move far down a list.
    pub async fn press_times(&self, key: impl Into<char>, times: usize) -> Result<()> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let value = key.into();
        let mut keys = KeyActions::new("keyboard".into());
        for _ in 0..times {
            keys = keys.then(KeyAction::Down { value }).then(KeyAction::Up { value });
        }
        self.client.perform_actions(keys).await?;
        Ok(())
    }

    /// Presses `key` with Ctrl held, as in Ctrl+Enter.
    pub async fn press_ctrl(&self, key: impl Into<char>) -> Result<()> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        use fantoccini::key::Key;
        let (ctrl, value) = (char::from(Key::Control), key.into());
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: ctrl })
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value })
            .then(KeyAction::Up { value: ctrl });
        self.client.perform_actions(keys).await?;
        Ok(())
    }

    /// The current value of the input or textarea with this id.
    pub async fn value_of(&self, id: &str) -> Result<String> {
        Ok(self.find(Locator::Id(id)).await?.prop("value").await?.unwrap_or_default())
    }

    /// Waits for the page's one `h1` to read `expected`; returns what it last read.
    pub async fn heading(&self, expected: &str) -> Result<String> {
        self.wait_for_text(Locator::Css("h1"), expected).await
    }

    /// Goes through the set-up wizard with one lead, ending signed in on the case list.
    pub async fn set_up(&self, organisation: &str, lead: &str, passphrase: &str) -> Result<()> {
        self.click_button("Keep records on this laptop").await?;
        self.click_button("Continue").await?;
        self.fill("organisation", organisation).await?;
        self.fill("leads.0.name", lead).await?;
        self.fill("leads.0.role", "Designated Safeguarding Lead").await?;
        self.fill("leads.0.passphrase", passphrase).await?;
        self.click_button("Continue").await?;
        let g3 = self.find(Locator::Css("[data-testid=recovery-key] li:nth-child(3) code")).await?.text().await?;
        let g7 = self.find(Locator::Css("[data-testid=recovery-key] li:nth-child(7) code")).await?.text().await?;
        self.fill("group3", &g3).await?;
        self.fill("group7", &g7).await?;
        self.click_button("Finish set-up").await?;
        // Sign-in lands on the dashboard; these tests start from the case list.
        self.heading("Dashboard").await?;
        self.click_button("Cases").await?;
        self.heading("Cases").await?;
        Ok(())
    }

    /// Signs the lead called `name` in from the sign-in screen, ending on the dashboard.
    pub async fn sign_in(&self, name: &str, passphrase: &str) -> Result<()> {
        self.heading("Sign in to CP Tracker").await?;
        let label = format!("//label[starts-with(normalize-space(), '{name}')]");
        self.find(Locator::XPath(&label)).await?.click().await?;
        self.fill("passphrase", passphrase).await?;
        self.click_button("Sign in").await?;
        self.heading("Dashboard").await?;
        Ok(())
    }

    /// Text of the first element matching a CSS selector, once it is there.
    pub async fn text_of(&self, css: &str) -> Result<String> {
        let deadline = Instant::now() + self.element_deadline;
        loop {
            match self.find(Locator::Css(css)).await?.text().await {
                Ok(text) => return Ok(text),
                Err(e) if is_stale(&e) && Instant::now() < deadline => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Saves a PNG of the window under `target/e2e-screenshots/` and returns its path.
    /// The accessibility rules axe-core breaks on the screen as it is now, one line each ("rule:
    /// what, at which element"): WCAG 2.0 to 2.2 A and AA and best practice. axe-core is the
    /// UI's pinned dev dependency, injected into the real window for the run.
    pub async fn axe(&self) -> Result<Vec<String>> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).map_err(|_| HarnessError::NoAxe(path.clone()))?;
        let script = format!(
            "{source}\n;const done = arguments[arguments.length - 1];
             axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
               'wcag22aa', 'best-practice'] }}, resultTypes: ['violations'] }})
               .then((r) => done(JSON.stringify(r.violations.flatMap((v) =>
                 v.nodes.map((n) => `${{v.id}}: ${{v.help}}, at ${{n.target.join(' ')}}`)))))
               .catch((e) => done(JSON.stringify(['axe failed: ' + e])));"
        );
        let report = self.client.execute_async(&script, vec![]).await?;
        let text = report.as_str().ok_or_else(|| HarnessError::AxeReport(report.to_string()))?;
        serde_json::from_str(text).map_err(|e| HarnessError::AxeReport(e.to_string()))
    }

    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let dir = target_dir().join("e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the WebDriver session (which closes the app), then stops the driver, and waits
    /// until the app has gone: a launch on the same data folder before then would hand over to
    /// it (one app per folder) and end. WebKitWebDriver sometimes exits leaving the app
    /// running without its page (about one close in five here, seen as an orphan process
    /// idling with its network process); one still there after a grace period is ended with
    /// SIGTERM, as the system ends an app. The app's folders live on in the returned value,
    /// for tests that inspect what was left on disk.
    pub async fn close(self) -> Result<Leftovers> {
        let closed = self.client.clone().close().await;
        drop(self.driver);
        closed?;
        let started = Instant::now();
        let mut ended = false;
        while is_running(&self.data_dir)? {
            if !ended && started.elapsed() >= CLOSE_GRACE {
                if let Some(pid) = running_pid(&self.data_dir)? {
                    // SAFETY: kill(2) with a pid the session bus gave for this folder's app.
                    unsafe { libc::kill(pid, libc::SIGTERM) };
                }
                ended = true;
            }
            if started.elapsed() >= ELEMENT_DEADLINE {
                return Err(HarnessError::StillRunning(self.data_dir.clone(), ELEMENT_DEADLINE));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        Ok(Leftovers { _data: self._owned_data_dir, _profile: self._profile })
    }
}

fn is_stale(e: &fantoccini::error::CmdError) -> bool {
    matches!(e, fantoccini::error::CmdError::Standard(w) if w.error == fantoccini::error::ErrorStatus::StaleElementReference)
}

/// Whether an app holds the single-instance name for this data folder on the session bus: it
/// takes it before its window opens and loses it when its process ends.
pub fn is_running(data_dir: &Path) -> Result<bool> {
    Ok(ask_bus("NameHasOwner", data_dir)?.contains("boolean true"))
}

/// The process holding this data folder's name, if one does.
fn running_pid(data_dir: &Path) -> Result<Option<libc::pid_t>> {
    // Fails when nobody holds the name (any more): then there is nothing to end.
    let Ok(reply) = ask_bus("GetConnectionUnixProcessID", data_dir) else { return Ok(None) };
    Ok(reply.split_whitespace().skip_while(|w| *w != "uint32").nth(1).and_then(|pid| pid.parse().ok()))
}

fn ask_bus(method: &str, data_dir: &Path) -> Result<String> {
    let name = format!("string:{}.SingleInstance", cp_core::paths::instance_name(data_dir));
    let asked = Command::new("dbus-send")
        .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
        .args([format!("org.freedesktop.DBus.{method}"), name])
        .output()?;
    if !asked.status.success() {
        return Err(HarnessError::Io(std::io::Error::other(format!(
            "dbus-send could not ask the session bus: {}",
            String::from_utf8_lossy(&asked.stderr)
        ))));
    }
    Ok(String::from_utf8_lossy(&asked.stdout).into_owned())
}

/// Every file under `dir`, recursively (links are not followed).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => out.extend(files_under(&path)),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
    out
}

/// Keeps a closed app's temporary folders until dropped.
pub struct Leftovers {
    _data: Option<TempDir>,
    _profile: TempDir,
}

fn find_tool(name: &'static str, hint: &'static str) -> Result<PathBuf> {
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".cargo").join("bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file()).ok_or(HarnessError::NoTool(name, hint))
}
