//! Data in the shapes people have: long ("tidy") tables, wide tables with text columns,
//! everyday dates, `columns`, and JSON records (`data: [{…}]`), each with its exact
//! error messages. Fixtures in `tests/fixtures/` are made up for these tests.
#![cfg(not(target_arch = "wasm32"))] // native tests; wasm-pack builds every test target

use trade_chart::{ms_from_civil, Granularity};
use trade_chart::Unit;
use trade_chart::Chart;
use trade_chart::parse_spec;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn chart(spec: serde_json::Value) -> Chart {
    match parse_spec(&spec.to_string()) {
        Ok(c) => c,
        Err(e) => panic!("{spec} was refused: {e}"),
    }
}

/// A spec from JSON text (keeps the key order of records, as JavaScript objects do).
fn chart_text(spec: &str) -> Chart {
    match parse_spec(spec) {
        Ok(c) => c,
        Err(e) => panic!("{spec} was refused: {e}"),
    }
}

fn refused_text(spec: &str) -> String {
    match parse_spec(spec) {
        Ok(_) => panic!("{spec} was accepted"),
        Err(e) => e.to_string(),
    }
}

fn csv_chart(text: &str) -> Chart {
    chart(serde_json::json!({ "csv": text }))
}

/// The code and message of the error for `spec`.
fn refused(spec: serde_json::Value) -> (String, String) {
    match parse_spec(&spec.to_string()) {
        Ok(c) => panic!("{spec} was accepted with series {:?}", c.series.iter().map(|s| &s.name).collect::<Vec<_>>()),
        Err(e) => (e.code().to_string(), e.to_string()),
    }
}

fn csv_error(text: &str) -> String {
    let (code, message) = refused(serde_json::json!({ "csv": text }));
    assert_eq!(code, "invalid-csv", "{message}");
    message
}

fn names(c: &Chart) -> Vec<&str> {
    c.series.iter().map(|s| s.name.as_str()).collect()
}

fn detected(c: &Chart) -> Vec<(&str, &str)> {
    c.detected.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

// ---------------------------------------------------------------- everyday dates

#[test]
fn everyday_date_forms_in_a_csv_column() {
    let cases: &[(&str, Granularity, (i64, u32, u32))] = &[
        ("Jan 2000", Granularity::Month, (2000, 1, 1)),
        ("January 2000", Granularity::Month, (2000, 1, 1)),
        ("Jan 1 2000", Granularity::Day, (2000, 1, 1)),
        ("\"Jan 1, 2000\"", Granularity::Day, (2000, 1, 1)),
        ("1 Jan 2000", Granularity::Day, (2000, 1, 1)),
        ("2000-01-03 00:00:00", Granularity::Day, (2000, 1, 3)),
        ("2000/01/31", Granularity::Day, (2000, 1, 31)),
        ("31.01.2000", Granularity::Day, (2000, 1, 31)),
        ("01/31/2000", Granularity::Day, (2000, 1, 31)),
        ("31/01/2000", Granularity::Day, (2000, 1, 31)),
        ("2000 Q1", Granularity::Quarter, (2000, 1, 1)),
        ("Q1 2000", Granularity::Quarter, (2000, 1, 1)),
        ("2000Q1", Granularity::Quarter, (2000, 1, 1)),
        ("März 2000", Granularity::Month, (2000, 3, 1)),
        ("janv. 2000", Granularity::Month, (2000, 1, 1)),
        ("1 de enero de 2000", Granularity::Day, (2000, 1, 1)),
        ("2000年3月", Granularity::Month, (2000, 3, 1)),
    ];
    for (cell, granularity, (y, m, d)) in cases {
        let c = csv_chart(&format!("when,Price\n{cell},1\n"));
        let s = &c.series[0];
        assert_eq!((s.granularity, s.x[0]), (*granularity, ms_from_civil(*y, *m, *d)), "{cell}");
    }
    // Monthly labels read as before.
    let c = csv_chart("month,Trade\nJan 2023,1\nFeb 2023,2\n");
    assert_eq!(trade_chart::format_date(c.series[0].x[1], c.series[0].granularity, c.locale), "Feb 2023");
}

#[test]
fn day_and_month_order_is_decided_once_per_column() {
    // A first number above 12 makes the whole column day first …
    let c = csv_chart("date,A\n01/02/2000,1\n13/02/2000,2\n");
    assert_eq!(c.series[0].x, vec![ms_from_civil(2000, 2, 1), ms_from_civil(2000, 2, 13)]);
    assert_eq!(detected(&c), [("dateFormat", "day-first")]);
    // … a second one above 12 month first.
    let c = csv_chart("date,A\n01/02/2000,1\n01/13/2000,2\n");
    assert_eq!(c.series[0].x, vec![ms_from_civil(2000, 1, 2), ms_from_civil(2000, 1, 13)]);
    assert_eq!(detected(&c), [("dateFormat", "month-first")]);
    // Neither: dateFormat decides, else the spec's locale, else an error naming the cell.
    let text = "date,A\n01/02/2000,1\n03/04/2000,2\n";
    let c = chart(serde_json::json!({"csv": text, "dateFormat": "month-first"}));
    assert_eq!(c.series[0].x[0], ms_from_civil(2000, 1, 2));
    let c = chart(serde_json::json!({"csv": text, "locale": "en-GB"}));
    assert_eq!(c.series[0].x[0], ms_from_civil(2000, 2, 1));
    let c = chart(serde_json::json!({"csv": text, "locale": "en-US"}));
    assert_eq!(c.series[0].x[0], ms_from_civil(2000, 1, 2));
    assert_eq!(
        csv_error(text),
        "CSV line 2: column \"date\": \"01/02/2000\" is not a date (the day and the month could be either way round; set dateFormat to \"day-first\" or \"month-first\", or set locale)"
    );
    // Both ways in one column.
    assert_eq!(
        csv_error("date,A\n13/01/2000,1\n01/13/2000,2\n"),
        "CSV line 3: column \"date\": \"01/13/2000\" can only be read month first, but line 2 has \"13/01/2000\", which can only be read day first; one column needs one date order"
    );
    // dateFormat is checked.
    assert_eq!(
        refused(serde_json::json!({"csv": text, "dateFormat": "dd/mm"})).1,
        "spec: dateFormat is \"dd/mm\", expected \"day-first\", \"month-first\", \"epoch-seconds\" or \"epoch-milliseconds\""
    );
}

#[test]
fn a_column_keeps_one_date_form() {
    assert_eq!(
        csv_error("month,A\nJan 2000,1\n2000-02-03,2\n"),
        "CSV line 3: column \"month\": \"2000-02-03\" is a daily date, but line 2 has a monthly date (\"Jan 2000\"); one column cannot mix date forms"
    );
    assert_eq!(
        csv_error("month,A\nJan 2000,1\nFoo 2000,2\n"),
        "CSV line 3: column \"month\": \"Foo 2000\" is not a date (expected a date such as 2023, 2023-Q2, 2023-06, Jun 2023, 2023-06-16, 16 Jun 2023 or an ISO date-time; the first column must hold the dates, or set xColumn)"
    );
    // Midnight date-times are days, a real time of day is a date-time.
    assert_eq!(csv_chart("t,A\n2000-01-03 00:00:00,1\n2000-01-04 00:00:00,2\n").series[0].granularity, Granularity::Day);
    assert_eq!(csv_chart("t,A\n2000-01-03 00:00:00,1\n2000-01-03 12:00:00,2\n").series[0].granularity, Granularity::Time);
}

// ---------------------------------------------------------------- long tables

#[test]
fn long_table_of_several_categories_pivots_in_order_of_first_appearance() {
    let c = csv_chart(&fixture("long-ports.csv"));
    assert_eq!(names(&c), ["Harbourton", "Eastmouth", "Kelp Bay"]);
    for s in &c.series {
        assert_eq!(s.len(), 24);
        assert_eq!(s.granularity, Granularity::Month);
        assert_eq!(s.x[0], ms_from_civil(2022, 1, 1));
    }
    assert_eq!(c.series[0].y_options()[0], Some(410.0));
    assert_eq!(detected(&c), [("xColumn", "month"), ("seriesColumn", "port"), ("valueColumn", "teu_thousand")]);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);

    let c = csv_chart(&fixture("long-energy.csv"));
    assert_eq!(names(&c), ["Coal", "Gas", "Wind", "Solar"]);
    assert_eq!(c.series[3].y_options().last(), Some(&Some(10.9)));

    // The date column need not come first.
    let c = csv_chart(&fixture("long-entity.csv"));
    assert_eq!(names(&c), ["Northland", "Southland", "Westland"]);
    assert_eq!(c.series[0].granularity, Granularity::Year);
    assert_eq!(c.series[0].x.len(), 21);
    assert_eq!(detected(&c), [("xColumn", "year"), ("seriesColumn", "entity"), ("valueColumn", "deaths")]);

    let c = csv_chart("symbol,date,price\nAAA,2020-01-02,10\nBBB,2020-01-02,20\nAAA,2020-01-03,11\nBBB,2020-01-03,21\n");
    assert_eq!(names(&c), ["AAA", "BBB"]);
    assert_eq!(c.series[1].y_options(), vec![Some(20.0), Some(21.0)]);
}

#[test]
fn long_table_options_and_their_errors() {
    let text = "symbol,date,open,close\nAAA,2020-01-02,10,10.5\nBBB,2020-01-02,20,19\nAAA,2020-01-03,11,11.2\n";
    assert_eq!(
        csv_error(text),
        "CSV line 1: the date \"2020-01-02\" appears on line 2 and line 3 and column \"symbol\" holds text, so this looks like a long table (one row per series and date), but several columns hold numbers (\"open\", \"close\"); set valueColumn to the one to draw"
    );
    let c = chart(serde_json::json!({"csv": text, "valueColumn": "close"}));
    assert_eq!(names(&c), ["AAA", "BBB"]);
    assert_eq!(c.series[0].y_options(), vec![Some(10.5), Some(11.2)]);
    assert_eq!(detected(&c), [("xColumn", "date"), ("seriesColumn", "symbol")]);

    let two_text = "name,region,date,v\nA,North,2020,1\nB,South,2020,2\n";
    assert_eq!(
        csv_error(two_text),
        "CSV line 1: the date \"2020\" appears on line 2 and line 3, so this looks like a long table (one row per series and date), but several columns hold text (\"name\", \"region\"); set seriesColumn to the one that names the series"
    );
    let c = chart(serde_json::json!({"csv": two_text, "seriesColumn": "region", "xColumn": "date"}));
    assert_eq!(names(&c), ["North", "South"]);

    assert_eq!(
        refused(serde_json::json!({"csv": text, "seriesColumn": "ticker"})).1,
        "spec: seriesColumn is \"ticker\", expected the name of a column (\"symbol\", \"date\", \"open\", \"close\")"
    );
    // The same date twice for one series names both rows.
    assert_eq!(
        csv_error("symbol,date,price\nAAA,2020-01-02,10\nBBB,2020-01-02,20\nAAA,2020-01-02,11\n"),
        "CSV line 4: column \"date\": \"2020-01-02\" appears twice for \"AAA\", on line 2 and line 4; a long table can give each series one value per date"
    );
    // A bad value names its line and the value column.
    assert_eq!(
        csv_error("symbol,date,price\nAAA,2020-01-02,10\nBBB,2020-01-02,abc\n"),
        "CSV line 3: column \"price\": \"abc\" is not a number"
    );
    assert_eq!(
        csv_error("symbol,date,price\nAAA,2020-01-02,10\n,2020-01-02,12\n"),
        "CSV line 3: column \"symbol\": the series name is empty; in a long table every row names its series"
    );
    // Series entries match the names in the series column; columns picks and orders them.
    let c = chart(serde_json::json!({"csv": fixture("long-energy.csv"), "columns": ["Wind", "Solar"], "series": [{"name": "Solar", "color": "#e69f00"}]}));
    assert_eq!(names(&c), ["Wind", "Solar"]);
    assert!(c.series[1].color.is_some());
}

// ---------------------------------------------------------------- wide tables: columns and text

#[test]
fn a_wide_table_with_a_text_column_draws_the_numbers_and_warns() {
    let c = csv_chart(&fixture("weather.csv"));
    assert_eq!(names(&c), ["temp", "rain"]);
    assert_eq!(c.series[0].unit, Unit::new("", " °C"));
    assert_eq!(c.series[0].granularity, Granularity::Day);
    assert_eq!(
        c.warnings,
        ["column \"description\" has no numbers, so it is not drawn (a text column such as \"sunny\" can name the series of a long table; see seriesColumn)"]
    );
    // A numeric column with one stray text cell is still an error naming line and column.
    assert_eq!(
        csv_error("date,description,temp\n2024-01-01,sunny,4\n2024-01-02,fog,cold\n"),
        "CSV line 3: column \"temp\": \"cold\" is not a number"
    );
    // A mistyped number does not turn a column into text.
    assert_eq!(csv_error("date,A\n2024-01-01,\"1,23\"\n"), "CSV line 2: column \"A\": \"1,23\" is not a number (this file is read with a decimal point, as in 1,234.5; set decimalComma to true for 1.234,5)");
}

#[test]
fn columns_picks_and_orders_the_series() {
    let text = fixture("daily-volume.csv");
    let c = chart(serde_json::json!({"csv": text, "columns": ["Close", "Open"]}));
    assert_eq!(names(&c), ["Close", "Open"]);
    assert_eq!(c.series[0].granularity, Granularity::Day);
    assert_eq!(c.series[0].x[0], ms_from_civil(2020, 1, 2));
    assert_eq!(
        refused(serde_json::json!({"csv": text, "columns": ["Close", "Vol"]})).1,
        "spec: columns[1] is \"Vol\", expected the name of a column (\"Date\", \"Open\", \"High\", \"Low\", \"Close\", \"Adj Close\", \"Volume\")"
    );
    assert_eq!(
        refused(serde_json::json!({"csv": fixture("weather.csv"), "columns": ["description"]})).1,
        "spec: columns[0] is \"description\", expected a column with numbers (column \"description\" has none)"
    );
    assert_eq!(
        refused(serde_json::json!({"csv": text, "columns": "Close"})).1,
        "spec: columns is \"Close\", expected a non-empty array of column names"
    );
    assert_eq!(
        refused(serde_json::json!({"series": [{"name": "A", "data": [["2020", 1]]}], "columns": ["A"]})).1,
        "spec: columns is an array of 1, expected it only with \"csv\" or \"data\" records"
    );
}

// ---------------------------------------------------------------- records

#[test]
fn records_from_a_json_api() {
    let records = fixture("api-records.json");
    // Without series entries every numeric field is a series, in field order; the text
    // field is left out with a warning.
    let c = chart_text(&format!(r#"{{"data": {records}, "x": "date"}}"#));
    assert_eq!(names(&c), ["trade", "crude"]);
    assert_eq!(c.series[0].granularity, Granularity::Month);
    assert_eq!(c.series[0].len(), 24);
    assert_eq!(c.warnings, ["field \"note\" has no numbers, so it is not drawn (a text field such as \"provisional\" can name the series of a long table; see seriesColumn)"]);
    // Series entries name their field, and pick and order the series.
    let c = chart_text(&format!(
        r#"{{"data": {records}, "x": "date", "series": [{{"name": "Crude imports", "field": "crude", "unit": "Mt"}}, {{"name": "Trade", "field": "trade", "unit": "$bn"}}]}}"#
    ));
    assert_eq!(names(&c), ["Crude imports", "Trade"]);
    assert_eq!(c.series[0].unit.suffix, " Mt");
    assert_eq!(c.series[1].y_options()[0], Some(15.0));
    // Without x the first field is the date.
    assert_eq!(names(&chart_text(r#"{"data": [{"date": "2023-01", "v": 1}, {"date": "2023-02", "v": 2}]}"#)), ["v"]);
    // A first field of small numbers is values, not January 1970: the date field is found.
    let c = chart_text(r#"{"data": [{"share": 20.5, "when": "2023-01"}, {"share": 21, "when": "2023-02"}]}"#);
    assert_eq!(names(&c), ["share"]);
    assert_eq!(detected(&c), [("xColumn", "when")]);
}

#[test]
fn record_x_forms() {
    let x = |v: serde_json::Value, extra: serde_json::Value| {
        let mut spec = serde_json::json!({"data": [{"t": v, "v": 1}]});
        if let (Some(o), Some(e)) = (spec.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        let c = chart(spec);
        (c.series[0].x[0], c.series[0].granularity)
    };
    let jan3 = ms_from_civil(2023, 1, 3);
    assert_eq!(x(serde_json::json!("2023-01-03"), serde_json::json!({})), (jan3, Granularity::Day));
    assert_eq!(x(serde_json::json!("Jan 3, 2023"), serde_json::json!({})), (jan3, Granularity::Day));
    assert_eq!(x(serde_json::json!(jan3), serde_json::json!({})), (jan3, Granularity::Day));
    assert_eq!(x(serde_json::json!(jan3 / 1000.0), serde_json::json!({"dateFormat": "epoch-seconds"})), (jan3, Granularity::Day));
    assert_eq!(x(serde_json::json!(2023), serde_json::json!({})), (ms_from_civil(2023, 1, 1), Granularity::Year));
    // Numbers as strings are numbers.
    let c = chart(serde_json::json!({"data": [{"t": "2023", "v": "240.1"}, {"t": "2024", "v": "1,234.5"}]}));
    assert_eq!(c.series[0].y_options(), vec![Some(240.1), Some(1234.5)]);
}

#[test]
fn record_errors_name_the_index_and_the_field() {
    let mut data: Vec<serde_json::Value> = (0..10).map(|i| serde_json::json!({"date": format!("2023-{:02}", i + 1), "trade": i})).collect();
    data[7] = serde_json::json!({"date": "2023-08", "trade": "n/a"});
    let (code, message) = refused(serde_json::json!({"data": data, "x": "date"}));
    assert_eq!((code.as_str(), message.as_str()), ("invalid-field", "data[7].trade is \"n/a\", expected a number or null"));

    let cases: &[(serde_json::Value, &str)] = &[
        (serde_json::json!({"data": [{"date": "2023-01", "v": 1}, {"date": "soon", "v": 2}]}), "data[1].date is \"soon\", expected a date (expected a date such as 2023, 2023-Q2, 2023-06, Jun 2023, 2023-06-16, 16 Jun 2023 or an ISO date-time)"),
        (serde_json::json!({"data": [{"date": "2023-01", "v": 1}, {"v": 2}]}), "data[1].date is null, expected a date; every record needs one"),
        (serde_json::json!({"data": [{"date": "2023-01", "v": true}]}), "data[0].v is true, expected a number, a date, text or null"),
        (serde_json::json!({"data": [{"date": "2023-01", "v": 1}, 5]}), "data[1] is 5, expected a record such as {\"date\": \"2023-01\", \"trade\": 240.1}"),
        (serde_json::json!({"data": [{"date": "2023-01", "v": 1}, {"date": "2023-01", "v": 2}]}), "series \"v\" point 1: x Jan 2023 repeats point 0; each date may appear once"),
        (serde_json::json!({"data": [{"date": "2023-01", "v": 1}], "x": "when"}), "spec: xColumn is \"when\", expected the name of a field (\"date\", \"v\")"),
        (serde_json::json!({"data": "x"}), "spec: data is \"x\", expected an array of records such as [{\"date\": \"2023-01\", \"trade\": 240.1}]"),
        (serde_json::json!({"data": []}), "spec: data is empty; a chart needs at least one record"),
        (serde_json::json!({"data": [{"date": "2023-01", "v": 1}], "series": [{"name": "V", "field": "w"}]}), "spec: columns[0] is \"w\", expected the name of a field (\"date\", \"v\")"),
        (serde_json::json!({"data": [{"date": "2023-01", "v": 1}], "csv": "a,b\n"}), "spec: data is an array of 1, expected either csv or data, not both"),
    ];
    for (spec, message) in cases {
        assert_eq!(refused(spec.clone()).1, *message, "for {spec}");
    }
}

#[test]
fn long_records_pivot_like_long_csv() {
    let rows: Vec<String> = ["Coal", "Gas"]
        .iter()
        .flat_map(|s| (2020..2023).map(move |y| format!(r#"{{"year": {y}, "source": "{s}", "share": {}}}"#, y - 2000)))
        .collect();
    let c = chart_text(&format!(r#"{{"data": [{}]}}"#, rows.join(",")));
    assert_eq!(names(&c), ["Coal", "Gas"]);
    assert_eq!(c.series[0].granularity, Granularity::Year);
    assert_eq!(detected(&c), [("seriesColumn", "source"), ("valueColumn", "share")]);
    assert_eq!(
        refused_text(r#"{"data": [{"d": "2023-01", "s": "A", "v": 1}, {"d": "2023-01", "s": "A", "v": 2}]}"#),
        "data[1].d is \"2023-01\" again for \"A\", as in data[0]; a long table can give each series one value per date"
    );
}

/// `cargo test --release --test tables -- --ignored --nocapture`: records (as the harness
/// hands them over, one Float64Array per field) against typed-array series, same data.
#[test]
#[ignore]
fn records_ingest_timing() {
    use trade_chart::Json;
    use trade_chart::chart_from_json;
    let n = 100_000;
    let t: Vec<f64> = (0..n).map(|i| 946_684_800_000.0 + i as f64 * 60_000.0).collect();
    let cols: Vec<Vec<f64>> = (0..3).map(|k| (0..n).map(|i| ((i * (k + 3)) % 977) as f64 / 7.0).collect()).collect();
    let records = Json::Object(vec![(
        "data".into(),
        Json::Object(
            std::iter::once(("t".to_string(), Json::Numbers(t.clone())))
                .chain(cols.iter().enumerate().map(|(k, c)| (format!("s{k}"), Json::Numbers(c.clone()))))
                .collect(),
        ),
    )]);
    let typed = Json::Object(vec![(
        "series".into(),
        Json::Array(
            cols.iter()
                .enumerate()
                .map(|(k, c)| Json::Object(vec![("name".into(), Json::String(format!("s{k}"))), ("x".into(), Json::Numbers(t.clone())), ("y".into(), Json::Numbers(c.clone()))]))
                .collect(),
        ),
    )]);
    let time = |json: &Json| {
        (0..5)
            .map(|_| {
                let start = std::time::Instant::now();
                let chart = chart_from_json(json).unwrap();
                assert_eq!(chart.series.len(), 3);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .fold(f64::INFINITY, f64::min)
    };
    println!("records {:.2} ms, typed {:.2} ms", time(&records), time(&typed));
}

// ---------------------------------------------------------------- big numbers and sizes

fn laid(c: &Chart, width: f64, height: Option<f64>) -> trade_chart::Layout {
    use trade_chart::{layout, LayoutOptions};
    let opts = LayoutOptions { width, height, theme: trade_chart::Theme::light(), x_range: None, visible: Vec::new() };
    layout(c, &opts, &trade_chart::ApproxMeasure)
}

#[test]
fn a_volume_column_gets_its_own_panel_and_reads_in_words() {
    use trade_chart::View;
    let c = csv_chart(&fixture("daily-volume.csv"));
    assert_eq!(c.effective_view(), View::Panels);
    assert_eq!(c.panel_groups(), [vec![0, 1, 2, 3, 4], vec![5]]);
    assert_eq!(
        c.warnings,
        ["\"Volume\" is more than 100× the size of \"Open\", \"High\", \"Low\", \"Close\", \"Adj Close\" in the same unit, so the series are drawn in panels by size, each with its own axis, to keep the smaller ones from flattening (give them different units, or set \"scale\": \"log\" or \"view\": \"indexed\", to draw them on one axis)"]
    );
    let l = laid(&c, 640.0, None);
    let texts: Vec<&str> = l.texts.iter().map(|t| t.text.as_str()).collect();
    assert!(texts.contains(&"15.0B"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains(",000,000")), "{texts:?}");
    // Tooltips and announcements write the volume in words too, prices in full.
    let volume = &c.series[5];
    assert_eq!(volume.format_value(12_618_509_898.0, 1, c.locale), "12.6B");
    assert_eq!(c.series[0].format_value(73.6, 2, c.locale), "73.60");
    // A log scale or the indexed view draws them together.
    let log = chart(serde_json::json!({"csv": fixture("daily-volume.csv"), "scale": "log"}));
    assert_eq!(log.effective_view(), View::Single);
    assert!(log.warnings.is_empty());
    let indexed = chart(serde_json::json!({"csv": fixture("daily-volume.csv"), "view": "indexed"}));
    assert_eq!(indexed.effective_view(), View::Indexed);
    assert!(indexed.warnings.is_empty());
    // Series within 100× of each other share the plot.
    assert_eq!(csv_chart("year,A,B\n2020,1,90\n2021,2,95\n").effective_view(), View::Single);
}

#[test]
fn a_unit_may_declare_the_scale_of_its_raw_values() {
    let c = chart_text(r#"{"locale": "en-GB", "series": [{"name": "Trade", "unit": {"prefix": "$", "scale": 1}, "data": [["2022", 190270000000], ["2023", 240100000000]]}]}"#);
    let s = &c.series[0];
    assert_eq!(s.format_value(240_100_000_000.0, s.decimals.unwrap_or(1), c.locale), "$240.1bn");
    let texts: Vec<String> = laid(&c, 640.0, None).texts.iter().map(|t| t.text.clone()).collect();
    assert!(texts.iter().any(|t| t.starts_with('$') && t.ends_with("bn")), "{texts:?}");
    // Data in thousands of dollars.
    let c = chart_text(r#"{"locale": "de-DE", "series": [{"name": "Trade", "unit": {"prefix": "", "suffix": " $", "scale": 1000}, "data": [["2023", 240100000]]}]}"#);
    assert_eq!(c.series[0].format_value(240_100_000.0, 1, c.locale), "240,1\u{a0}Mrd. $");
    assert_eq!(
        refused(serde_json::json!({"series": [{"name": "T", "unit": {"scale": 0}, "data": [["2023", 1]]}]})).1,
        "series \"T\": unit.scale is 0, expected a number above zero: what one raw value is worth (1 for raw dollars, 1000 for thousands)"
    );
}

#[test]
fn direct_labels_stay_inside_the_plot_or_give_way_to_the_legend() {
    use trade_chart::TextMeasure;
    let measure = trade_chart::ApproxMeasure;
    let table = |ends: &[f64]| {
        let mut rows = vec![format!("year,{}", (0..ends.len()).map(|i| format!("Series {i}")).collect::<Vec<_>>().join(","))];
        for y in 2000..=2020 {
            let k = f64::from(y - 2000) / 20.0;
            let cells: Vec<String> = ends.iter().map(|e| format!("{:.2}", 50.0 + (e - 50.0) * k)).collect();
            rows.push(format!("{y},{}", cells.join(",")));
        }
        csv_chart(&(rows.join("\n") + "\n"))
    };
    // Lines that end in close pairs, one at the very bottom: the labels are nudged apart,
    // stay inside the plot (clear of the time axis) and overlap nothing.
    let c = table(&[0.0, 1.0, 50.0, 51.0, 100.0]);
    let l = laid(&c, 640.0, None);
    let plot = l.plot_bounds();
    let label_boxes: Vec<_> = l.texts.iter().filter(|t| t.text.starts_with("Series")).map(|t| t.bounds(measure.width(&t.text, t.font))).collect();
    assert_eq!((label_boxes.len(), l.legend.len()), (5, 0), "direct labels expected");
    let others: Vec<_> = l.texts.iter().filter(|t| !t.text.starts_with("Series")).map(|t| t.bounds(measure.width(&t.text, t.font))).collect();
    for (i, a) in label_boxes.iter().enumerate() {
        assert!(a.bottom() <= plot.bottom() + 0.5, "label {i} hangs below the plot: {a:?} vs {plot:?}");
        for b in label_boxes.iter().skip(i + 1) {
            assert!(!a.overlaps(b), "direct labels overlap: {a:?} {b:?}");
        }
        for o in &others {
            assert!(!a.overlaps(o), "a direct label overlaps {o:?}");
        }
    }
    // Nine lines ending together: stacked labels would sit far from their lines, so the
    // legend names them; and a chart too short for the stack uses the legend too.
    let c = table(&[0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 100.0]);
    assert_eq!(laid(&c, 640.0, None).legend.len(), 9);
    let c = table(&[0.0, 12.0, 25.0, 37.0, 50.0, 62.0, 75.0, 87.0, 100.0]);
    assert_eq!(laid(&c, 640.0, None).legend.len(), 0);
    assert_eq!(laid(&c, 640.0, Some(160.0)).legend.len(), 9);
}

// ---------------------------------------------------------------- colours past the palette

#[test]
fn series_past_the_palette_are_named_when_they_share_a_colour() {
    let spec = |n: usize, coloured: &[usize]| {
        let series: Vec<serde_json::Value> = (0..n)
            .map(|i| {
                let mut s = serde_json::json!({"name": format!("Partner {}", i + 1), "data": [["2022", 1 + i], ["2023", 2 + i]]});
                if coloured.contains(&i) {
                    s["color"] = serde_json::json!("#123456");
                }
                s
            })
            .collect();
        chart(serde_json::json!({ "series": series }))
    };
    // Seven series: one colour each, no warning.
    assert!(spec(7, &[]).warnings.is_empty());
    // The eighth takes the first one's colour.
    assert_eq!(
        spec(8, &[]).warnings,
        ["the palette has 7 colours, so series \"Partner 8\" has the colour of \"Partner 1\"; give the series their own \"color\" to tell them apart"]
    );
    // A colour of its own on either of the pair settles it; the next pair is named.
    assert!(spec(8, &[7]).warnings.is_empty());
    assert_eq!(spec(9, &[0]).warnings, ["the palette has 7 colours, so series \"Partner 9\" has the colour of \"Partner 2\"; give the series their own \"color\" to tell them apart"]);
}

// ---------------------------------------------------------------- periods written as their first day

#[test]
fn monthly_and_annual_data_written_as_first_days_read_as_months_and_years() {
    let g = |xs: &[&str], extra: serde_json::Value| {
        let data: Vec<serde_json::Value> = xs.iter().enumerate().map(|(i, x)| serde_json::json!([x, i])).collect();
        let mut s = serde_json::json!({"name": "A", "data": data});
        if let (Some(s), Some(extra)) = (s.as_object_mut(), extra.as_object()) {
            s.extend(extra.clone());
        }
        chart(serde_json::json!({ "series": [s] })).series[0].granularity
    };
    let none = serde_json::json!({});
    assert_eq!(g(&["2022-01-01", "2022-02-01", "2022-03-01"], none.clone()), Granularity::Month);
    assert_eq!(g(&["Jan 1 2022", "Feb 1 2022"], none.clone()), Granularity::Month);
    assert_eq!(g(&["2016-01-01", "2017-01-01", "2023-01-01"], none.clone()), Granularity::Year);
    // One date, or a day other than the 1st, stays daily; so does a declared granularity.
    assert_eq!(g(&["2022-03-01"], none.clone()), Granularity::Day);
    assert_eq!(g(&["2022-01-01", "2022-01-15", "2022-02-01"], none), Granularity::Day);
    assert_eq!(g(&["2022-01-01", "2022-02-01"], serde_json::json!({"granularity": "daily"})), Granularity::Day);
    // CSV and records the same.
    let c = csv_chart("observation_date,GDP\n2022-01-01,100\n2022-04-01,101.2\n2022-07-01,102\n");
    assert_eq!(c.series[0].granularity, Granularity::Month);
    let r = chart(serde_json::json!({"data": [{"date": "Jan 1 2020", "v": 1}, {"date": "Jan 1 2021", "v": 2}]}));
    assert_eq!(r.series[0].granularity, Granularity::Year);
}

// ---------------------------------------------------------------- dates across the header

#[test]
fn a_table_with_the_dates_across_its_header_reads_one_series_per_row() {
    // As the World Bank exports it: names, codes, then one column per year; ".." is a gap.
    let text = "Country Name,Country Code,2019,2020,2021\nChina,CHN,2.5,..,3.4\nRussia,RUS,0.42,0.33,0.49\n";
    let c = csv_chart(text);
    assert_eq!(names(&c), ["China", "Russia"]);
    assert_eq!(c.series[0].granularity, Granularity::Year);
    assert_eq!(c.series[0].x, [ms_from_civil(2019, 1, 1), ms_from_civil(2020, 1, 1), ms_from_civil(2021, 1, 1)]);
    assert_eq!(c.series[0].value(1), None);
    assert_eq!(c.series[1].value(2), Some(0.49));
    assert_eq!(c.warnings, ["column \"Country Code\" holds text, so it is not drawn (column \"Country Name\" names the series of a table with the dates across its header)"]);
    // World Bank files end every line with a delimiter: the empty last column goes.
    let trailing = csv_chart("Country Name,Country Code,2019,2020,\nChina,CHN,2.5,2.6,\n");
    assert_eq!((names(&trailing), trailing.series[0].x.len()), (vec!["China"], 2));
    // `columns` picks rows by name, in its order.
    let picked = chart(serde_json::json!({"csv": text, "columns": ["Russia"]}));
    assert_eq!(names(&picked), ["Russia"]);
    // Months newest first (Eurostat's ":" is a gap) are sorted; records read the same.
    let c = csv_chart("geo,2023-03,2023-02,2023-01\nDE,3,:,1\n");
    assert_eq!((c.series[0].granularity, c.series[0].value(0), c.series[0].value(1)), (Granularity::Month, Some(1.0), None));
    let r = chart(serde_json::json!({"data": [{"country": "China", "2022": 1, "2023": 2}, {"country": "India", "2022": 3, "2023": 4}]}));
    assert_eq!(names(&r), ["China", "India"]);
    // Errors name the cell, the repeated name, the unknown row.
    assert_eq!(csv_error("geo,2023-01,2023-02\nDE,1,x\n"), "CSV line 2: column \"2023-02\": \"x\" is not a number");
    assert_eq!(csv_error("geo,2023-01,2023-02\nDE,1,2\nDE,3,4\n"), "CSV line 1: line 2 and line 3 both name the series \"DE\"; each row needs a name of its own");
    assert_eq!(
        refused(serde_json::json!({"csv": text, "columns": ["India"]})),
        ("invalid-field".to_string(), "spec: columns[0] is \"India\", expected the name of a row (\"China\", \"Russia\")".to_string())
    );
}
