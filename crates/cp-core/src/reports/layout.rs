//! Page layout for printed reports: blocks of text, label/value pairs and tables flowed onto
//! A4 pages, wrapped at word boundaries with the embedded font's own glyph widths. Tables
//! repeat their header row on every page they reach; nothing is placed below the content
//! area, so nothing runs into the footer. Pure: blocks in, positioned text and rules out.

use ttf_parser::Face;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 50.0;
/// The content area: below the header band, above the footer band.
pub const CONTENT_TOP: f32 = PAGE_H - 96.0;
pub const CONTENT_BOTTOM: f32 = 72.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const BODY: f32 = 10.0;
const TABLE: f32 = 9.0;
const LEADING: f32 = 1.35;
const CELL_PAD: f32 = 4.0;
const LABEL_W: f32 = 150.0;

pub enum Block {
    /// The report's heading, on the first page.
    Title(String),
    Heading(String),
    Para(String),
    /// Label and value rows (the label in bold).
    Pairs(Vec<(String, String)>),
    /// Column titles with their share of the width, the rows, and what to say when empty.
    Table {
        columns: Vec<(String, f32)>,
        rows: Vec<Vec<String>>,
        empty: String,
    },
    /// Lines for people to sign by hand.
    SignOff(Vec<String>),
    /// Labelled lines to fill in by hand (a receipt slip: name, setting, signature, date).
    Blanks(Vec<String>),
    /// What follows starts a page of its own (a slip to tear off and return).
    NewPage,
    /// A bar chart: each bar's label, its length (in the chart's own units) and its number in
    /// words, printed beside it so the figure is read, not guessed from the picture.
    Bars(Vec<(String, u32, String)>),
    /// A line chart: each point's label, its height (in the chart's own units) and its number
    /// in words. The points' labels and numbers are printed too (a table after it), so the
    /// figures are read, not guessed.
    Line(Vec<(String, u32, String)>),
    /// Body map outlines side by side, each with its caption and its numbered marks; the
    /// marks' words are a table after it, so the picture is never the only record.
    BodyMap(Vec<Figure>),
}

/// One outline of a body map: its lines in fractions of a box `aspect` times as tall as it is
/// wide, and its marks, each a number with a point (no size) or an area, in the same fractions.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub caption: String,
    pub aspect: f32,
    pub lines: Vec<Vec<(f32, f32)>>,
    pub marks: Vec<(i64, f32, f32, f32, f32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub text: String,
}

/// A horizontal rule from `x1` to `x2` at `y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub x2: f32,
    pub y: f32,
}

/// A filled bar of a chart, from its bottom-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

#[derive(Debug, Default, Clone)]
pub struct Page {
    pub texts: Vec<Placed>,
    pub rules: Vec<Rule>,
    /// Filled in the charts' colour: bars, and a line chart's points.
    pub bars: Vec<Bar>,
    /// A line chart's line, through its points, in the charts' colour.
    pub lines: Vec<Vec<(f32, f32)>>,
    /// A body map's outlines, thin and black.
    pub outlines: Vec<Vec<(f32, f32)>>,
    /// A body map's marks (an area's box, a point's diamond), in the marks' colour.
    pub marks: Vec<Vec<(f32, f32)>>,
}

/// The two faces of the embedded font, for measuring.
pub struct Metrics<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
}

impl<'a> Metrics<'a> {
    pub fn new(regular: &'a [u8], bold: &'a [u8]) -> Option<Self> {
        Some(Self { regular: Face::parse(regular, 0).ok()?, bold: Face::parse(bold, 0).ok()? })
    }

    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let per_unit = size / f32::from(face.units_per_em());
        text.chars()
            .map(|c| {
                let gid = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                f32::from(face.glyph_hor_advance(gid).unwrap_or(0)) * per_unit
            })
            .sum()
    }

    /// Lines of at most `width`, broken at spaces; a word wider than a line is broken
    /// between characters rather than cut off. Newlines in the text are kept.
    pub fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
                if self.width(&candidate, size, bold) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if self.width(word, size, bold) <= width {
                    line = word.to_owned();
                } else {
                    for c in word.chars() {
                        let next = format!("{line}{c}");
                        if self.width(&next, size, bold) > width && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            line.push(c);
                        } else {
                            line = next;
                        }
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

struct Flow<'m> {
    m: &'m Metrics<'m>,
    pages: Vec<Page>,
    y: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = CONTENT_TOP;
    }

    /// Room for `height` more, or a new page (also when a gap has already run past the bottom).
    fn ensure(&mut self, height: f32) {
        if self.y - height < CONTENT_BOTTOM && self.y < CONTENT_TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, text: String) {
        let y = self.y - size;
        self.page().texts.push(Placed { x, y, size, bold, text });
    }

    fn lines(&mut self, x: f32, width: f32, size: f32, bold: bool, text: &str) {
        for line in self.m.wrap(text, width, size, bold) {
            self.ensure(size * LEADING);
            self.text(x, size, bold, line);
            self.y -= size * LEADING;
        }
    }

    /// Space before what comes next. A page is started by what is placed, not by the space:
    /// space running past the bottom after a report's last block left an empty last page.
    fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    fn rule(&mut self, x1: f32, x2: f32) {
        let y = self.y;
        self.page().rules.push(Rule { x1, x2, y });
    }

    fn pairs(&mut self, rows: &[(String, String)]) {
        for (label, value) in rows {
            let labels = self.m.wrap(label, LABEL_W - 8.0, BODY, true);
            let values = self.m.wrap(value, CONTENT_W - LABEL_W, BODY, false);
            for i in 0..labels.len().max(values.len()) {
                self.ensure(BODY * LEADING);
                if let Some(l) = labels.get(i) {
                    self.text(MARGIN_X, BODY, true, l.clone());
                }
                if let Some(v) = values.get(i) {
                    self.text(MARGIN_X + LABEL_W, BODY, false, v.clone());
                }
                self.y -= BODY * LEADING;
            }
            self.y -= 3.0;
        }
    }

    fn table(&mut self, columns: &[(String, f32)], rows: &[Vec<String>], empty: &str) {
        let total: f32 = columns.iter().map(|(_, w)| w).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = columns.iter().map(|(_, w)| CONTENT_W * w / total).collect();
        let xs: Vec<f32> = widths.iter().scan(MARGIN_X, |x, w| Some(std::mem::replace(x, *x + w))).collect();
        let line_h = TABLE * LEADING;
        let header: Vec<Vec<String>> =
            columns.iter().zip(&widths).map(|((t, _), w)| self.m.wrap(t, w - CELL_PAD, TABLE, true)).collect();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + CELL_PAD;
        let draw_header = |flow: &mut Self| {
            for (i, cell) in header.iter().enumerate() {
                let y = flow.y;
                for (j, line) in cell.iter().enumerate() {
                    flow.y = y - j as f32 * line_h;
                    flow.text(xs[i], TABLE, true, line.clone());
                }
                flow.y = y;
            }
            flow.y -= header_h;
            flow.rule(MARGIN_X, MARGIN_X + CONTENT_W);
            flow.y -= CELL_PAD;
        };
        // The header and at least one line of a row together, never a header alone.
        self.ensure(header_h + line_h + CELL_PAD * 2.0);
        draw_header(self);
        if rows.is_empty() {
            self.lines(MARGIN_X, CONTENT_W, TABLE, false, empty);
            return;
        }
        for row in rows {
            let cells: Vec<Vec<String>> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| self.m.wrap(row.get(i).map_or("", String::as_str), w - CELL_PAD, TABLE, false))
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            let row_h = height as f32 * line_h + CELL_PAD;
            let page_room = CONTENT_TOP - CONTENT_BOTTOM - header_h - CELL_PAD;
            if self.y - row_h < CONTENT_BOTTOM && row_h <= page_room {
                self.new_page();
                draw_header(self);
            }
            // A row taller than a page flows on, a line at a time, under a repeated header.
            for j in 0..height {
                if self.y - line_h < CONTENT_BOTTOM {
                    self.new_page();
                    draw_header(self);
                }
                for (i, cell) in cells.iter().enumerate() {
                    if let Some(line) = cell.get(j) {
                        self.text(xs[i], TABLE, false, line.clone());
                    }
                }
                self.y -= line_h;
            }
            self.y -= CELL_PAD / 2.0;
            let y = self.y;
            self.page().rules.push(Rule { x1: MARGIN_X, x2: MARGIN_X + CONTENT_W, y: y + CELL_PAD / 4.0 });
            self.y -= CELL_PAD / 2.0;
        }
    }

    /// One row per bar: the label, the bar (the longest as wide as the room), the number.
    fn bars(&mut self, bars: &[(String, u32, String)]) {
        let longest = bars.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1) as f32;
        let room = CONTENT_W - LABEL_W - 70.0;
        for (label, n, words) in bars {
            let labels = self.m.wrap(label, LABEL_W - 8.0, TABLE, false);
            let height = (labels.len() as f32 * TABLE * LEADING).max(TABLE * LEADING) + 3.0;
            self.ensure(height);
            let top = self.y;
            for line in &labels {
                self.text(MARGIN_X, TABLE, false, line.clone());
                self.y -= TABLE * LEADING;
            }
            let width = room * (*n as f32) / longest;
            let bar = Bar { x: MARGIN_X + LABEL_W, y: top - TABLE * LEADING + 1.0, width, height: TABLE * 1.1 };
            self.page().bars.push(bar);
            let y = self.y;
            self.y = top;
            self.text(MARGIN_X + LABEL_W + width + 6.0, TABLE, true, words.clone());
            self.y = y - 3.0;
        }
    }

    fn line(&mut self, points: &[(String, u32, String)]) {
        const HEIGHT: f32 = 110.0;
        const AXIS_W: f32 = 40.0;
        const MARK: f32 = 4.0;
        let highest = points.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1);
        self.ensure(HEIGHT + TABLE * LEADING * 2.0 + 8.0);
        let top = self.y;
        let bottom = top - HEIGHT;
        let (left, right) = (MARGIN_X + AXIS_W, MARGIN_X + CONTENT_W - MARK);
        // The scale: its highest and lowest values beside the axis, and the base line.
        self.text(MARGIN_X, TABLE, false, highest.to_string());
        self.y = bottom + TABLE;
        self.text(MARGIN_X, TABLE, false, "0".into());
        self.page().rules.push(Rule { x1: left, x2: right, y: bottom });
        let step = if points.len() > 1 { (right - left) / (points.len() - 1) as f32 } else { 0.0 };
        let placed: Vec<(f32, f32)> = points
            .iter()
            .enumerate()
            .map(|(i, (_, n, _))| (left + step * i as f32, bottom + (HEIGHT - TABLE) * (*n as f32) / highest as f32))
            .collect();
        for (x, y) in &placed {
            let mark = Bar { x: x - MARK / 2.0, y: y - MARK / 2.0, width: MARK, height: MARK };
            self.page().bars.push(mark);
        }
        if placed.len() > 1 {
            self.page().lines.push(placed);
        }
        // The first and last points' labels under the line.
        self.y = bottom - 4.0;
        if let Some((first, _, _)) = points.first() {
            self.text(left, TABLE, false, first.clone());
        }
        if let Some((last, _, _)) = points.last().filter(|_| points.len() > 1) {
            let w = self.m.width(last, TABLE, false);
            self.text(right - w, TABLE, false, last.clone());
        }
        self.y -= TABLE * LEADING + 4.0;
    }

    fn body_map(&mut self, figures: &[Figure]) {
        // The body's outline is 200 points tall (a head's in proportion), beside one another.
        const BODY_H: f32 = 200.0;
        const GAP: f32 = 24.0;
        const DOT: f32 = 2.5;
        let tallest = figures.iter().map(|f| BODY_H * (f.aspect / 2.0)).fold(0.0, f32::max);
        self.ensure(tallest + TABLE * LEADING * 2.0 + 8.0);
        let top = self.y;
        let mut left = MARGIN_X;
        for f in figures {
            let h = BODY_H * (f.aspect / 2.0);
            let w = h / f.aspect;
            if left + w > MARGIN_X + CONTENT_W {
                break;
            }
            let at = |x: f32, y: f32| (left + x * w, top - y * h);
            let box_line = vec![at(0.0, 0.0), at(1.0, 0.0), at(1.0, 1.0), at(0.0, 1.0), at(0.0, 0.0)];
            self.page().outlines.push(box_line);
            for line in &f.lines {
                let placed = line.iter().map(|(x, y)| at(*x, *y)).collect();
                self.page().outlines.push(placed);
            }
            for (number, x, y, mw, mh) in &f.marks {
                let (px, py) = at(*x, *y);
                let shape = if *mw > 0.0 {
                    let (qx, qy) = at(x + mw, y + mh);
                    vec![(px, py), (qx, py), (qx, qy), (px, qy), (px, py)]
                } else {
                    vec![(px, py + DOT), (px + DOT, py), (px, py - DOT), (px - DOT, py), (px, py + DOT)]
                };
                self.page().marks.push(shape);
                let label_x = if *mw > 0.0 { at(x + mw, *y).0 + 1.5 } else { px + DOT + 1.0 };
                self.y = py + TABLE / 2.0;
                self.text(label_x, TABLE, true, number.to_string());
            }
            self.y = top - h - 4.0;
            self.text(left, TABLE, false, f.caption.clone());
            left += w + GAP;
        }
        self.y = top - tallest - 4.0 - TABLE * LEADING - 4.0;
    }

    fn blanks(&mut self, labels: &[String]) {
        for label in labels {
            self.ensure(BODY * LEADING * 2.5);
            self.gap(BODY * 1.5);
            self.text(MARGIN_X, BODY, true, label.clone());
            let y = self.y;
            self.page().rules.push(Rule { x1: MARGIN_X + LABEL_W, x2: CONTENT_W + MARGIN_X, y: y - BODY });
            self.y -= BODY * LEADING;
        }
    }

    fn sign_off(&mut self, names: &[String]) {
        for name in names {
            self.ensure(BODY * LEADING * 3.0);
            self.gap(BODY);
            self.text(MARGIN_X, BODY, true, name.clone());
            self.y -= BODY * LEADING * 2.0;
            let y = self.y;
            let x = MARGIN_X;
            self.text(x, BODY, false, "Signed".into());
            self.page().rules.push(Rule { x1: x + 40.0, x2: x + 260.0, y: y - BODY });
            self.text(x + 290.0, BODY, false, "Date".into());
            self.page().rules.push(Rule { x1: x + 320.0, x2: CONTENT_W + MARGIN_X, y: y - BODY });
            self.y -= BODY * LEADING * 1.5;
        }
    }
}

/// Flows the blocks onto as many pages as they need (always at least one).
pub fn layout(blocks: &[Block], m: &Metrics<'_>) -> Vec<Page> {
    let mut flow = Flow { m, pages: vec![Page::default()], y: CONTENT_TOP };
    for block in blocks {
        match block {
            Block::Title(t) => {
                flow.lines(MARGIN_X, CONTENT_W, 16.0, true, t);
                flow.gap(6.0);
            }
            Block::Heading(t) => {
                flow.gap(8.0);
                // A heading never ends a page on its own.
                flow.ensure(12.0 * LEADING + BODY * LEADING * 2.0);
                flow.lines(MARGIN_X, CONTENT_W, 12.0, true, t);
                flow.gap(2.0);
            }
            Block::Para(t) => {
                flow.lines(MARGIN_X, CONTENT_W, BODY, false, t);
                flow.gap(4.0);
            }
            Block::Pairs(rows) => flow.pairs(rows),
            Block::Table { columns, rows, empty } => {
                flow.table(columns, rows, empty);
                flow.gap(6.0);
            }
            Block::SignOff(names) => flow.sign_off(names),
            Block::Blanks(labels) => flow.blanks(labels),
            Block::NewPage => {
                if flow.pages.last().is_some_and(|p| !p.texts.is_empty()) {
                    flow.new_page();
                }
            }
            Block::Bars(bars) => {
                flow.bars(bars);
                flow.gap(6.0);
            }
            Block::Line(points) => {
                flow.line(points);
                flow.gap(4.0);
            }
            Block::BodyMap(figures) => {
                flow.body_map(figures);
                flow.gap(4.0);
            }
        }
    }
    flow.pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics<'static> {
        Metrics::new(super::super::fonts::REGULAR, super::super::fonts::BOLD).unwrap()
    }

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let m = metrics();
        let text =
            "Arrived hungry and in summer clothes on a cold morning; Łukasz Dvořák said there was no food. ".repeat(20);
        let lines = m.wrap(&text, 200.0, 10.0, false);
        assert!(lines.len() > 10);
        assert!(lines.iter().all(|l| m.width(l, 10.0, false) <= 200.0));
        assert_eq!(lines.join(" ").split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        let long = "x".repeat(500);
        let broken = m.wrap(&long, 100.0, 10.0, false);
        assert!(broken.len() > 1 && broken.concat() == long, "a word wider than a line is broken, not cut");
    }

    #[test]
    fn no_page_is_left_empty_however_the_last_block_ends() {
        let m = metrics();
        // Paragraphs of one to several lines, so that some run ends within a gap of the bottom.
        for n in 1..90 {
            let blocks: Vec<Block> = (0..n).map(|i| Block::Para("word ".repeat(3 + (i * 37) % 40))).collect();
            let pages = layout(&blocks, &m);
            assert!(pages.iter().all(|p| !p.texts.is_empty()), "{n} paragraphs left an empty page");
        }
    }

    #[test]
    fn nothing_is_placed_outside_the_content_area_and_tables_repeat_their_header() {
        let m = metrics();
        let rows: Vec<Vec<String>> =
            (1..=300).map(|i| vec![format!("Row {i}"), "Some text ".repeat(i % 7 + 1)]).collect();
        let blocks = vec![
            Block::Title("Report".into()),
            Block::Para("word ".repeat(1000)),
            Block::Table { columns: vec![("Number".into(), 1.0), ("Text".into(), 3.0)], rows, empty: String::new() },
        ];
        let pages = layout(&blocks, &m);
        assert!(pages.len() > 5);
        for page in &pages {
            for t in &page.texts {
                assert!(t.y >= CONTENT_BOTTOM && t.y + t.size <= CONTENT_TOP + 0.01, "{t:?}");
                assert!(t.x + m.width(&t.text, t.size, t.bold) <= MARGIN_X + CONTENT_W + 0.01, "{t:?}");
            }
        }
        let table_pages = pages.iter().filter(|p| p.texts.iter().any(|t| t.text.starts_with("Row "))).count();
        let headers = pages.iter().filter(|p| p.texts.iter().any(|t| t.bold && t.text == "Number")).count();
        assert_eq!(headers, table_pages, "every page the table reaches starts with its header");
        let all: Vec<&str> = pages.iter().flat_map(|p| &p.texts).map(|t| t.text.as_str()).collect();
        for i in 1..=300 {
            assert!(all.contains(&format!("Row {i}").as_str()), "row {i} is there");
        }
    }
}
