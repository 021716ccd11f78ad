//! The outlines a body map's marks are placed on, drawn the same by the window (SVG) and the
//! printed reports (printpdf): each view is lines of points in fractions of its box, the box
//! `aspect` times as tall as it is wide. Written once here; the window's copy is generated
//! with the other words (`src-tauri/src/words.rs`).

use serde::Serialize;

use super::rules::View;

#[derive(Debug, Clone, Serialize)]
pub struct Outline {
    pub view: View,
    /// Height over width.
    pub aspect: f64,
    /// Each line's points, (x, y) from the top left, in fractions of the box.
    pub lines: Vec<Vec<(f64, f64)>>,
    /// Words placed on the outline for orientation, at (x, y).
    pub words: Vec<(String, f64, f64)>,
}

/// The right half of a child's figure on a 100 × 200 grid, from the top of the head down the
/// viewer's right side to the crotch; the left half is its mirror.
const HALF_FIGURE: &[(f64, f64)] = &[
    (50.0, 3.0),
    (56.0, 4.5),
    (60.0, 9.0),
    (61.5, 16.0),
    (60.0, 24.0),
    (56.0, 30.0),
    (57.0, 36.0),
    (70.0, 39.0),
    (77.0, 44.0),
    (80.0, 60.0),
    (83.0, 80.0),
    (86.0, 100.0),
    (89.0, 110.0),
    (90.0, 118.0),
    (86.0, 122.0),
    (82.0, 116.0),
    (80.0, 104.0),
    (76.0, 82.0),
    (72.0, 62.0),
    (71.0, 82.0),
    (73.0, 106.0),
    (72.0, 140.0),
    (70.0, 176.0),
    (71.0, 188.0),
    (77.0, 194.0),
    (60.0, 196.0),
    (60.0, 188.0),
    (61.0, 176.0),
    (59.0, 140.0),
    (54.0, 112.0),
    (50.0, 110.0),
];

fn figure() -> Vec<(f64, f64)> {
    let right = HALF_FIGURE.iter().map(|(x, y)| (x / 100.0, y / 200.0));
    let left = HALF_FIGURE.iter().rev().skip(1).map(|(x, y)| ((100.0 - x) / 100.0, y / 200.0));
    right.chain(left).collect()
}

/// An ellipse as `n` points, on a `w` × `h` grid.
fn ellipse(cx: f64, cy: f64, rx: f64, ry: f64, n: usize, w: f64, h: f64) -> Vec<(f64, f64)> {
    (0..=n)
        .map(|i| {
            let t = std::f64::consts::TAU * i as f64 / n as f64;
            ((cx + rx * t.cos()) / w, (cy + ry * t.sin()) / h)
        })
        .collect()
}

fn on(w: f64, h: f64, points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    points.iter().map(|(x, y)| (x / w, y / h)).collect()
}

/// The three outlines, in `View`'s order.
pub fn outlines() -> Vec<Outline> {
    // Seen from the front, the child's right is on the viewer's left.
    let front_words = vec![("Right".to_owned(), 0.08, 0.04), ("Left".to_owned(), 0.8, 0.04)];
    let back_words = vec![("Left".to_owned(), 0.08, 0.04), ("Right".to_owned(), 0.8, 0.04)];
    let (w, h) = (100.0, 120.0);
    let head = vec![
        ellipse(50.0, 52.0, 30.0, 40.0, 48, w, h),
        on(w, h, &[(20.5, 45.0), (15.0, 42.0), (14.0, 56.0), (21.0, 62.0)]),
        on(w, h, &[(79.5, 45.0), (85.0, 42.0), (86.0, 56.0), (79.0, 62.0)]),
        ellipse(38.0, 45.0, 5.0, 2.5, 16, w, h),
        ellipse(62.0, 45.0, 5.0, 2.5, 16, w, h),
        on(w, h, &[(50.0, 48.0), (47.0, 62.0), (53.0, 62.0)]),
        on(w, h, &[(41.0, 73.0), (50.0, 77.0), (59.0, 73.0)]),
        on(w, h, &[(40.0, 89.0), (40.0, 118.0)]),
        on(w, h, &[(60.0, 89.0), (60.0, 118.0)]),
    ];
    vec![
        Outline { view: View::Front, aspect: 2.0, lines: vec![figure()], words: front_words },
        Outline { view: View::Back, aspect: 2.0, lines: vec![figure()], words: back_words },
        Outline {
            view: View::Head,
            aspect: 1.2,
            lines: head,
            words: vec![("Right".to_owned(), 0.02, 0.04), ("Left".to_owned(), 0.82, 0.04)],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_has_an_outline_inside_its_box() {
        let outlines = outlines();
        assert_eq!(outlines.iter().map(|o| o.view).collect::<Vec<_>>(), [View::Front, View::Back, View::Head]);
        for o in &outlines {
            for (x, y) in o.lines.iter().flatten() {
                assert!((0.0..=1.0).contains(x) && (0.0..=1.0).contains(y), "{:?} ({x}, {y})", o.view);
            }
        }
        let body = &outlines[0].lines[0];
        assert_eq!(body.first(), body.last(), "the figure is closed");
    }
}
