//! What the chart says in words: the tooltip at a cursor, what a screen reader hears for
//! a point, the generated description of the whole chart and the accessible data table.
//!
//! Owns the wording ("+26% on 2022", "no data", "Bar chart of ..."). May use: `layout`
//! (positions and the values plotted), `model`, `axis` (date, format), and the
//! [`Cursor`] of the state machine in `interact`.

use super::Cursor;
use crate::axis::date::Granularity;
use crate::axis::format::{self, format_change, format_date, format_value};
use crate::layout::Layout;
use crate::model::{decimals_of, Chart, Series, SeriesKind};
use crate::to_json::json_object;

/// One row of a tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct TooltipRow {
    /// Series name.
    pub name: String,
    /// Formatted value with unit ("$240.1bn"), or "no data".
    pub value: String,
    /// Year-on-year change ("+26% on 2022"), empty when unknown.
    pub change: String,
    /// Series colour as "#rrggbb".
    pub color: String,
    /// Whether this row is the cursor's own series.
    pub current: bool,
}

/// Tooltip content and where it points.
#[derive(Clone, Debug, PartialEq)]
pub struct Tooltip {
    /// The date, in the series' granularity ("2023", "Jun 2023", "16 May 2024").
    pub title: String,
    /// One row per visible series with a point at that date.
    pub rows: Vec<TooltipRow>,
    /// The point described, in CSS px: the tooltip must not cover it.
    pub x: f64,
    /// The point's y.
    pub y: f64,
    /// Half the width of the highlighted mark (a bar), so the tooltip clears it.
    pub half_width: f64,
    /// Boxes the tooltip should not cover (annotation labels), `[x, y, w, h]` in CSS px.
    pub avoid: Vec<[f64; 4]>,
}

/// The date one step before (for "on 2022" wording).
fn previous_period_label(series: &Series, index: usize, locale: &'static format::Locale) -> String {
    let Some(t) = series.x.get(index) else { return String::new() };
    let c = crate::axis::date::Civil::from_ms(*t);
    let earlier = crate::axis::date::ms_from_civil(c.year - 1, c.month, c.day.min(28));
    match series.granularity {
        Granularity::Year => format_date(earlier, Granularity::Year, locale),
        g => format_date(earlier, g, locale),
    }
}

/// "+26% on 2022", or empty when there is no value a year earlier.
pub fn change_text(chart: &Chart, series: &Series, index: usize) -> String {
    match series.yoy_percent(index) {
        Some(p) => format!("{} on {}", format_change(p, if p.abs() < 10.0 { 1 } else { 0 }, chart.locale), previous_period_label(series, index, chart.locale)),
        None => String::new(),
    }
}

/// Tooltip for a cursor: every visible series at that date.
pub fn tooltip(chart: &Chart, layout: &Layout, cursor: Cursor) -> Option<Tooltip> {
    let s = chart.series.get(cursor.series)?;
    let t = *s.x.get(cursor.index)?;
    let (_, scale) = layout.scale_of(cursor.series)?;
    let v = layout.values(chart, cursor.series)?.get(cursor.index).copied().and_then(crate::model::gap)?;
    let px = layout.x.to_px(t) + crate::layout::bar_offset(chart, cursor.series, &layout.visible, layout.bar_width);
    let mut rows = Vec::new();
    for (i, se) in chart.series.iter().enumerate() {
        if !crate::model::is_shown(&layout.visible, i) {
            continue;
        }
        let Some(k) = se.index_of(t) else { continue };
        let value = match se.value(k) {
            Some(v) => se.format_value(v, decimals_of(se), chart.locale),
            None => "no data".to_string(),
        };
        rows.push(TooltipRow {
            name: se.name.clone(),
            value,
            change: change_text(chart, se, k),
            color: layout.colors.get(i).map(|c| c.hex()).unwrap_or_default(),
            current: i == cursor.series,
        });
    }
    let half_width = s.kind.half_width(layout.bar_width);
    let avoid = layout.label_boxes.iter().map(|r| [r.x, r.y, r.w, r.h]).collect();
    Some(Tooltip { title: format_date(t, s.granularity, chart.locale), rows, x: px, y: scale.to_px(v), half_width, avoid })
}

/// What a screen reader hears for a point: "Trade, 2022: $190.3bn, up 29% on 2021".
pub fn announcement(chart: &Chart, cursor: Cursor) -> String {
    let Some(s) = chart.series.get(cursor.series) else { return String::new() };
    let (Some(t), Some(v)) = (s.x.get(cursor.index), s.y.get(cursor.index)) else { return String::new() };
    let date = format_date(*t, s.granularity, chart.locale);
    let value = match crate::model::gap(*v) {
        Some(v) => s.format_value(v, decimals_of(s), chart.locale),
        None => "no data".into(),
    };
    let change = match s.yoy_percent(cursor.index) {
        Some(p) => {
            let word = if p >= 0.0 { "up" } else { "down" };
            let amount = format_change(p.abs(), if p.abs() < 10.0 { 1 } else { 0 }, chart.locale);
            format!(", {word} {} on {}", amount.trim_start_matches('+'), previous_period_label(s, cursor.index, chart.locale))
        }
        None => String::new(),
    };
    format!("{}, {date}: {value}{change}", s.name)
}

fn kind_word(chart: &Chart) -> &'static str {
    let bars = chart.series.iter().filter(|s| s.kind == SeriesKind::Bar).count();
    match (bars, chart.series.len()) {
        (0, _) if chart.series.iter().all(|s| s.kind == SeriesKind::Area) => "Area chart",
        (0, _) => "Line chart",
        (b, n) if b == n => "Bar chart",
        _ => "Chart",
    }
}

/// A generated description of what the chart shows: range, first and last values,
/// maximum and overall change, per series.
pub fn describe(chart: &Chart) -> String {
    let mut out = String::new();
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    let (from, to) = chart.x_extent().unwrap_or((0.0, 0.0));
    let g = chart.finest_granularity();
    out.push_str(&format!(
        "{} of {} from {} to {}.",
        kind_word(chart),
        join_names(&names),
        format_date(from, g, chart.locale),
        format_date(to, g, chart.locale)
    ));
    for s in &chart.series {
        let d = decimals_of(s);
        let fmt = |v: f64| s.format_value(v, d, chart.locale);
        let first = s.y.iter().position(|v| !v.is_nan());
        let last = s.y.iter().rposition(|v| !v.is_nan());
        let (Some(fi), Some(li)) = (first, last) else {
            out.push_str(&format!(" {} has no values.", s.name));
            continue;
        };
        let (Some(fv), Some(lv), Some(fx), Some(lx)) = (s.y.get(fi), s.y.get(li), s.x.get(fi), s.x.get(li)) else { continue };
        let date = |t: f64| format_date(t, s.granularity, chart.locale);
        if fi == li {
            out.push_str(&format!(" {}: {} in {}.", s.name, fmt(*fv), date(*fx)));
            continue;
        }
        out.push_str(&format!(" {} went from {} in {} to {} in {}", s.name, fmt(*fv), date(*fx), fmt(*lv), date(*lx)));
        if *fv != 0.0 {
            let change = (lv - fv) / fv.abs() * 100.0;
            out.push_str(&format!(" ({})", format_change(change, 0, chart.locale)));
        }
        out.push('.');
        // The first highest value, from the series' one-pass summary.
        let max = s.summary().max_at.and_then(|i| s.value(i).map(|v| (i, v)));
        if let Some((mi, mv)) = max {
            if let Some(mx) = s.x.get(mi) {
                out.push_str(&format!(" Highest: {} in {}.", fmt(mv), date(*mx)));
            }
        }
    }
    out
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A table of all visible series: a header row, then one row per date.
#[derive(Clone, Debug, PartialEq)]
pub struct DataTable {
    /// Column headers ("Date", "Trade ($bn)", "Trade, change on a year earlier").
    pub headers: Vec<String>,
    /// Rows of formatted cells.
    pub rows: Vec<Vec<String>>,
}

/// Most rows in the accessible table; longer series are summarised by the description.
pub const TABLE_ROW_LIMIT: usize = 2000;

/// The data table of the visible series, generated from the same data as the chart.
pub fn data_table(chart: &Chart, visible: &[bool]) -> DataTable {
    let shown: Vec<&Series> = chart.series.iter().enumerate().filter(|(i, _)| crate::model::is_shown(visible, *i)).map(|(_, s)| s).collect();
    let mut headers = vec!["Date".to_string()];
    for s in &shown {
        let unit = s.unit.label();
        headers.push(if unit.is_empty() { s.name.clone() } else { format!("{} ({unit})", s.name) });
        headers.push(format!("{}: change on a year earlier", s.name));
    }
    // Each series is sorted, so the table's first rows come from each one's first rows.
    let dates = crate::model::union_dates(&shown, TABLE_ROW_LIMIT);
    let rows = dates
        .iter()
        .take(TABLE_ROW_LIMIT)
        .map(|(t, g)| {
            let mut row = vec![format_date(*t, *g, chart.locale)];
            for s in &shown {
                match s.index_of(*t) {
                    Some(k) => {
                        // Each value as the data gives it (69.52, 240.1), not rounded for display,
                        // in the unit's terms (data in thousands is written in units).
                        let exact = |v: f64| {
                            let v = s.in_units(v);
                            format_value(v, format::decimals_for_values(&[v], 6), &s.unit, chart.locale)
                        };
                        row.push(s.value(k).map_or_else(|| "no data".into(), exact));
                        row.push(s.yoy_percent(k).map_or_else(String::new, |p| format_change(p, 1, chart.locale)));
                    }
                    None => {
                        row.push(String::new());
                        row.push(String::new());
                    }
                }
            }
            row
        })
        .collect();
    DataTable { headers, rows }
}

json_object!(TooltipRow { name, value, change, color, current });

json_object!(Tooltip { title, rows, x, y, half_width, avoid });

json_object!(DataTable { headers, rows });

#[cfg(test)]
mod tests {
    use super::*;

    const TRADE: &str = r#"{"title": "Trade", "kind": "bar", "locale": "en-GB", "series": [{"name": "Trade", "unit": {"prefix": "$", "suffix": "bn"},
        "data": [["2016", 69.52], ["2017", 84.07], ["2018", 107.06], ["2019", 110.75], ["2020", 107.76], ["2021", 146.89], ["2022", 190.27], ["2023", 240.1]]}]}"#;

    #[test]
    fn description_and_table() {
        let chart = crate::ingest::spec::parse_spec(TRADE).unwrap();
        let d = describe(&chart);
        assert_eq!(
            d,
            "Bar chart of Trade from 2016 to 2023. Trade went from $69.5bn in 2016 to $240.1bn in 2023 (+245%). Highest: $240.1bn in 2023."
        );
        let t = data_table(&chart, &[true]);
        assert_eq!(t.headers, vec!["Date", "Trade ($bn)", "Trade: change on a year earlier"]);
        assert_eq!(t.rows[7], vec!["2023", "$240.1bn", "+26.2%"]);
    }

    #[test]
    fn the_table_writes_scaled_data_in_the_units_the_chart_shows() {
        let spec = r#"{"series": [{"name": "Trade", "unit": {"prefix": "$", "scale": 1000},
            "data": [["2022", 190271000], ["2023", 240110000.5]]}]}"#;
        let chart = crate::ingest::spec::parse_spec(spec).unwrap();
        let t = data_table(&chart, &[true]);
        assert_eq!(t.rows[0][1], "$190,271,000,000");
        assert_eq!(t.rows[1][1], "$240,110,000,500");
        assert!(describe(&chart).contains("$240.1B"), "{}", describe(&chart));
    }

    #[test]
    fn the_tooltip_knows_the_annotation_labels_it_must_not_cover() {
        use crate::layout::{layout, LayoutOptions};
        use crate::theme::Theme;
        let spec = TRADE.replace(r#"]]}]}"#, r#"]]}], "annotations": [{"type": "point", "series": "Trade", "x": "2023", "label": "Record: $240.1bn"}]}"#);
        let chart = crate::ingest::spec::parse_spec(&spec).unwrap();
        let opts = LayoutOptions { width: 640.0, height: Some(480.0), theme: Theme::light(), x_range: None, visible: vec![true] };
        let laid = layout(&chart, &opts, &crate::text::ApproxMeasure);
        let tip = tooltip(&chart, &laid, Cursor { series: 0, index: 7 }).unwrap();
        assert_eq!(tip.avoid.len(), 1, "{:?}", tip.avoid);
        let [x, y, w, h] = tip.avoid[0];
        // The label sits above and left of its point, and is as wide as its text.
        assert!(x < tip.x && y < tip.y && w > 60.0 && h > 8.0, "{:?} for the point at ({}, {})", tip.avoid, tip.x, tip.y);
        // Without annotations there is nothing to avoid.
        let plain = crate::ingest::spec::parse_spec(TRADE).unwrap();
        let laid = layout(&plain, &opts, &crate::text::ApproxMeasure);
        assert!(tooltip(&plain, &laid, Cursor { series: 0, index: 7 }).unwrap().avoid.is_empty());
    }
    #[test]
    fn the_harness_reads_the_tooltip_and_table_as_json_with_these_keys() {
        use crate::to_json::ToJson;
        use crate::layout::{layout, LayoutOptions};
        let chart = crate::ingest::spec::parse_spec(TRADE).unwrap();
        let opts = LayoutOptions { width: 640.0, height: Some(480.0), theme: crate::theme::Theme::light(), x_range: None, visible: vec![true] };
        let laid = layout(&chart, &opts, &crate::text::ApproxMeasure);
        let tip = tooltip(&chart, &laid, Cursor { series: 0, index: 7 }).unwrap();
        let json: serde_json::Value = serde_json::from_str(&tip.to_json()).unwrap();
        // serde_json lists keys sorted.
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["avoid", "half_width", "rows", "title", "x", "y"]);
        assert_eq!(json["title"], "2023");
        assert_eq!(json["rows"][0]["value"], "$240.1bn");
        assert_eq!(json["rows"][0]["current"], true);
        assert_eq!(json["x"].as_f64(), Some(tip.x));
        let rows: Vec<&String> = json["rows"][0].as_object().unwrap().keys().collect();
        assert_eq!(rows, ["change", "color", "current", "name", "value"]);
        let table: serde_json::Value = serde_json::from_str(&data_table(&chart, &[true]).to_json()).unwrap();
        assert_eq!(table["rows"][7][1], "$240.1bn");
        assert_eq!(table["headers"][0], "Date");
    }
}
