//! Rendering to SVG with plotters-svg's `SVGBackend`, on every target: the static fallback
//! images, the snapshot tests and the browser's `toSVG()` all use exactly the renderer the
//! canvas uses. Text stays text (`<text>` with the font family named), colours are exact.

use plotters::drawing::IntoDrawingArea;
use plotters_svg::SVGBackend;

use crate::error::ChartError;
use crate::layout::{layout, Layout, LayoutOptions};
use crate::model::{Chart, ThemeChoice};
use crate::render::draw;
use crate::text::ApproxMeasure;
use crate::theme::Theme;

/// Draws a laid-out chart as an SVG document of the layout's size in CSS pixels.
pub fn svg_of_layout(chart: &Chart, laid: &Layout) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let size = (laid.width.round().max(1.0) as u32, laid.height.round().max(1.0) as u32);
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw(&area, chart, laid, 1.0)?;
    }
    Ok(out)
}

/// Renders a chart to an SVG document `width` CSS px wide (height: the chart's own choice
/// when None), measuring text with [`ApproxMeasure`]. `Auto` themes render light.
pub fn render_svg(chart: &Chart, width: f64, height: Option<f64>, theme: ThemeChoice) -> Result<String, ChartError> {
    let theme = Theme::for_choice(if theme == ThemeChoice::Auto { chart.theme } else { theme }, false);
    let opts = LayoutOptions { width, height: height.or(chart.height), theme, x_range: None, visible: Vec::new() };
    let laid = layout(chart, &opts, &ApproxMeasure);
    svg_of_layout(chart, &laid)
}
