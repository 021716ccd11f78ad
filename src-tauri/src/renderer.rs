//! How the window's pages are drawn on Linux when the computer has no graphics processor.
//!
//! WebKitGTK 2.50 draws a page with Skia on the graphics processor through OpenGL. Where there
//! is none (a virtual desktop, a remote session, a laptop whose graphics driver is missing),
//! Mesa stands in with a software OpenGL (llvmpipe) that compiles each new drawing program
//! with LLVM as the page first needs it: on such a machine the sign-in screen took 473 ms to
//! a painted window, against 386 ms with Skia drawing on the processor itself
//! (`WEBKIT_SKIA_ENABLE_CPU_RENDERING`, 20 launches each, in turn), the window held 15 MB
//! less, and every screen after it painted sooner (the dashboard in 175 ms against 276 ms:
//! README, "Drawing on the processor"). Chromium makes the same choice for every Mesa software
//! rasteriser, and WPE WebKit draws on the processor by default. Where a graphics processor is
//! present WebKit's own choice stands.
//!
//! Windows and macOS need nothing here: WebView2 is Chromium, which already declines software
//! OpenGL, and WKWebView draws with Metal.

#![cfg_attr(not(target_os = "linux"), allow(dead_code))]

/// WebKitGTK's switch, read by the web process it starts (which inherits this environment).
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// What the computer tells about drawing, read before the window opens.
#[derive(Debug)]
pub struct Machine {
    /// A DRM render node (`/dev/dri/renderD*`): how OpenGL reaches a graphics processor on
    /// Linux. Without one Mesa can only draw in software.
    pub render_node: bool,
    /// The lead's (or their IT's) own `WEBKIT_SKIA_ENABLE_CPU_RENDERING` is set, either way.
    pub chosen: bool,
    /// `LIBGL_ALWAYS_SOFTWARE`: Mesa told to draw in software although a processor is there.
    pub software_gl: bool,
}

/// Whether pages are to be drawn on the processor: a choice already made in the environment
/// stands; otherwise only where OpenGL can only be software.
pub fn draw_on_the_processor(machine: &Machine) -> bool {
    if machine.chosen {
        return false; // already set: WebKit reads the lead's own value
    }
    !machine.render_node || machine.software_gl
}

/// Looks at this computer. Only Linux draws with WebKitGTK.
#[cfg(target_os = "linux")]
fn this_machine() -> Machine {
    let render_node = std::fs::read_dir("/dev/dri")
        .is_ok_and(|entries| entries.flatten().any(|entry| entry.file_name().to_string_lossy().starts_with("renderD")));
    let software_gl = std::env::var_os("LIBGL_ALWAYS_SOFTWARE").is_some_and(|v| mesa_true(&v));
    Machine { render_node, chosen: std::env::var_os(CPU_RENDERING).is_some(), software_gl }
}

/// Mesa's reading of a yes/no variable (`env_var_as_boolean`): "1", "true", "y", "yes".
fn mesa_true(value: &std::ffi::OsStr) -> bool {
    let value = value.to_string_lossy().to_ascii_lowercase();
    matches!(value.as_str(), "1" | "true" | "y" | "yes")
}

/// Sets WebKit's switch when this computer has no graphics processor. Called first thing in
/// `run`, while the process has one thread: changing the environment is unsound once another
/// thread may read it.
pub fn choose_before_any_thread() {
    #[cfg(target_os = "linux")]
    if draw_on_the_processor(&this_machine()) {
        // SAFETY: no other thread exists yet (see above), so nothing reads the environment
        // while it changes; the web process WebKit starts later inherits it.
        unsafe { std::env::set_var(CPU_RENDERING, "1") };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine(render_node: bool, chosen: bool, software_gl: bool) -> Machine {
        Machine { render_node, chosen, software_gl }
    }

    #[test]
    fn a_computer_with_no_graphics_processor_draws_on_the_processor() {
        assert!(draw_on_the_processor(&machine(false, false, false)));
    }

    #[test]
    fn a_graphics_processor_keeps_webkits_own_choice() {
        assert!(!draw_on_the_processor(&machine(true, false, false)));
    }

    #[test]
    fn opengl_told_to_draw_in_software_draws_on_the_processor() {
        assert!(draw_on_the_processor(&machine(true, false, true)));
    }

    #[test]
    fn mesa_reads_yes_and_no_as_it_does() {
        for yes in ["1", "true", "TRUE", "y", "yes"] {
            assert!(mesa_true(yes.as_ref()), "{yes}");
        }
        for no in ["", "0", "false", "no", "2"] {
            assert!(!mesa_true(no.as_ref()), "{no}");
        }
    }

    #[test]
    fn a_choice_already_in_the_environment_is_left_alone_either_way() {
        assert!(!draw_on_the_processor(&machine(false, true, false)));
        assert!(!draw_on_the_processor(&machine(true, true, true)));
    }
}
