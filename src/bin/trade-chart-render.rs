//! Renders a chart spec (JSON) to SVG with the same Rust code the browser uses.
//!
//!     trade-chart-render spec.json -o chart.svg [--width 640] [--height 400] [--theme light|dark]

#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use std::process::ExitCode;

use trade_chart::ThemeChoice;

const USAGE: &str = "usage: trade-chart-render SPEC.json [-o OUT.svg] [--width PX] [--height PX] [--theme light|dark]";

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
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "-o" | "--output" => output = Some(value("-o")?),
            "--width" => width = value("--width")?.parse::<f64>().map_err(|e| format!("--width: {e}"))?,
            "--height" => height = Some(value("--height")?.parse::<f64>().map_err(|e| format!("--height: {e}"))?),
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
    let text = std::fs::read_to_string(&input).map_err(|e| format!("{input}: {e}"))?;
    let chart = trade_chart::parse_spec(&text).map_err(|e| format!("{input}: {e}"))?;
    let svg = trade_chart::render_svg(&chart, width, height, theme).map_err(|e| format!("{input}: {e}"))?;
    match output {
        Some(path) => std::fs::write(&path, svg).map_err(|e| format!("{path}: {e}")),
        None => {
            print!("{svg}");
            Ok(())
        }
    }
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
