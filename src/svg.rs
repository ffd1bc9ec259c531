//! Native rendering to SVG with plotters' SVG backend: the static fallback image and the
//! snapshot tests use exactly the renderer the browser uses.

use plotters_svg::SVGBackend;

use crate::error::ChartError;
use crate::layout::{layout, LayoutOptions};
use crate::model::{Chart, ThemeChoice};
use crate::render::draw;
use crate::text::ApproxMeasure;
use crate::theme::Theme;

/// Renders a chart to an SVG document `width` CSS px wide (height: the chart's own choice
/// when None). `Auto` themes render light.
pub fn render_svg(chart: &Chart, width: f64, height: Option<f64>, theme: ThemeChoice) -> Result<String, ChartError> {
    let theme = Theme::for_choice(if theme == ThemeChoice::Auto { chart.theme } else { theme }, false);
    let opts = LayoutOptions { width, height: height.or(chart.height), theme, x_range: None, visible: Vec::new() };
    let laid = layout(chart, &opts, &ApproxMeasure);
    let mut out = String::new();
    {
        let size = (laid.width.round().max(1.0) as u32, laid.height.round().max(1.0) as u32);
        let mut backend = SVGBackend::with_string(&mut out, size);
        draw(&mut backend, chart, &laid, 1.0)?;
    }
    Ok(out)
}
