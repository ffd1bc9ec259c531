//! CSV input: `csv_input::series_from_csv`, the spec's `csv` field and `parse_csv_chart`.
#![cfg(not(target_arch = "wasm32"))] // native tests; wasm-pack builds every test target

use trade_chart::{series_from_csv, CsvOptions};
use trade_chart::{ms_from_civil, Granularity};
use trade_chart::Unit;
use trade_chart::{Series, SeriesKind};
use trade_chart::{parse_csv_chart, parse_spec};
use trade_chart::Rgb;
use trade_chart::ChartError;

const DETECT: CsvOptions = CsvOptions { decimal_comma: None };

fn read(text: &str) -> Vec<Series> {
    match series_from_csv(text, &DETECT) {
        Ok(series) => series,
        Err(e) => panic!("{text:?} did not read: {e}"),
    }
}

/// The message of the error reading `text`, as the reader sees it.
fn error(text: &str) -> String {
    error_with(text, &DETECT)
}

fn error_with(text: &str, options: &CsvOptions) -> String {
    match series_from_csv(text, options) {
        Ok(series) => panic!("{text:?} read as {series:?}"),
        Err(e) => e.to_string(),
    }
}

fn spec_error(spec: &str) -> String {
    match parse_spec(spec) {
        Ok(_) => panic!("{spec} was accepted"),
        Err(e) => e.to_string(),
    }
}

fn years(from: i64, to: i64) -> Vec<f64> {
    (from..=to).map(|y| ms_from_civil(y, 1, 1)).collect()
}

fn unit(prefix: &str, suffix: &str) -> Unit {
    Unit::new(prefix, suffix)
}

fn values(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().copied().map(Some).collect()
}

const DEMO_CSV: &str = "year,Trade (US$ bn),Crude imports (Mt)
2016,69.52,52.48
2017,84.07,59.7
2018,107.06,71.49
2019,110.75,77.64
2020,107.76,83.57
2021,146.89,79.64
2022,190.27,86.25
2023,240.1,107.02
";

#[test]
fn demo_csv_matches_the_json_spec() {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/trade-vs-crude-panels.json")).unwrap();
    let from_json = parse_spec(&json).unwrap();
    let from_csv = read(DEMO_CSV);
    assert_eq!(from_csv.len(), from_json.series.len());
    for (c, j) in from_csv.iter().zip(&from_json.series) {
        assert_eq!(c.name, j.name);
        assert_eq!(c.unit, j.unit);
        assert_eq!(c.granularity, j.granularity);
        assert_eq!(c.x, j.x);
        assert_eq!(c.y_options(), j.y_options());
        assert_eq!(c.kind, SeriesKind::Line);
    }
    // The whole chart through the spec's csv field, with the JSON's metadata.
    let spec = serde_json::json!({
        "title": "Trade and oil both climbed after 2021",
        "locale": "en-GB",
        "csv": DEMO_CSV,
    });
    let chart = parse_spec(&spec.to_string()).unwrap();
    assert_eq!(chart.series.len(), 2);
    for (c, j) in chart.series.iter().zip(&from_json.series) {
        assert_eq!((&c.name, &c.unit, &c.x, &c.y_options(), c.kind), (&j.name, &j.unit, &j.x, &j.y_options(), j.kind));
    }
    assert_eq!(chart.title, "Trade and oil both climbed after 2021");
}

#[test]
fn bare_csv_chart_has_defaults() {
    let chart = parse_csv_chart(DEMO_CSV).unwrap();
    assert_eq!(chart.title, "");
    assert_eq!(chart.series.len(), 2);
    assert_eq!(chart.series[0].y_options()[7], Some(240.1));
    assert!(chart.annotations.is_empty());
    assert_eq!(
        parse_csv_chart("year,Trade\n2023,abc\n").unwrap_err().to_string(),
        "CSV line 2: column \"Trade\": \"abc\" is not a number"
    );
}

#[test]
fn header_units_follow_the_documented_rule() {
    let s = read("date,Trade (US$ bn),Exports ($bn),Crude [Mt],Share (%),Plain,Flows (€ m),Ships (vessels)\n2023,1,2,3,4,5,6,7\n");
    let units: Vec<&Unit> = s.iter().map(|s| &s.unit).collect();
    assert_eq!(
        units,
        [&unit("$", "bn"), &unit("$", "bn"), &unit("", " Mt"), &unit("", "%"), &unit("", ""), &unit("€", "m"), &unit("", " vessels")]
    );
    let names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Trade", "Exports", "Crude", "Share", "Plain", "Flows", "Ships"]);
}

#[test]
fn bom_crlf_and_trailing_empty_lines() {
    let s = read("\u{feff}year,Trade\r\n2022,190.27\r\n2023,240.1\r\n\r\n\r\n");
    assert_eq!(s[0].name, "Trade");
    assert_eq!(s[0].x, years(2022, 2023));
    assert_eq!(s[0].y_options(), values(&[190.27, 240.1]));
    // Line numbers count physical lines with CRLF too.
    assert_eq!(error("\u{feff}year,Trade\r\n2022,1\r\n\r\n2023,x\r\n"), "CSV line 4: column \"Trade\": \"x\" is not a number");
    // Blank lines, quoted cells over two lines and old Mac CR line ends all count.
    assert_eq!(error("\n\nyear,A\n\n2022,x\n"), "CSV line 5: column \"A\": \"x\" is not a number");
    assert_eq!(error("year,\"A\ntotal\"\r\n\r\n2022,1\r\n2023,x"), "CSV line 5: column \"A\\ntotal\": \"x\" is not a number");
    assert_eq!(error("year,A\r2022,1\r2023,x\r"), "CSV line 3: column \"A\": \"x\" is not a number");
    // Rows of empty cells (a spreadsheet's trailing ",,") are skipped.
    let s = read("year,A,B\n2022,1,2\n,,\n  ,  ,\n");
    assert_eq!(s[0].x.len(), 1);
}

#[test]
fn quoted_fields_with_commas_and_quotes() {
    let s = read("\"year\",\"Trade, total (US$ bn)\",\"The \"\"other\"\" one\"\n\"2022\",\"1,234.5\",\"7\"\n2023,\"2,000\",8\n");
    assert_eq!(s[0].name, "Trade, total");
    assert_eq!(s[0].unit, unit("$", "bn"));
    assert_eq!(s[1].name, "The \"other\" one");
    assert_eq!(s[0].y_options(), values(&[1234.5, 2000.0]));
    assert_eq!(s[1].y_options(), values(&[7.0, 8.0]));
}

#[test]
fn semicolons_with_decimal_comma_are_detected() {
    let s = read("Jahr;Handel (US$ bn);Rohöl (Mt)\n2022;190,27;86,25\n2023;1.240,1;107\n");
    assert_eq!(s[0].y_options(), values(&[190.27, 1240.1]));
    assert_eq!(s[1].y_options(), values(&[86.25, 107.0]));
    // A lone "1,234" in a ;-file with decimal commas is 1.234.
    assert_eq!(read("year;A\n2022;1,234\n")[0].y_options(), values(&[1.234]));
    // Without any decimal-comma cell, a ;-file reads with a decimal point and comma groups.
    let s = read("year;A;B\n2022;1,234.5;2.5\n2023;12,345,678;3\n");
    assert_eq!(s[0].y_options(), values(&[1234.5, 12_345_678.0]));
    assert_eq!(s[1].y_options(), values(&[2.5, 3.0]));
    // Mixing both styles is an error naming the convention used.
    assert_eq!(
        error("year;A\n2022;240,1\n2023;1,234.5\n"),
        "CSV line 3: column \"A\": \"1,234.5\" is not a number (this file is read with a decimal comma, as in 1.234,5; set decimalComma to false for 1,234.5)"
    );
}

#[test]
fn decimal_comma_option_overrides_detection() {
    let comma = CsvOptions { decimal_comma: Some(true) };
    let point = CsvOptions { decimal_comma: Some(false) };
    assert_eq!(series_from_csv("year\tA\n2022\t240,1\n2023\t1.234,5\n", &comma).unwrap()[0].y_options(), values(&[240.1, 1234.5]));
    assert_eq!(series_from_csv("year;A\n2022;1,234\n", &point).unwrap()[0].y_options(), values(&[1234.0]));
    assert_eq!(
        error_with("year;A\n2022;240,1\n", &point),
        "CSV line 2: column \"A\": \"240,1\" is not a number (this file is read with a decimal point, as in 1,234.5; set decimalComma to true for 1.234,5)"
    );
    // In a comma-delimited file the decimal comma must be asked for (and the cell quoted).
    assert_eq!(series_from_csv("year,A\n2022,\"240,1\"\n", &comma).unwrap()[0].y_options(), values(&[240.1]));
    let spec = serde_json::json!({"csv": "year,A\n2022,\"240,1\"\n", "decimalComma": true});
    assert_eq!(parse_spec(&spec.to_string()).unwrap().series[0].y_options(), values(&[240.1]));
}

#[test]
fn tab_separated_with_thousands_separators() {
    let s = read("date\tTrade, total\tCrude\n2023-01\t1,234.5\t1 234\n2023-02\t12,345\t-7.5\n");
    assert_eq!(s[0].name, "Trade, total");
    assert_eq!(s[0].granularity, Granularity::Month);
    assert_eq!(s[0].x, vec![ms_from_civil(2023, 1, 1), ms_from_civil(2023, 2, 1)]);
    assert_eq!(s[0].y_options(), values(&[1234.5, 12345.0]));
    assert_eq!(s[1].y_options(), values(&[1234.0, -7.5]));
    assert_eq!(error("date\tA\n2023\t1,23\n"), "CSV line 2: column \"A\": \"1,23\" is not a number (this file is read with a decimal point, as in 1,234.5; set decimalComma to true for 1.234,5)");
}

#[test]
fn gaps() {
    let s = read("year,A\n2016,1\n2017,\n2018,\"\"\n2019,NA\n2020,n/a\n2021,-\n2022,–\n2023,null\n2024, N/A \n2025,2\n");
    assert_eq!(s[0].y.len(), 10);
    assert_eq!(s[0].y_options().first(), Some(&Some(1.0)));
    assert_eq!(s[0].y_options().last(), Some(&Some(2.0)));
    assert!(s[0].y_options()[1..9].iter().all(Option::is_none));
    // A column of gaps is a series with no values, not an error.
    assert!(read("year,A,B\n2016,1,\n")[1].y_options() == vec![None]);
}

#[test]
fn unsorted_rows_are_sorted_with_their_values() {
    let s = read("quarter,A,B\n2023-Q3,3,30\n2023-Q1,1,10\n2023-Q2,2,\n");
    assert_eq!(s[0].granularity, Granularity::Quarter);
    assert_eq!(s[0].x, vec![ms_from_civil(2023, 1, 1), ms_from_civil(2023, 4, 1), ms_from_civil(2023, 7, 1)]);
    assert_eq!(s[0].y_options(), values(&[1.0, 2.0, 3.0]));
    assert_eq!(s[1].y_options(), vec![Some(10.0), None, Some(30.0)]);
    assert_eq!(s[1].x, s[0].x);
}

#[test]
fn dates_of_every_form() {
    assert_eq!(read("d,A\n2024-05-16,1\n")[0].granularity, Granularity::Day);
    let s = read("time,A\n2024-05-16T09:30:00Z,1\n2024-05-16T11:30:00+01:00,2\n2024-05-16T11:00,3\n");
    assert_eq!(s[0].granularity, Granularity::Time);
    assert_eq!(
        error("time,A\n2024-05-16T09:30:00Z,1\n2024-05-16T10:30:00+01:00,2\n"),
        "series \"A\" point 1: x May 16, 2024, 9:30 AM repeats point 0; each date may appear once"
    );
}

#[test]
fn error_messages_name_line_and_column() {
    let cases: &[(&str, &str)] = &[
        ("", "CSV line 1: the CSV is empty; expected a header row, then one row per date"),
        ("\n\n", "CSV line 1: the CSV is empty; expected a header row, then one row per date"),
        ("year,Trade\n", "CSV line 1: the header is not followed by any data rows"),
        ("\nyear,Trade\n\n", "CSV line 2: the header is not followed by any data rows"),
        (
            "year\n2023\n",
            "CSV line 1: the header has a single column; expected a date column, then one column per series (separated by commas, semicolons or tabs)",
        ),
        (
            "Country Name,Country Code,2019,2020,Total\nChina,CHN,2.5,2.6,5.1\n",
            "CSV line 2: column \"Country Name\": \"China\" is not a date (expected a date such as 2023, 2023-Q2, 2023-06, Jun 2023, 2023-06-16, 16 Jun 2023 or an ISO date-time; the header's \"2019\", \"2020\" … are dates: in a table with one row per series and the dates across its header, every column that is not a date holds text)",
        ),
        (
            "\"Data Source\",\"World Development Indicators\",\n\n\"Country Name\",\"Country Code\",\"2020\",\"2021\",\n\"China\",\"CHN\",\"2.6\",\"3.4\",\n",
            "CSV line 3: the row has 5 cells but the header has 3; each row needs a date and one cell per series (quote cells that contain the delimiter); if line 3 is the header, remove the lines above it",
        ),
        (
            "Table 1: Crude imports\n\nyear,Imports (Mt)\n2021,79.6\n",
            "CSV line 1: the header has a single column; expected a date column, then one column per series (separated by commas, semicolons or tabs); line 3 looks like the header: remove the title or notes above it",
        ),
        (
            "year,Trade,,Crude\n2023,1,2,3\n",
            "CSV line 1: column 3: the header \"\" has no series name; each series column needs one",
        ),
        (
            "year,Trade,(Mt)\n2023,1,2\n",
            "CSV line 1: column 3: the header \"(Mt)\" has no series name; each series column needs one",
        ),
        (
            "year,Trade,Crude,Trade (US$ bn)\n2023,1,2,3\n",
            "CSV line 1: column 4: the series name \"Trade\" is already used by column 2; each series needs its own name",
        ),
        (
            "year,Trade,Crude imports\n2016,1,2\n2017,1,2\n2018,1,2\n2019,1,2\n2020,1,2\n2021,1,2\n2022,1,abc\n",
            "CSV line 8: column \"Crude imports\": \"abc\" is not a number",
        ),
        (
            "year,Trade,Crude\n2022,1,2\n2023,1\n",
            "CSV line 3: the row has 2 cells but the header has 3; each row needs a date and one cell per series (quote cells that contain the delimiter)",
        ),
        (
            "year,Trade\n2022,1,234.5\n",
            "CSV line 2: the row has 3 cells but the header has 2; each row needs a date and one cell per series (quote cells that contain the delimiter)",
        ),
        (
            "year,Trade\n2022\n",
            "CSV line 2: the row has 1 cell but the header has 2; each row needs a date and one cell per series (quote cells that contain the delimiter)",
        ),
        (
            "year,Trade\n2022,1\nMay 2023,2\n",
            "CSV line 3: column \"year\": \"May 2023\" is a monthly date, but line 2 has an annual date (\"2022\"); one column cannot mix date forms",
        ),
        (
            "year,Trade\n2022,1\nsoon,2\n",
            "CSV line 3: column \"year\": \"soon\" is not a date (expected a date such as 2023, 2023-Q2, 2023-06, Jun 2023, 2023-06-16, 16 Jun 2023 or an ISO date-time; the first column must hold the dates, or set xColumn)",
        ),
        (
            ",Trade\n2023-13,2\n",
            "CSV line 2: column 1: \"2023-13\" is not a date (the month is out of range)",
        ),
        (
            "year,Trade\n2022,1\n,2\n",
            "CSV line 3: column \"year\": the date is empty; every row with values needs a date",
        ),
        (
            "date,Trade\n2022,1\n2023,2\n2023-06,3\n",
            "CSV line 4: column \"date\": \"2023-06\" is a monthly date, but line 2 has an annual date (\"2022\"); one column cannot mix date forms",
        ),
        (
            "year,Trade\n2022,1\n2023,\"2\n2024,3\n",
            "CSV line 3: column \"Trade\": a quoted cell starting here runs over several lines; is a closing quote (\") missing?",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(&error(text), message, "for {text:?}");
    }
    // The error is ChartError::Csv with the line, coded invalid-csv.
    let e = series_from_csv("year,A\n2022,x\n", &DETECT).unwrap_err();
    assert_eq!(e, ChartError::Csv { line: 2, message: "column \"A\": \"x\" is not a number".into() });
    assert_eq!(e.code(), "invalid-csv");
}

#[test]
fn duplicate_dates_are_duplicate_x() {
    let e = series_from_csv("year,Trade,Crude\n2021,1,2\n2023,1,2\n2022,1,2\n2023,5,6\n", &DETECT).unwrap_err();
    assert_eq!(e, ChartError::DuplicateX { series: "Trade".into(), x: "2023".into(), first: 1, second: 3 });
    assert_eq!(e.to_string(), "series \"Trade\" point 3: x 2023 repeats point 1; each date may appear once");
}

#[test]
fn limits_are_the_spec_limits() {
    let header = format!("year,{}\n", (0..1001).map(|i| format!("S{i}")).collect::<Vec<_>>().join(","));
    let e = series_from_csv(&header, &DETECT).unwrap_err();
    assert_eq!(e.code(), "limit");
    assert_eq!(e.to_string(), "CSV line 1: 1001 series columns is more than the limit of 1000");
    // 1000 columns × 10 001 rows is over the 10 million points limit.
    let mut text = format!("day,{}\n", (0..1000).map(|i| format!("S{i}")).collect::<Vec<_>>().join(","));
    let row = ",".repeat(1000); // gaps: cheap to read, and they count as points
    for d in 0..10_001i64 {
        let (y, m, dd) = trade_chart::civil_from_days(d);
        text.push_str(&format!("{y:04}-{m:02}-{dd:02}{row}\n"));
    }
    let e = series_from_csv(&text, &DETECT).unwrap_err();
    assert_eq!(e.to_string(), "CSV line 10002: the chart would hold more than 10000000 points; aggregate the data first");
}

#[test]
fn spec_with_csv_and_series_metadata() {
    let spec = serde_json::json!({
        "kind": "combo",
        "csv": DEMO_CSV,
        "series": [
            {"name": "Crude imports", "unit": "million tonnes", "color": "#d55e00", "decimals": 1, "kind": "area"},
            {"name": "Trade", "granularity": "annual"}
        ]
    });
    let chart = parse_spec(&spec.to_string()).unwrap();
    // Series keep the CSV's column order; entries only add metadata.
    let trade = &chart.series[0];
    let crude = &chart.series[1];
    assert_eq!(trade.name, "Trade");
    assert_eq!(trade.unit, unit("$", "bn"));
    assert_eq!(trade.kind, SeriesKind::Bar); // combo: the first series is bars
    assert_eq!(trade.granularity, Granularity::Year);
    assert_eq!(crude.unit, unit("", " million tonnes"));
    assert_eq!(crude.kind, SeriesKind::Area);
    assert_eq!(crude.color, Rgb::parse_hex("#d55e00"));
    assert_eq!(crude.decimals, Some(1));
    assert_eq!(crude.y_options().last(), Some(&Some(107.02)));

    // Annotations refer to CSV series by name.
    let spec = serde_json::json!({
        "csv": DEMO_CSV, "kind": "bar",
        "annotations": [{"type": "point", "series": "Trade", "x": "2023", "label": "Record"}]
    });
    let chart = parse_spec(&spec.to_string()).unwrap();
    assert!(chart.series.iter().all(|s| s.kind == SeriesKind::Bar));
    assert_eq!(chart.annotations.len(), 1);
}

#[test]
fn spec_csv_errors() {
    let with = |series: serde_json::Value| serde_json::json!({"csv": DEMO_CSV, "series": series}).to_string();
    assert_eq!(
        spec_error(&with(serde_json::json!([{"name": "Trade", "data": [["2023", 1]]}]))),
        "series \"Trade\": data is an array of 1, expected nothing: with \"csv\" the values come from the CSV column of the same name"
    );
    assert_eq!(
        spec_error(&with(serde_json::json!([{"name": "Trade", "y": [1]}]))),
        "series \"Trade\": y is an array of 1, expected nothing: with \"csv\" the values come from the CSV column of the same name"
    );
    assert_eq!(
        spec_error(&with(serde_json::json!([{"name": "Oil"}]))),
        "series 0: name is \"Oil\", expected the name of a CSV column (\"Trade\", \"Crude imports\")"
    );
    assert_eq!(spec_error(&with(serde_json::json!([{"unit": "Mt"}]))), "series 0: the field \"name\" is required");
    assert_eq!(
        spec_error(&with(serde_json::json!([{"name": "Trade"}, {"name": "Trade"}]))),
        "series 1: name is \"Trade\", expected a name not used by another series"
    );
    assert_eq!(
        spec_error(&with(serde_json::json!([{"name": "Trade", "colour": "#fff"}]))),
        "series \"Trade\": unknown field \"colour\" (known fields: name, field, unit, kind, color, granularity, decimals)"
    );
    assert_eq!(
        spec_error(&with(serde_json::json!([{"name": "Trade", "kind": "pie"}]))),
        "series \"Trade\": kind is \"pie\", expected \"line\", \"area\" or \"bar\""
    );
    assert_eq!(spec_error(&with(serde_json::json!({"name": "Trade"}))), "spec: series is an object, expected an array of series");
    assert_eq!(spec_error(r#"{"csv": 5}"#), "spec: csv is 5, expected the CSV text as a string");
    assert_eq!(spec_error(r#"{"csv": "year,A\n2023,1\n", "decimalComma": "yes"}"#), "spec: decimalComma is \"yes\", expected true or false");
    assert_eq!(
        spec_error(r#"{"decimalComma": true, "series": [{"name": "A", "data": [["2023", 1]]}]}"#),
        "spec: decimalComma is true, expected it only in a spec with \"csv\""
    );
    assert_eq!(spec_error(r#"{"csv": "year,A\n2023,x\n"}"#), "CSV line 2: column \"A\": \"x\" is not a number");
    assert_eq!(
        spec_error(r#"{"csv": "year,A\n2023,-5\n", "scale": "log"}"#),
        "series \"A\" point 0: y is -5, but a log scale can only show values above zero; use \"scale\": \"linear\""
    );
    // Log-scale errors name the data row in file order, as duplicate dates do.
    assert_eq!(
        spec_error(r#"{"csv": "year,A\n2023,4\n2021,0\n2022,-1\n", "scale": "log"}"#),
        "series \"A\" point 1: y is 0, but a log scale can only show values above zero; use \"scale\": \"linear\""
    );
    // Without csv, series stays required, with the same message as before.
    assert_eq!(spec_error(r#"{"title": "x"}"#), "spec: the field \"series\" is required");
    let e = spec_error(r#"{"sries": []}"#);
    assert!(e.contains("known fields: title, subtitle, source, notes, byline, kind, view, locale, theme, scale, connectGaps, indexBase, height, series, annotations, csv, decimalComma"), "{e}");
}

#[test]
fn five_megabytes_parse_in_linear_time() {
    // About 5 MB of daily rows in three columns, quoted and with gaps.
    let mut text = String::from("date,Trade (US$ bn),Crude imports (Mt),\"Share, total (%)\"\n");
    let start = trade_chart::days_from_civil(1900, 1, 1);
    let mut rows = 0usize;
    while text.len() < 5_000_000 {
        let (y, m, d) = trade_chart::civil_from_days(start + rows as i64);
        let gap = if rows % 97 == 0 { "NA".to_string() } else { format!("{}.{}", rows % 1000, rows % 10) };
        text.push_str(&format!("{y:04}-{m:02}-{d:02},{gap},\"{},{:03}.5\",{}\r\n", rows / 1000 + 1, rows % 1000, rows % 100));
        rows += 1;
    }
    let started = std::time::Instant::now();
    let s = read(&text);
    let elapsed = started.elapsed();
    assert_eq!(s.len(), 3);
    assert_eq!(s[0].x.len(), rows);
    assert_eq!(s[0].granularity, Granularity::Day);
    assert_eq!(s[0].y_options()[0], None);
    assert_eq!(s[0].y_options()[5], Some(5.5));
    assert_eq!(s[1].y_options()[1234], Some(2234.5));
    assert!(s[0].x.windows(2).all(|w| w[0] < w[1]));
    // Generous even for a debug build on a slow machine; quadratic reading would take minutes.
    assert!(elapsed.as_secs() < 20, "reading {} bytes took {elapsed:?}", text.len());
}

#[test]
fn an_empty_last_column_from_trailing_delimiters_is_dropped() {
    let s = read("year,A,\n2021,1,\n2022,2,\n");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].value(1), Some(2.0));
    // With a value in it, the column still needs a name.
    assert_eq!(error("year,A,\n2021,1,\n2022,2,5\n"), "CSV line 1: column 3: the header \"\" has no series name; each series column needs one");
}

#[test]
fn percentages_read_as_numbers_of_percent_with_the_unit() {
    let s = read("year,Share,Growth (%),Mixed\n2021,12.5%,1.5 %,3%\n2022,14 %,-2%,4\n2023,,NA,5%\n");
    assert_eq!(values(&[12.5, 14.0]), s[0].y.iter().take(2).map(|v| Some(*v)).collect::<Vec<_>>());
    assert_eq!(s[0].value(2), None);
    assert_eq!(s[0].unit, unit("", "%"));
    // A header's unit decides; a column that mixes "3%" and "4" is numbers without one.
    assert_eq!((s[1].unit.clone(), s[1].value(1)), (unit("", "%"), Some(-2.0)));
    assert_eq!((s[2].unit.clone(), s[2].value(1)), (Unit::default(), Some(4.0)));
    // Records the same; "%" alone or "12%%" is not a number.
    let c = parse_spec(r#"{"data": [{"year": "2021", "share": "12.5%"}, {"year": "2022", "share": "14 %"}]}"#).unwrap();
    assert_eq!((c.series[0].unit.clone(), c.series[0].value(1)), (unit("", "%"), Some(14.0)));
    assert_eq!(error("year,A\n2021,1\n2022,12%%\n"), "CSV line 3: column \"A\": \"12%%\" is not a number");
}
