//! The processes under the driver, read from Linux's /proc (WebKitWebDriver, and so these
//! tests, run nowhere else): what the app's web process was started with.

use std::collections::HashMap;
use std::path::Path;

/// Every process descended from `pid`, children before grandchildren.
pub(crate) fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|entry| {
                    let child = entry.file_name().to_str()?.parse().ok()?;
                    Some((child, parent(&entry.path())?))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut found = vec![pid];
    let mut next = 0;
    while next < found.len() {
        let of = found[next];
        found.extend(parents.iter().filter(|(_, parent)| *parent == of).map(|(child, _)| *child));
        next += 1;
    }
    found.split_off(1)
}

/// The parent's pid from /proc/PID/stat: "PID (NAME) STATE PPID ...", NAME may hold spaces and
/// brackets.
pub(crate) fn parent(process: &Path) -> Option<u32> {
    let stat = std::fs::read_to_string(process.join("stat")).ok()?;
    stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()
}

/// The process's name as the kernel keeps it (at most 15 bytes: "WebKitWebProces").
pub(crate) fn name(pid: u32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).ok().map(|name| name.trim_end().to_owned())
}

/// The environment the process was started with (not what it set in itself later).
pub(crate) fn environment(pid: u32) -> Option<HashMap<String, String>> {
    let bytes = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    let pairs = bytes.split(|byte| *byte == 0).filter_map(|pair| {
        String::from_utf8_lossy(pair).split_once('=').map(|(key, value)| (key.to_owned(), value.to_owned()))
    });
    Some(pairs.collect())
}
