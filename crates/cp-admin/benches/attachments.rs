//! Issue 24's benchmark: attaching and opening a 20 MB PDF, beside a plain copy and read of the
//! same file (what the disk alone costs), and the size of a backup holding 1 GB of attached
//! files. A benchmark, not a test: it prints figures and asserts nothing about time. Run it
//! with `scripts/bench` (a private keyring session); `CP_BENCH_ATTACH_GB` sets the backup's
//! gigabytes of files (1 unless set; 0.2 for a quick look).

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;
use cp_core::attachments::{self, AttachTo, rules::NewAttachment};
use cp_core::installation::{Installation, Opened};
use cp_core::vault::OsKeyring;

type Error = Box<dyn std::error::Error>;

const MB: usize = 1024 * 1024;
const RUNS: usize = 7;

/// A PDF of `mb` megabytes whose body is noise (as a scan's images are: nothing compresses),
/// different for each `seed`, so no two are kept as one.
fn pdf(mb: usize, seed: u64) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    while bytes.len() < mb * MB {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    bytes.truncate(mb * MB);
    bytes
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn meta() -> NewAttachment {
    NewAttachment {
        title: "Scanned minutes (bench)".into(),
        document_on: None,
        came_from: "Bench".into(),
        children: vec![],
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let dir = tempfile::Builder::new().prefix("cp-bench-attach-").tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let data = dir.path().join("data");
    let made = Command::new(env!("CARGO_BIN_EXE_cp-tracker-admin"))
        .env("CP_TRACKER_DATA_DIR", &data)
        .args(["demo-data", "--cases", "20", "--seed", "1"])
        .output()?;
    if !made.status.success() {
        return Err(format!("demo-data failed: {}", String::from_utf8_lossy(&made.stderr)).into());
    }
    let install = Installation::new(&data);
    let Opened::Ready(vault) = install.open(&OsKeyring).await? else { return Err("the folder did not open".into()) };
    let store = install.sign_in(&vault, &OsKeyring, 1, "demo passphrase one", Utc::now()).await?.store;
    let case = cp_core::cases::all_ids(&store).await?.into_iter().next().ok_or("no case")?;
    let on = AttachTo::Case { case_id: case };
    attachments::set_limit_mb(&store, 1, 100, Utc::now()).await?;

    // A 20 MB PDF: attached from its file, and opened (hashed again, as every open is).
    let file = dir.path().join("minutes.pdf");
    let (mut attach, mut open, mut copy, mut read) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut ids = Vec::new();
    for run in 0..RUNS {
        std::fs::File::create(&file)?.write_all(&pdf(20, run as u64 + 1))?;
        let t = Instant::now();
        std::fs::copy(&file, dir.path().join("copy.pdf"))?;
        copy.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(std::fs::read(dir.path().join("copy.pdf"))?);
        read.push(t.elapsed());
        let t = Instant::now();
        ids.push(attachments::attach_path(&store, 1, on, &file, &meta(), Utc::now(), &|_, _| {}).await?);
        attach.push(t.elapsed());
    }
    for id in &ids {
        let t = Instant::now();
        std::hint::black_box(attachments::open(&store, 1, *id, false, Utc::now()).await?);
        open.push(t.elapsed());
    }
    let (attach, open, copy, read) = (median(attach), median(open), median(copy), median(read));
    println!("attach a 20 MB PDF                 median {attach:>8.1} ms   ({RUNS} runs)");
    println!("  baseline: copy the file          median {copy:>8.1} ms   attach ÷ copy {:.1}×", attach / copy);
    println!("open a 20 MB PDF (read, re-hash)   median {open:>8.1} ms   ({RUNS} runs)");
    println!("  baseline: read the file          median {read:>8.1} ms   open ÷ read {:.1}×", open / read);

    // The backup of a folder holding `gb` gigabytes of attached files.
    let gb: f64 = std::env::var("CP_BENCH_ATTACH_GB").ok().and_then(|v| v.parse().ok()).unwrap_or(1.0);
    let files = ((gb * 1024.0) / 20.0).round().max(1.0) as u64 - ids.len() as u64;
    let t = Instant::now();
    for n in 0..files {
        let bytes = pdf(20, 1000 + n);
        attachments::attach(&store, 1, on, "minutes.pdf", &bytes, &meta(), Utc::now()).await?;
    }
    let attached_mb = (files as usize + ids.len()) * 20;
    println!("attached {attached_mb} MB in all ({:.1} s for the last {} files)", t.elapsed().as_secs_f64(), files);
    let database = std::fs::metadata(cp_core::store::db_path(&data))?.len() as f64 / MB as f64;
    let out = dir.path().join("bench.cptbak");
    let t = Instant::now();
    cp_core::backup::backup(&store, &vault, &out, cp_core::audit::Actor::AdminCli, Utc::now()).await?;
    let took = t.elapsed().as_secs_f64();
    let backup = std::fs::metadata(&out)?.len() as f64 / MB as f64;
    println!("database with the files            {database:>8.0} MB");
    println!(
        "backup                             {backup:>8.0} MB   backup ÷ files attached {:.3}×   made in {took:.1} s",
        backup / attached_mb as f64
    );
    store.close().await;
    Ok(())
}
