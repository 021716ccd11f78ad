//! Laid-out pages to PDF bytes with printpdf: the marking, organisation, title, reference,
//! "Page N of M", and when and by whom the report was generated, on every page.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem,
};

use super::fonts;
use super::layout::{CONTENT_BOTTOM, CONTENT_TOP, MARGIN_X, Metrics, PAGE_H, PAGE_W, Page, Placed, Rule};
use crate::{Error, Result};

/// The protective marking every page carries, top and bottom (UK Government Security
/// Classifications).
pub const MARKING: &str = "OFFICIAL-SENSITIVE";

/// What every page says about the report.
pub struct Frame {
    pub organisation: String,
    pub title: String,
    pub reference: Option<String>,
    /// "23 November 2026 at 14:05", UK time.
    pub generated: String,
    /// The same instant, for the file's own creation date.
    pub made_at: chrono::DateTime<chrono::Utc>,
    pub lead: String,
}

/// An instant as the PDF's information dictionary holds it (UTC). printpdf's default is the
/// Unix epoch, which a PDF reader shows as the file's creation date: 1 January 1970.
fn pdf_date(at: chrono::DateTime<chrono::Utc>) -> printpdf::DateTime {
    use chrono::{Datelike, Timelike};
    let narrow = |n: u32| u8::try_from(n).unwrap_or(0);
    printpdf::DateTime::new_in_offset(
        printpdf::Date { year: at.year(), month: narrow(at.month()), day: narrow(at.day()) },
        printpdf::Time {
            hour: narrow(at.hour()),
            minute: narrow(at.minute()),
            second: narrow(at.second()),
            millisecond: u16::try_from(at.timestamp_subsec_millis()).unwrap_or(0),
        },
        printpdf::Offset { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 },
    )
}

/// The bars' colour: the app's dark teal, dark enough to print in grey.
pub const BAR_RGB: (f32, f32, f32) = (0.114, 0.361, 0.416);

fn bar_colour() -> Color {
    Color::Rgb(Rgb { r: BAR_RGB.0, g: BAR_RGB.1, b: BAR_RGB.2, icc_profile: None })
}

/// A body map's marks: red, as on screen, dark enough to read printed in grey.
fn mark_colour() -> Color {
    Color::Rgb(Rgb { r: 0.70, g: 0.13, b: 0.07, icc_profile: None })
}

fn black() -> Color {
    Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None })
}

fn text_ops(ops: &mut Vec<Op>, fonts: (&FontId, &FontId), t: &Placed) {
    let font = if t.bold { fonts.1 } else { fonts.0 };
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(t.size) });
    ops.push(Op::SetTextCursor { pos: Point { x: Pt(t.x), y: Pt(t.y) } });
    ops.push(Op::ShowText { items: vec![TextItem::Text(t.text.clone())] });
    ops.push(Op::EndTextSection);
}

fn rule_op(r: Rule, thickness: f32) -> [Op; 2] {
    [
        Op::SetOutlineThickness { pt: Pt(thickness) },
        Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint { p: Point { x: Pt(r.x1), y: Pt(r.y) }, bezier: false },
                    LinePoint { p: Point { x: Pt(r.x2), y: Pt(r.y) }, bezier: false },
                ],
                is_closed: false,
            },
        },
    ]
}

/// The header and footer bands of page `n` of `total`, right-aligned text measured.
fn frame_texts(frame: &Frame, m: &Metrics<'_>, n: usize, total: usize) -> Vec<Placed> {
    let right = |text: String, y: f32, size: f32, bold: bool| Placed {
        x: PAGE_W - MARGIN_X - m.width(&text, size, bold),
        y,
        size,
        bold,
        text,
    };
    let centre = |text: &str, y: f32| Placed {
        x: (PAGE_W - m.width(text, 10.0, true)) / 2.0,
        y,
        size: 10.0,
        bold: true,
        text: text.to_owned(),
    };
    let mut out = vec![
        centre(MARKING, PAGE_H - 28.0),
        Placed { x: MARGIN_X, y: PAGE_H - 50.0, size: 9.0, bold: true, text: frame.organisation.clone() },
        Placed { x: MARGIN_X, y: PAGE_H - 63.0, size: 9.0, bold: false, text: frame.title.clone() },
        centre(MARKING, 20.0),
        Placed {
            x: MARGIN_X,
            y: 44.0,
            size: 8.0,
            bold: false,
            text: format!("Generated {} by {}", frame.generated, frame.lead),
        },
        right(format!("Page {n} of {total}"), 44.0, 8.0, false),
    ];
    if let Some(reference) = &frame.reference {
        out.push(right(reference.clone(), PAGE_H - 50.0, 9.0, true));
    }
    out
}

pub fn render(frame: &Frame, pages: &[Page]) -> Result<Vec<u8>> {
    let m = Metrics::new(fonts::REGULAR, fonts::BOLD).ok_or_else(|| Error::internal("The report font is damaged."))?;
    let mut warnings = Vec::new();
    let regular = ParsedFont::from_bytes(fonts::REGULAR, 0, &mut warnings)
        .ok_or_else(|| Error::internal("The report font could not be read."))?;
    let bold = ParsedFont::from_bytes(fonts::BOLD, 0, &mut warnings)
        .ok_or_else(|| Error::internal("The report font could not be read."))?;
    let mut doc = PdfDocument::new(&frame.title);
    let made = pdf_date(frame.made_at);
    doc.metadata.info.creation_date = made;
    doc.metadata.info.modification_date = made;
    doc.metadata.info.metadata_date = made;
    let (regular, bold) = (doc.add_font(&regular), doc.add_font(&bold));
    let total = pages.len();
    let mut pdf_pages = Vec::with_capacity(total);
    for (i, page) in pages.iter().enumerate() {
        let mut ops = vec![Op::SetFillColor { col: black() }, Op::SetOutlineColor { col: black() }];
        for t in frame_texts(frame, &m, i + 1, total).iter().chain(&page.texts) {
            text_ops(&mut ops, (&regular, &bold), t);
        }
        // The bands' own rules: under the header, above the footer.
        let bands = [
            Rule { x1: MARGIN_X, x2: PAGE_W - MARGIN_X, y: CONTENT_TOP + 14.0 },
            Rule { x1: MARGIN_X, x2: PAGE_W - MARGIN_X, y: CONTENT_BOTTOM - 12.0 },
        ];
        for r in bands {
            ops.extend(rule_op(r, 0.8));
        }
        for r in &page.rules {
            ops.extend(rule_op(*r, 0.4));
        }
        if !page.bars.is_empty() {
            ops.push(Op::SetFillColor { col: bar_colour() });
            for b in &page.bars {
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(b.x),
                        y: Pt(b.y),
                        width: Pt(b.width),
                        height: Pt(b.height),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            ops.push(Op::SetFillColor { col: black() });
        }
        if !page.lines.is_empty() {
            ops.push(Op::SetOutlineColor { col: bar_colour() });
            ops.push(Op::SetOutlineThickness { pt: Pt(1.5) });
            for line in &page.lines {
                let points =
                    line.iter().map(|(x, y)| LinePoint { p: Point { x: Pt(*x), y: Pt(*y) }, bezier: false }).collect();
                ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
            }
            ops.push(Op::SetOutlineColor { col: black() });
        }
        for (lines, colour, thickness) in [(&page.outlines, black(), 0.6), (&page.marks, mark_colour(), 1.2)] {
            if lines.is_empty() {
                continue;
            }
            ops.push(Op::SetOutlineColor { col: colour });
            ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
            for line in lines {
                let points =
                    line.iter().map(|(x, y)| LinePoint { p: Point { x: Pt(*x), y: Pt(*y) }, bezier: false }).collect();
                ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
            }
            ops.push(Op::SetOutlineColor { col: black() });
        }
        pdf_pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }
    let mut save_warnings = Vec::new();
    let bytes = doc.with_pages(pdf_pages).save(&PdfSaveOptions::default(), &mut save_warnings);
    Ok(bytes)
}
