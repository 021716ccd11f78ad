//! What the app and the admin CLI do to their own process before any record is opened.

/// No core dump of this process. A crash's memory image would hold the database key and
/// whatever record was open, in a file outside the encrypted folder, readable by whoever
/// collects crash reports. On Linux and macOS the core size limit goes to 0 (the kernel then
/// writes none, and systemd-coredump honours the limit too); on Windows, crash dumps are
/// written only where an administrator has set up Windows Error Reporting's LocalDumps, so
/// there is nothing for the process to turn off.
pub fn forbid_core_dumps() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let none = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: setrlimit only reads the struct passed to it.
        if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &none) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    #[test]
    fn the_core_limit_is_zero_and_cannot_be_raised_again() {
        super::forbid_core_dumps().unwrap();
        let mut now = libc::rlimit { rlim_cur: 1, rlim_max: 1 };
        // SAFETY: getrlimit writes only into the struct passed to it.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut now) }, 0);
        assert_eq!((now.rlim_cur, now.rlim_max), (0, 0));
        let more = libc::rlimit { rlim_cur: 1 << 20, rlim_max: 1 << 20 };
        // SAFETY: as above. Raising a hard limit needs privilege the app never has; as root
        // (CI) it would succeed, so only the failure without privilege is asserted.
        let raised = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &more) } == 0;
        // SAFETY: geteuid has no arguments and cannot fail.
        assert!(!raised || unsafe { libc::geteuid() } == 0);
    }
}
