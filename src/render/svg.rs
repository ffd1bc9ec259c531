//! Rendering to SVG with plotters-svg's `SVGBackend`, on every target: the static fallback
//! images, the snapshot tests and the browser's `toSVG()` all use exactly the renderer the
//! canvas uses. Text stays text (`<text>` with the font family named), colours are exact.
//!
//! plotters-svg takes whole-number coordinates, so the document is drawn in device pixels
//! of a chosen scale (the canvas's devicePixelRatio for `toSVG()`, 1 for the fallbacks)
//! and its `viewBox` maps them onto the CSS size: the SVG then has the canvas's geometry to
//! the pixel. Rules go through the same [`Crisp`] adaptor as on canvas (whole-pixel fills,
//! not strokes straddling a pixel edge), and the root sets round line joins, as the canvas
//! strokes lines.

use plotters::drawing::IntoDrawingArea;
use plotters_svg::SVGBackend;

use crate::render::crisp::Crisp;
use crate::error::ChartError;
use crate::layout::{layout, Layout, LayoutOptions};
use crate::model::{Chart, ThemeChoice};
use crate::render::draw;
use crate::text::ApproxMeasure;
use crate::theme::Theme;

/// Draws a laid-out chart as an SVG document of the layout's size in CSS pixels, with
/// `scale` drawing units (device pixels) per CSS pixel (clamped to 1–4).
pub fn svg_of_layout(chart: &Chart, laid: &Layout, scale: f64) -> Result<String, ChartError> {
    let scale = if scale.is_finite() { scale.clamp(1.0, 4.0) } else { 1.0 };
    let css = (laid.width.round().clamp(1.0, 16_384.0), laid.height.round().clamp(1.0, 16_384.0));
    let device = ((css.0 * scale).round() as u32, (css.1 * scale).round() as u32);
    let mut body = String::new();
    {
        let area = Crisp::new(SVGBackend::with_string(&mut body, device), 1.0, None).into_drawing_area();
        draw(&area, chart, laid, scale)?;
    }
    // plotters-svg opens the document with an <svg> tag sized in its own units; ours names
    // the CSS size and maps those units onto it.
    let rest = tidy_font_sizes(body.find('>').and_then(|end| body.get(end + 1..)).unwrap_or_default());
    Ok(format!(
        r#"<svg width="{}" height="{}" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg" stroke-linejoin="round">{rest}"#,
        css.0, css.1, device.0, device.1
    ))
}

/// plotters-svg writes `font-size` as its nominal size divided by 1.24, which leaves float
/// noise ("13.000000000000002") for an editor to show; sizes are rounded to 1/10,000 unit.
fn tidy_font_sizes(svg: &str) -> String {
    const ATTR: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = crate::text::find_str(rest, ATTR) {
        let (head, tail) = rest.split_at(start + ATTR.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let (value, after) = tail.split_at(end);
        match value.parse::<f64>() {
            Ok(v) if v.is_finite() => out.push_str(&((v * 1e4).round() / 1e4).to_string()),
            _ => out.push_str(value),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Renders a chart to an SVG document `width` CSS px wide (height: the chart's own choice
/// when None), measuring text with [`ApproxMeasure`]. `Auto` themes render light.
pub fn render_svg(chart: &Chart, width: f64, height: Option<f64>, theme: ThemeChoice) -> Result<String, ChartError> {
    let theme = Theme::for_choice(if theme == ThemeChoice::Auto { chart.theme } else { theme }, false);
    let opts = LayoutOptions { width, height: height.or(chart.height), theme, x_range: None, visible: Vec::new() };
    let laid = layout(chart, &opts, &ApproxMeasure);
    svg_of_layout(chart, &laid, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::spec::parse_spec;

    fn chart() -> Chart {
        parse_spec(r#"{"title": "Trade", "series": [{"name": "A", "data": [["2020", 1], ["2021", 3], ["2022", 2]]}]}"#).expect("valid")
    }

    fn laid(chart: &Chart) -> Layout {
        let opts = LayoutOptions { width: 400.0, height: Some(300.0), theme: Theme::for_choice(ThemeChoice::Light, false), x_range: None, visible: Vec::new() };
        layout(chart, &opts, &ApproxMeasure)
    }

    #[test]
    fn font_sizes_lose_their_float_noise() {
        assert_eq!(tidy_font_sizes(r#"<text font-size="13.000000000000002">a</text><text font-size="30.000000000000004" x="1">b</text>"#), r#"<text font-size="13">a</text><text font-size="30" x="1">b</text>"#);
        assert_eq!(tidy_font_sizes(r#"font-size="19.5" font-size="x" font-size="12.34567"#), r#"font-size="19.5" font-size="x" font-size="12.3457"#);
        assert_eq!(tidy_font_sizes("no text"), "no text");
    }

    #[test]
    fn device_pixel_scale_keeps_the_css_size_and_scales_the_drawing() {
        let chart = chart();
        let laid = laid(&chart);
        let one = svg_of_layout(&chart, &laid, 1.0).expect("svg");
        let two = svg_of_layout(&chart, &laid, 2.0).expect("svg");
        assert!(one.starts_with(r#"<svg width="400" height="300" viewBox="0 0 400 300" "#), "{}", &one[..90]);
        assert!(two.starts_with(r#"<svg width="400" height="300" viewBox="0 0 800 600" "#), "{}", &two[..90]);
        assert_eq!(one.matches("<svg").count(), 1);
        assert!(two.trim_end().ends_with("</svg>"));
        // Rules are whole-pixel fills, round(dpr) thick; no axis-aligned strokes remain.
        assert!(one.contains(r##"height="1" opacity="1" fill="#E2E2E2""##), "1 px gridlines");
        assert!(two.contains(r##"height="2" opacity="1" fill="#E2E2E2""##), "2 px gridlines at scale 2");
        assert!(!two.contains("<line"), "no axis-aligned <line> left");
        // Text keeps its CSS size: twice the units in a viewBox twice as large.
        let size = |svg: &str| svg.split("font-size=\"").nth(1).and_then(|s| s.split('"').next()).and_then(|s| s.parse::<f64>().ok());
        let (a, b) = (size(&one).expect("a font size"), size(&two).expect("a font size"));
        assert!((b - 2.0 * a).abs() < 1e-6, "{a} vs {b}");
        // Nonsense scales fall back to something drawable.
        assert!(svg_of_layout(&chart, &laid, f64::NAN).expect("svg").contains(r#"viewBox="0 0 400 300""#));
        assert!(svg_of_layout(&chart, &laid, 100.0).expect("svg").contains(r#"viewBox="0 0 1600 1200""#));
    }
}
