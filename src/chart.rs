//! The adoption chart, as a PNG (plotters): each group's combined activity per person
//! (metrics normalised, as in the report) over time, as an index of the group's own
//! baseline, so a group that lags is not a flat line at the bottom; each story marked
//! at the moment it was published.
//!
//! Invariants: the x axis is time (a period is drawn at its middle, a story at its
//! publication), never the order of period labels as text. The chart's words (its
//! title, the axis, the stories' labels) are in the language of whoever asked for it
//! (`chart-…` in `prompts/locales`); dates are written YYYY-MM-DD in every language.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use plotters::prelude::*;

use crate::domain::period::{Kind, Period, Relation};
use crate::domain::report;
use crate::domain::texts::{english, Arg, Texts};
use crate::domain::usage::UsageRecord;

/// Fonts tried in order; `SPOTLIGHT_CHART_FONT` names another TrueType file.
const FONTS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
];

static FONT: OnceLock<Result<(), String>> = OnceLock::new();

/// Registers a font for chart text once per process.
fn font() -> anyhow::Result<()> {
    FONT.get_or_init(|| {
        let candidates: Vec<String> = std::env::var("SPOTLIGHT_CHART_FONT")
            .into_iter()
            .chain(FONTS.iter().map(|s| s.to_string()))
            .collect();
        for path in &candidates {
            if let Ok(bytes) = std::fs::read(path) {
                // plotters keeps fonts for the life of the process.
                let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                if plotters::style::register_font("sans-serif", FontStyle::Normal, bytes).is_ok() {
                    return Ok(());
                }
            }
        }
        Err(format!(
            "no font found for the chart (tried {}): install fonts-dejavu-core, or set SPOTLIGHT_CHART_FONT to a .ttf file",
            candidates.join(", ")
        ))
    })
    .clone()
    .map_err(|e| anyhow::anyhow!(e))
}

/// Days since 1970-01-01 of an instant, with the time of day as a fraction.
fn days(at: DateTime<Utc>) -> f64 {
    at.timestamp() as f64 / 86_400.0
}

/// Days since 1970-01-01 of a day's midnight.
fn day_number(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    (d - epoch).num_days() as f64
}

fn day_label(x: f64) -> String {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|e| e.checked_add_days(chrono::Days::new(x.max(0.0).round() as u64)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A group's baseline: the mean of its last few periods wholly before the first story,
/// or, with no story before its data, of its first few periods.
fn baseline(values: &BTreeMap<Period, f64>, first_story: Option<DateTime<Utc>>) -> Option<f64> {
    let n = report::BASELINE_PERIODS;
    let before: Vec<f64> = match first_story {
        Some(at) => values
            .iter()
            .filter(|(p, _)| p.relation(at.naive_utc()) == Relation::WhollyBefore)
            .map(|(_, v)| *v)
            .collect(),
        None => vec![],
    };
    let pick: Vec<f64> = if before.is_empty() {
        values.values().take(n).copied().collect()
    } else {
        before[before.len().saturating_sub(n)..].to_vec()
    };
    let mean = pick.iter().sum::<f64>() / pick.len().max(1) as f64;
    (mean > 0.0).then_some(mean)
}

/// Draws each group's combined activity per person as an index of its baseline (= 100)
/// over time, with a marker at each story's publication and the period holding it
/// shaded, to `out` (PNG), its words in `lang`.
pub fn adoption_png(
    usage: &[UsageRecord],
    stories: &[(i64, DateTime<Utc>)],
    out: &Path,
    texts: &Texts,
    lang: &str,
) -> anyhow::Result<()> {
    let png = adoption_png_bytes_in(usage, stories, texts, lang)?;
    std::fs::write(out, png).with_context(|| format!("failed to write {}", out.display()))
}

/// The chart's size in pixels.
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 700;

/// The chart of `adoption_png` with its words in the shipped English
/// (`adoption_png_bytes_in` draws it in the reader's language).
pub fn adoption_png_bytes(
    usage: &[UsageRecord],
    stories: &[(i64, DateTime<Utc>)],
) -> anyhow::Result<Vec<u8>> {
    adoption_png_bytes_in(usage, stories, english(), "en")
}

/// The chart of `adoption_png`, as the bytes of a PNG file (for an upload to Slack), its
/// words in `lang`. With nothing to draw, the error says so in `lang` too.
pub fn adoption_png_bytes_in(
    usage: &[UsageRecord],
    stories: &[(i64, DateTime<Utc>)],
    texts: &Texts,
    lang: &str,
) -> anyhow::Result<Vec<u8>> {
    let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    draw(usage, stories, texts, lang, &mut pixels)?;
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&pixels))
        .context("failed to encode the chart as PNG")?;
    Ok(png)
}

/// Draws the chart into `pixels` (RGB, `WIDTH` × `HEIGHT`).
fn draw(
    usage: &[UsageRecord],
    stories: &[(i64, DateTime<Utc>)],
    texts: &Texts,
    lang: &str,
    pixels: &mut [u8],
) -> anyhow::Result<()> {
    let t = |id: &str, args: &[(&str, Arg)]| texts.get(lang, id, args);
    font()?;
    let by_group = report::combined_by_group(usage);
    let first_story = stories.iter().map(|(_, at)| *at).min();
    let series: Vec<(String, Vec<(f64, f64)>)> = by_group
        .iter()
        .filter_map(|(g, values)| {
            let values: BTreeMap<Period, f64> = values
                .iter()
                .filter(|(p, _)| p.kind() != Kind::Whole)
                .map(|(p, v)| (*p, *v))
                .collect();
            let base = baseline(&values, first_story)?;
            let points = values
                .iter()
                .map(|(p, v)| (p.midpoint_days(), 100.0 * v / base))
                .collect();
            Some((g.clone(), points))
        })
        .collect();
    let xs: Vec<f64> = series
        .iter()
        .flat_map(|(_, pts)| pts.iter().map(|(x, _)| *x))
        .chain(stories.iter().map(|(_, at)| days(*at)))
        .collect();
    if series.iter().all(|(_, pts)| pts.is_empty()) {
        anyhow::bail!("{}", t("chart-no-data", &[]));
    }
    let x_min = xs.iter().copied().fold(f64::INFINITY, f64::min) - 3.0;
    let x_max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max) + 3.0;
    let top = series
        .iter()
        .flat_map(|(_, pts)| pts.iter().map(|(_, v)| *v))
        .fold(120.0_f64, f64::max)
        * 1.15;

    let root = BitMapBackend::with_buffer(pixels, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE).context("failed to draw the chart")?;
    let mut chart = ChartBuilder::on(&root)
        .caption(t("chart-caption", &[]), ("sans-serif", 26))
        .margin(20)
        .margin_right(60)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(x_min..x_max, 0.0..top)
        .context("failed to lay out the chart")?;
    chart
        .configure_mesh()
        .x_labels(8)
        .x_label_formatter(&|x| day_label(*x))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .y_desc(t("chart-axis", &[]))
        .label_style(("sans-serif", 16))
        .draw()
        .context("failed to draw the axes")?;
    // The period holding each publication (the shortest in the data) is shaded: the
    // report counts it on neither side.
    let periods: Vec<Period> = by_group
        .values()
        .flat_map(|v| v.keys().copied())
        .filter(|p| p.kind() != Kind::Whole)
        .collect();
    for (_, at) in stories {
        let holding = periods
            .iter()
            .filter(|p| p.relation(at.naive_utc()) == Relation::Contains)
            .min_by_key(|p| p.end() - p.start());
        if let Some(p) = holding {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(day_number(p.start()), 0.0), (day_number(p.end()), top)],
                    RGBColor(235, 235, 235).filled(),
                )))
                .context("failed to shade a publication period")?;
        }
    }
    let grey = RGBColor(120, 120, 120);
    chart
        .draw_series(DashedLineSeries::new(
            vec![(x_min, 100.0), (x_max, 100.0)],
            6,
            4,
            grey.stroke_width(1),
        ))
        .context("failed to draw the baseline")?;
    for (i, (group, points)) in series.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))
            .context("failed to draw a line")?
            .label(group.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
            });
        chart
            .draw_series(points.iter().map(|p| Circle::new(*p, 4, color.filled())))
            .context("failed to draw the points")?;
    }
    for (story, at) in stories {
        let x = days(*at);
        chart
            .draw_series(LineSeries::new(
                vec![(x, 0.0), (x, top)],
                grey.stroke_width(2),
            ))
            .context("failed to mark a story")?;
        chart
            .draw_series(std::iter::once(Text::new(
                t(
                    "chart-story",
                    &[
                        ("story", Arg::from(*story)),
                        ("date", Arg::from(&at.format("%Y-%m-%d").to_string())),
                    ],
                ),
                (x, top * 0.97),
                ("sans-serif", 15),
            )))
            .context("failed to label a story")?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .label_font(("sans-serif", 16))
        .draw()
        .context("failed to draw the legend")?;
    root.present().context("failed to draw the chart")?;
    Ok(())
}
