//! Renders a chart spec (JSON) to SVG with the same Rust code the browser uses.
//!
//!     trade-chart-render spec.json -o chart.svg [--width 640] [--height 400] [--theme light|dark]
//!                        [--space-below 28]
//!
//! `--space-below` adds that much background under the chart: `make fallback` uses it so a
//! fallback image also holds the space of the chart's buttons (see www/harness/reserve.js).

#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use std::process::ExitCode;

use trade_chart::ThemeChoice;

const USAGE: &str = "usage: trade-chart-render SPEC.json [-o OUT.svg] [--width PX] [--height PX] [--theme light|dark] [--space-below PX]";

#[cfg(target_arch = "wasm32")]
fn run() -> Result<(), String> {
    Err("trade-chart-render is a native tool".into())
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut output = None;
    let mut width = 640.0;
    let mut height = None;
    let mut theme = ThemeChoice::Auto;
    let mut below = 0.0;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "-o" | "--output" => output = Some(value("-o")?),
            "--width" => width = value("--width")?.parse::<f64>().map_err(|e| format!("--width: {e}"))?,
            "--height" => height = Some(value("--height")?.parse::<f64>().map_err(|e| format!("--height: {e}"))?),
            "--space-below" => below = value("--space-below")?.parse::<f64>().map_err(|e| format!("--space-below: {e}"))?,
            "--theme" => {
                theme = match value("--theme")?.as_str() {
                    "light" => ThemeChoice::Light,
                    "dark" => ThemeChoice::Dark,
                    other => return Err(format!("--theme: unknown theme {other:?}")),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if input.is_none() && !other.starts_with('-') => input = Some(other.to_string()),
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        }
    }
    let input = input.ok_or_else(|| USAGE.to_string())?;
    if !(width.is_finite() && (120.0..=8000.0).contains(&width)) {
        return Err("--width must be between 120 and 8000".into());
    }
    if !(below.is_finite() && (0.0..=200.0).contains(&below)) {
        return Err("--space-below must be between 0 and 200".into());
    }
    let text = std::fs::read_to_string(&input).map_err(|e| format!("{input}: {e}"))?;
    let chart = trade_chart::parse_spec(&text).map_err(|e| format!("{input}: {e}"))?;
    let svg = trade_chart::render_svg(&chart, width, height, theme).map_err(|e| format!("{input}: {e}"))?;
    let svg = if below > 0.0 { space_below(&svg, below).ok_or_else(|| format!("{input}: --space-below: unexpected SVG header"))? } else { svg };
    match output {
        Some(path) => std::fs::write(&path, svg).map_err(|e| format!("{path}: {e}")),
        None => {
            print!("{svg}");
            Ok(())
        }
    }
}

/// The SVG with `px` more of its background below the chart: a fallback image for a
/// `<trade-chart>` that also holds the space of the chart's buttons, so nothing moves when
/// the chart replaces it. Touches only the root's size and the background rectangle.
#[cfg(not(target_arch = "wasm32"))]
fn space_below(svg: &str, px: f64) -> Option<String> {
    let (header, rest) = svg.split_once('\n')?;
    let (background, body) = rest.split_once('\n')?;
    let height: f64 = header.split("height=\"").nth(1)?.split('"').next()?.parse().ok()?;
    let taller = format!("{}", height + px);
    let old = format!("{height}");
    let header = header.replacen(&format!("height=\"{old}\""), &format!("height=\"{taller}\""), 1).replacen(&format!(" {old}\""), &format!(" {taller}\""), 1);
    if !background.starts_with("<rect x=\"0\" y=\"0\"") {
        return None;
    }
    let background = background.replacen(&format!("height=\"{old}\""), &format!("height=\"{taller}\""), 1);
    Some(format!("{header}\n{background}\n{body}"))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("trade-chart-render: {message}");
            ExitCode::FAILURE
        }
    }
}
