//! No import cycle among cp-core's top-level modules (its areas, its read models and what
//! they stand on). A cycle means neither side can be understood, tested or given a second
//! database engine without the other; it shows up here, with the lines that make it, before
//! it sets. The order printed on success is the map ARCHITECTURE.md draws.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where one top-level module names another: the file and line, for the failure message.
type Uses = BTreeMap<String, BTreeMap<String, Vec<String>>>;

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let uses = module_uses(&src);
    let cycles = cycles(&uses);
    if !cycles.is_empty() {
        let mut message = String::from("cp-core's modules import each other in a cycle:\n");
        for group in &cycles {
            message.push_str(&format!("\n  {} reach each other:\n", group.join(", ")));
            for from in group {
                for (to, lines) in uses[from].iter().filter(|(to, _)| group.contains(to)) {
                    let more = if lines.len() > 2 { format!(" (and {} more)", lines.len() - 2) } else { String::new() };
                    message
                        .push_str(&format!("      {from} -> {to}: {}{more}\n", lines[..lines.len().min(2)].join(", ")));
                }
            }
        }
        message.push_str(
            "\nMove what both sides need into a module below them, or the caller above them (ARCHITECTURE.md).",
        );
        panic!("{message}");
    }
    // The layers, lowest first: each module uses only modules in earlier layers.
    for (n, layer) in layers(&uses).iter().enumerate() {
        println!("layer {n}: {}", layer.join(", "));
    }
}

/// The checker itself: a cycle through three modules is found, a chain is not.
#[test]
fn the_check_finds_a_cycle() {
    let mut uses = Uses::new();
    let edge = |uses: &mut Uses, a: &str, b: &str| {
        uses.entry(a.into()).or_default().entry(b.into()).or_default().push(String::new());
    };
    edge(&mut uses, "cases", "write");
    edge(&mut uses, "write", "audit");
    assert!(cycles(&uses).is_empty());
    edge(&mut uses, "audit", "cases");
    assert_eq!(cycles(&uses), vec![vec!["audit".to_owned(), "cases".into(), "write".into()]]);
    assert_eq!(referenced("use crate::{audit::{self, Entry}, store::text, Result};"), ["audit", "store", "Result"]);
    assert_eq!(referenced("let x = crate::cases::summary(s, 1);"), ["cases"]);
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each top-level module (a file `src/x.rs` or a folder `src/x/`) and the others it names
/// through `crate::`.
fn module_uses(src: &Path) -> Uses {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| top_module(src, f)).collect();
    let aliases = lib_reexports(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut uses = Uses::new();
    for file in &files {
        let Some(from) = top_module(src, file) else { continue };
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file.strip_prefix(src).unwrap().display().to_string();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for to in referenced(code) {
                let to = aliases.get(&to).cloned().unwrap_or(to);
                if to != from && modules.contains(&to) {
                    let at = format!("{shown}:{}", n + 1);
                    let lines = uses.entry(from.clone()).or_default().entry(to).or_default();
                    if lines.last() != Some(&at) {
                        lines.push(at);
                    }
                }
            }
        }
        uses.entry(from).or_default();
    }
    uses
}

/// Names lib.rs re-exports (`pub use error::{Error, Result};`), so `crate::Error` counts as a
/// use of `error`.
fn lib_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else { continue };
        let Some((module, names)) = rest.split_once("::") else { continue };
        let names = names.trim_end_matches(';').trim_start_matches('{').trim_end_matches('}');
        for name in names.split(',') {
            out.insert(name.trim().to_owned(), module.to_owned());
        }
    }
    out
}

fn top_module(src: &Path, file: &Path) -> Option<String> {
    let first = file.strip_prefix(src).ok()?.components().next()?.as_os_str().to_str()?.to_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
    (name != "lib").then_some(name)
}

/// The first path segment after each `crate::` in a line, the members of `crate::{...}` too.
fn referenced(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_start = true,
                    c if at_start && (c.is_alphanumeric() || c == '_') => item.push(c),
                    _ if at_start && !item.is_empty() => {
                        out.push(std::mem::take(&mut item));
                        at_start = false;
                    }
                    _ => {}
                }
            }
            if !item.is_empty() {
                out.push(item);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Every set of modules that reach each other (Tarjan's strongly connected components),
/// each sorted, as a cycle to report.
fn cycles(uses: &Uses) -> Vec<Vec<String>> {
    struct State<'a> {
        uses: &'a Uses,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let targets: Vec<&'a str> = s.uses.get(v).map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
        for w in targets {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        uses,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in uses.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

/// Modules in layers: the first uses nothing, each later one only what came before.
fn layers(uses: &Uses) -> Vec<Vec<String>> {
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    while placed.len() < uses.len() {
        let layer: Vec<String> = uses
            .iter()
            .filter(|(m, _)| !placed.contains(m.as_str()))
            .filter(|(_, to)| to.keys().all(|t| placed.contains(t.as_str())))
            .map(|(m, _)| m.clone())
            .collect();
        if layer.is_empty() {
            break;
        }
        placed.extend(uses.keys().filter(|m| layer.contains(m)).map(String::as_str));
        out.push(layer);
    }
    out
}
