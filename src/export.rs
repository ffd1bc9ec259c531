//! The chart's data as CSV, for the "download data" button: a date column as the spec
//! writes dates, one column per series, cells made safe for spreadsheets.
//!
//! Owns the CSV it writes (not the CSV it reads: that is `ingest::csv_input`). May use:
//! `model`, `axis::date`.

use crate::axis::date::Granularity;
use crate::model::Chart;

/// Escapes a CSV cell: quotes when needed, and defuses spreadsheet formulas (cells that
/// start with = + - @ or a tab/CR get a leading apostrophe).
pub fn csv_cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// The chart's data as CSV: a date column, then one column per series with its unit in
/// the header. Values are written in full precision with a '.' decimal point, in the
/// unit's terms (times its `scale`), so that the header's unit is right for them.
pub fn to_csv(chart: &Chart) -> String {
    let mut out = String::from("date");
    for s in &chart.series {
        let unit = s.unit.label();
        let header = if unit.is_empty() { s.name.clone() } else { format!("{} ({unit})", s.name) };
        out.push(',');
        out.push_str(&csv_cell(&header));
    }
    out.push('\n');
    let all: Vec<&crate::model::Series> = chart.series.iter().collect();
    for (t, g) in crate::model::union_dates(&all, usize::MAX) {
        out.push_str(&iso_date(t, g));
        for s in &chart.series {
            out.push(',');
            if let Some(v) = s.index_of(t).and_then(|k| s.value(k)) {
                out.push_str(&s.in_units(v).to_string());
            }
        }
        out.push('\n');
    }
    out
}

/// A date as the spec would write it for its granularity ("2023", "2023-06", "2023-06-16").
pub fn iso_date(t: f64, g: Granularity) -> String {
    let c = crate::axis::date::Civil::from_ms(t);
    match g {
        Granularity::Year => format!("{:04}", c.year),
        Granularity::Quarter => format!("{:04}-Q{}", c.year, c.quarter()),
        Granularity::Month => format!("{:04}-{:02}", c.year, c.month),
        Granularity::Day => format!("{:04}-{:02}-{:02}", c.year, c.month, c.day),
        Granularity::Time => format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, c.hour, c.minute, c.second),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_full_precision_with_defused_cells() {
        let chart = crate::ingest::spec::parse_spec(r#"{"series": [{"name": "Trade", "unit": {"prefix": "$", "suffix": "bn"},
            "data": [["2016", 69.52], ["2017", 84.07], ["2023", 240.1]]}]}"#)
        .unwrap();
        let csv = to_csv(&chart);
        assert!(csv.starts_with("date,Trade ($bn)\n2016,69.52\n"), "{csv}");
        assert!(csv.ends_with("2023,240.1\n"));
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-5"), "'-5");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn csv_of_scaled_data_is_in_the_headers_unit() {
        let chart = crate::ingest::spec::parse_spec(r#"{"series": [{"name": "Trade", "unit": {"prefix": "$", "scale": 1000},
            "data": [["2022", 190271000], ["2023", 240110000.5]]}]}"#)
        .unwrap();
        assert_eq!(to_csv(&chart), "date,Trade ($)\n2022,190271000000\n2023,240110000500\n");
    }
}
