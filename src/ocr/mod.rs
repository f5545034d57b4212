//! Offline text recognition for reports published as images (a scanned PDF,
//! a photo or screenshot of a table): each page levelled ([`deskew`]), its
//! text boxes found ([`detect`]), cut at the table's rules ([`ruling`]) and
//! read ([`recognise`]) by the PP-OCRv4
//! models ([`models`]) on tract ([`net`]). The result is text boxes with
//! their place and confidence; the importer turns them into runs like a
//! PDF's and reads them as it reads every other file.
//!
//! Nothing recognised is taken on trust: each box keeps its confidence, and
//! the importer names the cells read from boxes below [`CONFIDENCE_BAR`].

pub mod deskew;
pub mod detect;
pub mod models;
mod net;
pub mod recognise;
pub mod ruling;

use std::path::Path;
use std::sync::{Arc, Mutex};

use image::GrayImage;

/// Below this mean probability (or a character below [`CHARACTER_BAR`]), a
/// reading is named for the clerk to check.
pub const CONFIDENCE_BAR: f32 = 0.90;
/// The least certain character of a reading below this makes it doubtful.
pub const CHARACTER_BAR: f32 = 0.60;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OcrError {
    #[error("{}", models::missing_message())]
    ModelsMissing,
    #[error("文字识别模型无法载入（{0}）")]
    Model(String),
    #[error("文字识别出错（{0}）")]
    Run(String),
    #[error("已取消文字识别")]
    Cancelled,
}

/// One recognised text box on a page, in pixels of the page image as given.
#[derive(Clone, Debug, PartialEq)]
pub struct Recognised {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub text: String,
    pub confidence: f32,
    pub weakest: f32,
}

impl Recognised {
    /// Whether the clerk is asked to check this reading.
    pub fn doubtful(&self) -> bool {
        !sure(self.confidence, self.weakest)
    }
}

/// Whether a reading of this mean and weakest character probability clears
/// both bars.
fn sure(confidence: f32, weakest: f32) -> bool {
    confidence >= CONFIDENCE_BAR && weakest >= CHARACTER_BAR
}

/// One page read.
#[derive(Clone, Debug, PartialEq)]
pub struct PageText {
    pub width: u32,
    pub height: u32,
    /// The angle the page was turned by before reading (degrees).
    pub skew: f32,
    /// Boxes top to bottom, in the levelled page's pixels.
    pub boxes: Vec<Recognised>,
    /// The page as levelled (or turned a quarter or half round), when it
    /// was turned (`None`: read as given).
    pub levelled: Option<GrayImage>,
}

/// A page read with less mean confidence than this (per character) is tried
/// upside down too: upright pages of real reports read at 0.9 and more.
const UPRIGHT_BAR: f32 = 0.75;

impl PageText {
    /// The mean confidence of the page's characters (1 for a page with no text).
    fn sureness(&self) -> f32 {
        let (sum, n) = self.boxes.iter().fold((0.0, 0usize), |(s, n), b| {
            let chars = b.text.chars().count();
            (s + b.confidence * chars as f32, n + chars)
        });
        if n == 0 { 1.0 } else { sum / n as f32 }
    }

    /// Whether the page's lines of text stand on end: there are several lines
    /// on end, and of the boxes clearly longer one way than the other the
    /// upright ones are the longer in all (a table's labels set one character
    /// per line, and a lone digit the rule cutter left, are few beside its lines).
    fn lies_on_its_side(&self) -> bool {
        let (mut across, mut on_end, mut lines_on_end) = (0.0, 0.0, 0);
        for b in &self.boxes {
            let (w, h) = (b.x1 - b.x0, b.y1 - b.y0);
            if w >= LINE_ASPECT * h {
                across += w;
            } else if h >= LINE_ASPECT * w {
                on_end += h;
                lines_on_end += 1;
            }
        }
        lines_on_end >= MIN_LINES_ON_END && on_end > across
    }

    /// How good a reading is: its lines across first, then its sureness.
    fn rank(&self) -> (bool, f32) {
        (!self.lies_on_its_side(), self.sureness())
    }
}

/// A box this many times longer one way than the other is a line of text
/// (or a column of characters).
const LINE_ASPECT: f32 = 3.0;
/// A page lies on its side only with this many lines on end at least.
const MIN_LINES_ON_END: usize = 5;

/// The two networks, loaded once per process.
pub struct Engine {
    detector: net::Net,
    recogniser: recognise::Recogniser,
}

impl Engine {
    pub fn load(dir: &Path) -> Result<Engine, OcrError> {
        let detector = net::Net::load(&dir.join(models::DETECTOR.name), net::Sizes::PerShape)
            .map_err(OcrError::Model)?;
        let rec = net::Net::load(&dir.join(models::RECOGNISER.name), net::Sizes::PerShape)
            .map_err(OcrError::Model)?;
        Ok(Engine {
            detector,
            recogniser: recognise::Recogniser::new(rec).map_err(OcrError::Model)?,
        })
    }

    /// The engine of this process, loaded from the first folder that has the
    /// models ([`models::find`]); loading takes about a second, so it is kept.
    pub fn shared() -> Result<Arc<Engine>, OcrError> {
        static ENGINE: Mutex<Option<Arc<Engine>>> = Mutex::new(None);
        let mut slot = ENGINE.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = slot.as_ref() {
            return Ok(e.clone());
        }
        let dir = models::find().ok_or(OcrError::ModelsMissing)?;
        let engine = Arc::new(Engine::load(&dir)?);
        *slot = Some(engine.clone());
        Ok(engine)
    }

    /// Reads one page: levelled, boxes found, each box read. A page whose
    /// lines stand on end (a landscape table scanned sideways) is read again
    /// turned a quarter each way, and a page whose reading is mostly unsure
    /// turned half round (a sheet fed into the scanner upside down); the
    /// reading with its lines across, then the surer, is kept.
    pub fn read_page(&self, page: &GrayImage) -> Result<PageText, OcrError> {
        let mut best = self.read_as_given(page)?;
        let turns: &[fn(&GrayImage) -> GrayImage] = if best.lies_on_its_side() {
            &[
                |p| image::imageops::rotate90(p),
                |p| image::imageops::rotate270(p),
            ]
        } else if best.sureness() < UPRIGHT_BAR {
            &[|p| image::imageops::rotate180(p)]
        } else {
            &[]
        };
        for turn in turns {
            if !best.lies_on_its_side() && best.sureness() >= UPRIGHT_BAR {
                break;
            }
            let turned_page = turn(page);
            let mut turned = self.read_as_given(&turned_page)?;
            // A turned page that reads as nothing is no better reading.
            if !turned.boxes.is_empty() && turned.rank() > best.rank() {
                turned.levelled = Some(turned.levelled.take().unwrap_or(turned_page));
                best = turned;
            }
        }
        Ok(best)
    }

    fn read_as_given(&self, page: &GrayImage) -> Result<PageText, OcrError> {
        let skew = deskew::estimate(page);
        let levelled = (skew.abs() >= deskew::NEGLIGIBLE).then(|| deskew::level(page, skew));
        let page = levelled.as_ref().unwrap_or(page);
        let found = detect::boxes(&self.detector, page).map_err(OcrError::Run)?;
        let boxes = ruling::cut_at_rules(page, &found, &ruling::vertical_rules(page));
        let readings = self.recogniser.read(page, &boxes).map_err(OcrError::Run)?;
        Ok(PageText {
            width: page.width(),
            height: page.height(),
            skew,
            boxes: boxes
                .iter()
                .zip(readings)
                .filter(|(_, r)| !r.text.is_empty())
                .map(|(b, r)| Recognised {
                    x0: b.x0,
                    y0: b.y0,
                    x1: b.x1,
                    y1: b.y1,
                    text: r.text,
                    confidence: r.confidence,
                    weakest: r.weakest,
                })
                .collect(),
            levelled,
        })
    }
}

/// How far a long recognition has come; the callback answers whether to go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub pages: usize,
}

/// Whether the work goes on after a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Go {
    On,
    Stop,
}

/// Reads every page, telling `progress` before each page and after the
/// last; stops (with [`OcrError::Cancelled`]) when it answers [`Go::Stop`].
pub fn read_pages(
    pages: &[GrayImage],
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Vec<PageText>, OcrError> {
    let engine = Engine::shared()?;
    let mut out = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        if progress(Progress {
            done: i,
            pages: pages.len(),
        }) == Go::Stop
        {
            return Err(OcrError::Cancelled);
        }
        out.push(engine.read_page(page)?);
    }
    progress(Progress {
        done: pages.len(),
        pages: pages.len(),
    });
    Ok(out)
}
