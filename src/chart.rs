//! The adoption chart: activity per person over time for each group, with the dates
//! stories were published marked, as a PNG (plotters).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use anyhow::Context;
use chrono::{DateTime, Utc};
use plotters::prelude::*;

use crate::domain::report;
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

/// Draws activity per person per group over the periods in `usage`, with a marker at the
/// first period on or after each story's publication, to `out` (PNG).
pub fn adoption_png(
    usage: &[UsageRecord],
    stories: &[(i64, DateTime<Utc>)],
    out: &Path,
) -> anyhow::Result<()> {
    font()?;
    let periods: Vec<String> = usage
        .iter()
        .map(|r| r.period.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if periods.is_empty() {
        anyhow::bail!(
            "there is no usage data to chart: import some with `spotlight import-usage FILE.csv`"
        );
    }
    let groups: BTreeSet<&str> = usage
        .iter()
        .map(|r| r.group.as_str())
        .filter(|g| !g.is_empty())
        .collect();
    let series: Vec<(String, Vec<(usize, f64)>)> = groups
        .iter()
        .map(|g| {
            let pp = report::per_person(usage, g);
            let points = periods
                .iter()
                .enumerate()
                .filter_map(|(i, p)| pp.get(p).map(|v| (i, *v)))
                .collect();
            (g.to_string(), points)
        })
        .collect();
    let top = series
        .iter()
        .flat_map(|(_, pts)| pts.iter().map(|(_, v)| *v))
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.15;
    let x_max = periods.len().saturating_sub(1).max(1);

    let root = BitMapBackend::new(out, (1200, 700)).into_drawing_area();
    root.fill(&WHITE).context("failed to draw the chart")?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "Activity per person, by group (stories marked)",
            ("sans-serif", 28),
        )
        .margin(20)
        .margin_right(60)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(0usize..x_max, 0.0..top)
        .context("failed to lay out the chart")?;
    let labels = periods.clone();
    chart
        .configure_mesh()
        .x_labels(periods.len().min(24))
        .x_label_formatter(&|i| labels.get(*i).cloned().unwrap_or_default())
        .y_desc("activity per person")
        .label_style(("sans-serif", 16))
        .draw()
        .context("failed to draw the axes")?;
    for (i, (group, points)) in series.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))
            .context("failed to draw a line")?
            .label(group.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
            });
    }
    for (story, at) in stories {
        let Some(i) = periods.iter().position(|p| !report::before(p, *at)) else {
            continue;
        };
        let grey = RGBColor(120, 120, 120);
        chart
            .draw_series(LineSeries::new(
                vec![(i, 0.0), (i, top)],
                grey.stroke_width(1),
            ))
            .context("failed to mark a story")?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("story {story}"),
                (i, top * 0.97),
                ("sans-serif", 15),
            )))
            .context("failed to label a story")?;
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .label_font(("sans-serif", 16))
        .draw()
        .context("failed to draw the legend")?;
    root.present()
        .with_context(|| format!("failed to write {}", out.display()))?;
    Ok(())
}
