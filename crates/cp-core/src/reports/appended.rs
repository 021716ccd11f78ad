//! Attached PDFs and images put at the end of a printed report (the conference pack), through
//! lopdf (already in the build under printpdf): a PDF's pages are copied in as they are, with
//! what they inherit from their page tree and without their actions or annotations (nothing
//! in the pack runs); a JPEG goes in as it is (DCTDecode), a PNG decoded and compressed again;
//! each image on an A4 page of its own, as large as fits.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

use crate::attachments::rules::FileKind;
use crate::{Error, FieldError, Result};

/// A4 in points, and the margin an image keeps.
const PAGE_W: f64 = 595.0;
const PAGE_H: f64 = 842.0;
const MARGIN: f64 = 40.0;

/// One file to append: its title (for the sentence if it cannot be), its kind and bytes.
pub(super) struct Appended<'a> {
    pub title: &'a str,
    pub kind: FileKind,
    pub bytes: &'a [u8],
}

fn cannot(title: &str) -> Error {
    Error::fields(vec![FieldError::new(
        "packFiles",
        format!("“{title}” could not be added: it is protected or damaged. Leave it out, or print it on its own"),
    )])
}

/// `report` with each of `files` after its last page, in order.
pub(super) fn append(report: &[u8], files: &[Appended<'_>]) -> Result<Vec<u8>> {
    if files.is_empty() {
        return Ok(report.to_vec());
    }
    let broken = |e: lopdf::Error| Error::internal(format!("The report could not be extended: {e}"));
    let mut doc = Document::load_mem(report).map_err(broken)?;
    let pages_root = doc.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference).map_err(broken)?;
    let mut kids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for file in files {
        let added = match file.kind {
            FileKind::Pdf => pdf_pages(&mut doc, pages_root, file).ok_or_else(|| cannot(file.title))?,
            FileKind::Jpeg | FileKind::Png => {
                vec![image_page(&mut doc, pages_root, file).ok_or_else(|| cannot(file.title))?]
            }
            _ => return Err(cannot(file.title)),
        };
        kids.extend(added);
    }
    let root = doc.get_object_mut(pages_root).and_then(Object::as_dict_mut).map_err(broken)?;
    root.set("Count", kids.len() as i64);
    root.set("Kids", kids.into_iter().map(Object::Reference).collect::<Vec<_>>());
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| Error::internal(format!("The report could not be written: {e}")))?;
    Ok(out)
}

/// What a page may take from its page tree rather than say itself.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// The pages of the PDF `file`, copied into `doc` under `parent`; `None` if it cannot be read.
fn pdf_pages(doc: &mut Document, parent: ObjectId, file: &Appended<'_>) -> Option<Vec<ObjectId>> {
    let mut other = Document::load_mem(file.bytes).ok()?;
    if other.is_encrypted() {
        return None;
    }
    other.renumber_objects_with(doc.max_id + 1);
    let pages: Vec<ObjectId> = other.get_pages().into_values().collect();
    if pages.is_empty() {
        return None;
    }
    let mut copied = Vec::with_capacity(pages.len());
    for id in &pages {
        let mut page = other.get_object(*id).ok()?.as_dict().ok()?.clone();
        // What the page inherits from its ancestors, made its own: it gets a new parent.
        let mut up = page.get(b"Parent").and_then(Object::as_reference).ok();
        while let Some(ancestor) = up {
            let node = other.get_object(ancestor).ok()?.as_dict().ok()?;
            for key in INHERITED {
                if page.get(key).is_err()
                    && let Ok(value) = node.get(key)
                {
                    page.set(key.to_vec(), value.clone());
                }
            }
            up = node.get(b"Parent").and_then(Object::as_reference).ok();
        }
        page.set("Parent", parent);
        page.remove(b"AA");
        page.remove(b"Annots");
        copied.push((*id, page));
    }
    for (id, object) in other.objects {
        let kind = object.type_name().unwrap_or(b"").to_vec();
        if !matches!(kind.as_slice(), b"Catalog" | b"Pages" | b"Page" | b"Outlines" | b"Outline") {
            doc.objects.insert(id, object);
        }
    }
    for (id, page) in copied {
        doc.objects.insert(id, Object::Dictionary(page));
    }
    doc.max_id = doc.max_id.max(other.max_id);
    Some(pages)
}

/// A JPEG's width, height and colour components, from its frame header.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32, u8)> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        // Start-of-frame markers (baseline, progressive and the rest), not DHT, JPG or DAC.
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
            let w = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
            return Some((w, h, bytes[i + 9]));
        }
        i += 2 + length;
    }
    None
}

/// A PNG as 8-bit RGB on white (transparency flattened, as paper has none).
fn png_rgb(bytes: &[u8]) -> Option<(u32, u32, Vec<u8>)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let pixels = &buf[..info.buffer_size()];
    let over_white = |c: u8, a: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    let rgb: Vec<u8> = match info.color_type {
        png::ColorType::Rgb => pixels.to_vec(),
        png::ColorType::Rgba => {
            pixels.chunks_exact(4).flat_map(|p| [0, 1, 2].map(|k| over_white(p[k], p[3]))).collect()
        }
        png::ColorType::Grayscale => pixels.iter().flat_map(|g| [*g; 3]).collect(),
        png::ColorType::GrayscaleAlpha => pixels.chunks_exact(2).flat_map(|p| [over_white(p[0], p[1]); 3]).collect(),
        png::ColorType::Indexed => return None,
    };
    Some((info.width, info.height, rgb))
}

/// A page of its own holding the image `file`, as large as fits within the margins.
fn image_page(doc: &mut Document, parent: ObjectId, file: &Appended<'_>) -> Option<ObjectId> {
    let (w, h, image) = match file.kind {
        FileKind::Jpeg => {
            let (w, h, components) = jpeg_size(file.bytes)?;
            let colours = match components {
                1 => "DeviceGray",
                4 => "DeviceCMYK",
                _ => "DeviceRGB",
            };
            let dict = dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => i64::from(w), "Height" => i64::from(h),
                "ColorSpace" => colours, "BitsPerComponent" => 8, "Filter" => "DCTDecode",
            };
            (w, h, Stream::new(dict, file.bytes.to_vec()).with_compression(false))
        }
        _ => {
            let (w, h, rgb) = png_rgb(file.bytes)?;
            let dict = dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => i64::from(w), "Height" => i64::from(h),
                "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
            };
            let mut stream = Stream::new(dict, rgb);
            stream.compress().ok()?;
            (w, h, stream)
        }
    };
    if w == 0 || h == 0 {
        return None;
    }
    let image_id = doc.add_object(image);
    let scale = ((PAGE_W - 2.0 * MARGIN) / f64::from(w)).min((PAGE_H - 2.0 * MARGIN) / f64::from(h));
    let (dw, dh) = (f64::from(w) * scale, f64::from(h) * scale);
    let (x, y) = ((PAGE_W - dw) / 2.0, (PAGE_H - dh) / 2.0);
    let content = format!("q {dw:.2} 0 0 {dh:.2} {x:.2} {y:.2} cm /Im1 Do Q");
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    let resources = dictionary! { "XObject" => dictionary! { "Im1" => image_id } };
    let page = dictionary! {
        "Type" => "Page",
        "Parent" => parent,
        "MediaBox" => vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()],
        "Contents" => content_id,
        "Resources" => resources,
    };
    Some(doc.add_object(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_frame_header_gives_its_size() {
        // SOI, an APP0 of 16 bytes, then a baseline frame of 200 × 120 in 3 components.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend_from_slice(&[0; 14]);
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x78, 0x00, 0xC8, 0x03, 0, 0, 0]);
        assert_eq!(jpeg_size(&jpeg), Some((200, 120, 3)));
        assert_eq!(jpeg_size(b"\xFF\xD8not a jpeg at all"), None);
    }

    #[test]
    fn a_damaged_pdf_is_refused_with_its_title() {
        let report = super::super::letter("Org", "Pack", &["Words"], chrono::Utc::now()).unwrap();
        let bad = Appended { title: "Minutes", kind: FileKind::Pdf, bytes: b"%PDF-1.4\ngarbage" };
        let err = append(&report, &[bad]).unwrap_err();
        assert!(err.fields[0].message.contains("“Minutes” could not be added"), "{err:?}");
    }
}
