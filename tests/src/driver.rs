//! tauri-driver on two free ports, proven to be what answers on them before a session is asked
//! for.
//!
//! A free port is found by binding port 0 and letting it go, so another program can take it
//! before tauri-driver binds it, and two such picks can even be the same port. Either way the
//! session request then reaches the wrong listener: tauri-driver given one port for both
//! forwards to itself until it runs out of files, and the session fails with "webdriver server
//! did not respond" (CI, December 2026). So the two ports are picked while both are held, and
//! the driver must answer WebDriver's status through to WebKitWebDriver before it is used; if
//! it does not, it is ended and started again on new ports.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{HarnessError, Result, STARTUP_DEADLINE, processes};

/// Tries before giving up: a port is taken by someone else rarely, twice in a row hardly ever.
const TRIES: usize = 3;
/// WebKitWebDriver answers its status at once; a driver forwarding to itself fails in ~2 s.
const PROBE_DEADLINE: Duration = Duration::from_secs(10);

pub(crate) struct Driver {
    child: Child,
}

/// A driver that answered, the port to ask it for a session on and its log.
pub(crate) struct Started {
    pub driver: Driver,
    pub port: u16,
    pub log: PathBuf,
}

impl Driver {
    /// Starts `command()` (tauri-driver with the app's environment) on `first` ports, or new
    /// free ones, until one answers as a WebDriver server with WebKitWebDriver behind it.
    pub(crate) fn start(command: impl Fn() -> Command, first: Option<[u16; 2]>, log_dir: &Path) -> Result<Started> {
        let mut refused = Vec::new();
        let mut ports = first;
        for _ in 0..TRIES {
            let [port, native_port] = match ports.take() {
                Some(ports) => ports,
                None => two_free_ports()?,
            };
            let log = log_dir.join(format!("tauri-driver-{port}.log"));
            let file = std::fs::File::create(&log)?;
            let child = command()
                .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
                .stdin(Stdio::null())
                .stdout(file.try_clone()?)
                .stderr(file)
                .spawn()?;
            let mut driver = Driver { child };
            match driver.answers(port, native_port)? {
                None => return Ok(Started { driver, port, log }),
                // Dropped here (ended); the next try has new ports.
                Some(why) => {
                    if driver.child.try_wait()?.is_some() {
                        end_orphaned_webkit_driver(native_port);
                    }
                    refused.push(format!("ports {port} and {native_port}: {why} (log {})", log.display()));
                }
            }
        }
        Err(HarnessError::DriverNeverAnswered(refused.join("; ")))
    }

    /// tauri-driver's own process: WebKitWebDriver, the app and its web process run under it.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `None` once the driver answers; `Some(why)` if what is on its ports is not it.
    fn answers(&mut self, port: u16, native_port: u16) -> Result<Option<String>> {
        // tauri-driver listens at once but only forwards to WebKitWebDriver, which it starts
        // beside itself: a request sent before that one listens is dropped.
        for port in [port, native_port] {
            if let Some(why) = self.wait_listening(port)? {
                return Ok(Some(why));
            }
        }
        match status(port) {
            Ok(answer) if answer.starts_with("HTTP/1.1 200") && answer.contains("\"ready\":true") => Ok(None),
            Ok(answer) => {
                let first = answer.lines().next().unwrap_or("nothing");
                Ok(Some(format!("its status request was answered with {first:?}")))
            }
            Err(e) => Ok(Some(format!("its status request failed: {e}"))),
        }
    }

    fn wait_listening(&mut self, port: u16) -> Result<Option<String>> {
        let deadline = Instant::now() + STARTUP_DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(Some(format!("tauri-driver exited ({status}) before port {port} listened")));
            }
            if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
                return Ok(None);
            }
            if Instant::now() >= deadline {
                return Err(HarnessError::DriverTimeout(port, STARTUP_DEADLINE));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let Ok(pid) = libc::pid_t::try_from(self.child.id()) else { return };
            // SAFETY: plain kill(2) on our own child's pid, which has not been reaped yet.
            unsafe { libc::kill(pid, libc::SIGTERM) };
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(25));
            }
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// WebDriver's `GET /status`, the whole answer. One request on a closed connection: a few
/// lines of HTTP are all a probe needs, and the harness's own client wants a session.
fn status(port: u16) -> std::io::Result<String> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&address, PROBE_DEADLINE)?;
    stream.set_read_timeout(Some(PROBE_DEADLINE))?;
    stream.set_write_timeout(Some(PROBE_DEADLINE))?;
    write!(stream, "GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")?;
    let mut answer = Vec::new();
    stream.take(64 * 1024).read_to_end(&mut answer)?;
    Ok(String::from_utf8_lossy(&answer).into_owned())
}

/// Two ports free now, and different: both are held until both are known.
fn two_free_ports() -> Result<[u16; 2]> {
    let first = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let second = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok([first.local_addr()?.port(), second.local_addr()?.port()])
}

/// tauri-driver that could not bind its port exits without ending the WebKitWebDriver it
/// started, which would run on after the tests. It is found by its port among processes no
/// tauri-driver owns (another test's, on the same port, has its tauri-driver as parent) and
/// ended. Linux's /proc: WebKitWebDriver runs nowhere else.
fn end_orphaned_webkit_driver(native_port: u16) {
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    let wanted = format!("--port={native_port}");
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|name| name.parse::<libc::pid_t>().ok()) else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        let mut args = cmdline.split(|byte| *byte == 0).map(String::from_utf8_lossy);
        let is_webkit_driver = args.next().is_some_and(|program| program.ends_with("WebKitWebDriver"));
        if is_webkit_driver && args.any(|arg| arg == wanted) && !owned_by_tauri_driver(&entry.path()) {
            // SAFETY: plain kill(2); WebKitWebDriver ends on SIGTERM.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
    }
}

fn owned_by_tauri_driver(process: &Path) -> bool {
    processes::parent(process).and_then(processes::name).is_some_and(|name| name == "tauri-driver")
}

/// The last lines of a log, for an error message; what could not be read says so.
pub(crate) fn log_tail(path: &Path) -> String {
    const LINES: usize = 40;
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(LINES)..].join("\n")
        }
        Err(e) => format!("(the log could not be read: {e})"),
    }
}
