//! What a page Chromium rendered shows, read from its PNG the way a person looks at it:
//! where the ink is, how much of the page is blank, the QR codes it carries and how much
//! of a colour it shows; and how many pages a PDF has.

use std::path::Path;

/// An RGB image.
pub struct Page {
    pub width: usize,
    pub height: usize,
    rgb: Vec<u8>,
}

/// A pixel this light in every channel is paper, not ink.
const PAPER: u8 = 245;

impl Page {
    /// Reads a PNG (any colour type, 8 bits) as RGB.
    pub fn read(path: &Path) -> Page {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("a PNG frame");
        let channels = info.color_type.samples();
        let (width, height) = (info.width as usize, info.height as usize);
        let mut rgb = Vec::with_capacity(width * height * 3);
        for y in 0..height {
            let line = &buf[y * info.line_size..][..width * channels];
            for px in line.chunks(channels) {
                match channels {
                    1 | 2 => rgb.extend([px[0], px[0], px[0]]),
                    _ => rgb.extend(&px[..3]),
                }
            }
        }
        Page { width, height, rgb }
    }

    fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    fn row_is_blank(&self, y: usize) -> bool {
        (0..self.width).all(|x| self.pixel(x, y).iter().all(|c| *c >= PAPER))
    }

    /// The lowest row with any ink on it.
    pub fn lowest_ink_row(&self) -> usize {
        (0..self.height)
            .rev()
            .find(|y| !self.row_is_blank(*y))
            .expect("a page with something on it")
    }

    /// The tallest run of blank rows between the first and the last row with ink (the
    /// white space inside the page, margins aside).
    pub fn largest_blank_band(&self) -> usize {
        let (mut longest, mut run) = (0, 0);
        for y in 0..=self.lowest_ink_row() {
            if self.row_is_blank(y) {
                run += 1;
            } else {
                longest = longest.max(run);
                run = 0;
            }
        }
        longest
    }

    /// The text of every QR code found on the page.
    pub fn qr_codes(&self) -> Vec<String> {
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(self.width, self.height, |x, y| {
                let [r, g, b] = self.pixel(x, y);
                ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8
            });
        prepared
            .detect_grids()
            .iter()
            .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
            .collect()
    }

    /// How many pixels are within `tolerance` of `rgb` in every channel.
    pub fn pixels_near(&self, rgb: [u8; 3], tolerance: u8) -> usize {
        self.rgb
            .chunks(3)
            .filter(|px| px.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= tolerance))
            .count()
    }
}

/// How many pages a PDF has (its page objects).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    regex::Regex::new(r"/Type\s*/Page\b")
        .unwrap()
        .find_iter(&text)
        .count()
}

/// Checks that the story fills the page: ink down to near the bottom, and no wide white
/// band anywhere (the old poster left half of a short story's page blank).
pub fn assert_filled(page: &Page, what: &str) {
    let bottom = page.lowest_ink_row();
    assert!(
        bottom * 100 >= page.height * 92,
        "{what}: the page ends at row {bottom} of {}",
        page.height
    );
    let band = page.largest_blank_band();
    assert!(
        band * 100 <= page.height * 7,
        "{what}: a blank band {band} rows tall on a page of {}",
        page.height
    );
}

/// `--out HTML --pdf PDF --png PNG`, for `spotlight poster`.
pub fn to_files<'a>(html: &'a Path, pdf: &'a Path, png: &'a Path) -> [&'a str; 6] {
    let path = |p: &'a Path| p.to_str().expect("a UTF-8 path");
    ["--out", path(html), "--pdf", path(pdf), "--png", path(png)]
}
