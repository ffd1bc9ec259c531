//! Spec validation: every bad input gives its own `ChartError` variant, its stable
//! `code()`, and a message that names the series, the field and the point index.
//! Also the accepted forms (unsorted data, gaps, columns, epoch ms, unit shorthand, combo).
#![cfg(not(target_arch = "wasm32"))] // native tests; wasm-pack builds every test target

use trade_chart::{ms_from_civil, year_start, Granularity};
use trade_chart::ChartError;
use trade_chart::Unit;
use trade_chart::Json;
use trade_chart::{AnnotationKind, Chart, ScaleKind, SeriesKind, ThemeChoice, View};
use trade_chart::MAX_SERIES;
use trade_chart::{chart_from_json, parse_spec, MAX_TEXT};

const CHART_FIELDS: &str = "title, subtitle, source, notes, byline, kind, view, locale, theme, scale, connectGaps, indexBase, height, series, annotations";
const SERIES_FIELDS: &str = "name, unit, kind, color, granularity, decimals, data, x, y";

/// A valid one-series spec whose series is `series_body` (JSON text without braces).
fn one_series(series_body: &str) -> String {
    format!(r#"{{"series": [{{{series_body}}}]}}"#)
}

/// A valid spec with extra top-level fields (JSON text, starting with a comma-free list).
fn with_top(extra: &str) -> String {
    format!(r#"{{{extra}, "series": [{{"name": "Trade", "data": [["2022", 190.27], ["2023", 240.1]]}}]}}"#)
}

fn ok(text: &str) -> Chart {
    match parse_spec(text) {
        Ok(c) => c,
        Err(e) => panic!("spec should be valid, got {e}\nspec: {text}"),
    }
}

fn err(text: &str) -> ChartError {
    match parse_spec(text) {
        Ok(_) => panic!("spec should be rejected: {text}"),
        Err(e) => e,
    }
}

/// Asserts the error code and the exact message.
fn expect(text: &str, code: &str, message: &str) -> ChartError {
    let e = err(text);
    assert_eq!(e.code(), code, "wrong code for {text}: {e:?}");
    assert_eq!(e.to_string(), message, "wrong message for {text}");
    e
}

// ---------------------------------------------------------------- JSON and structure

#[test]
fn invalid_json_is_reported_with_position() {
    let e = expect("{", "invalid-json", "the spec is not valid JSON: EOF while parsing an object at line 1 column 1");
    assert!(matches!(e, ChartError::Json { .. }));
    let e = err(r#"{"series": [}"#);
    assert_eq!(e.code(), "invalid-json");
    assert!(e.to_string().starts_with("the spec is not valid JSON: "), "{e}");
    assert!(e.to_string().contains("line 1 column"), "{e}");
    let e = err("");
    assert!(matches!(e, ChartError::Json { .. }), "{e:?}");
    // Duplicate keys are refused by the reader, not silently overwritten.
    let e = err(r#"{"series": [], "series": []}"#);
    assert!(matches!(e, ChartError::Json { .. }), "{e:?}");
    assert!(e.to_string().contains(r#"the key "series" appears twice in one object"#), "{e}");
}

#[test]
fn spec_must_be_an_object() {
    let e = expect("[1]", "invalid-field", "spec: the spec is an array of 1, expected an object");
    assert!(matches!(e, ChartError::InvalidField { .. }));
    expect("42", "invalid-field", "spec: the spec is 42, expected an object");
    expect(r#""chart""#, "invalid-field", r#"spec: the spec is "chart", expected an object"#);
    expect("null", "invalid-field", "spec: the spec is null, expected an object");
}

#[test]
fn series_is_required_and_not_empty() {
    let e = expect(r#"{"title": "x"}"#, "missing-field", r#"spec: the field "series" is required"#);
    assert_eq!(e, ChartError::MissingField { location: "spec".into(), field: "series".into() });
    let e = expect(r#"{"series": []}"#, "empty", "spec: series is empty; a chart needs at least one series");
    assert!(matches!(e, ChartError::Empty { .. }));
    expect(r#"{"series": {}}"#, "invalid-field", "spec: series is an object, expected an array of series");
}

#[test]
fn series_without_points() {
    let e = expect(&one_series(r#""name": "Trade", "data": []"#), "empty", r#"series "Trade" has no points; a series needs at least one"#);
    assert!(matches!(e, ChartError::Empty { .. }));
    expect(&one_series(r#""name": "Trade", "x": [], "y": []"#), "empty", r#"series "Trade" has no points; a series needs at least one"#);
    // Without a name the series is named by its index.
    expect(&one_series(r#""data": []"#), "empty", "series 0 has no points; a series needs at least one");
    expect(&one_series(r#""name": "Trade""#), "missing-field", r#"series "Trade": the field "data" is required"#);
    expect(&one_series(r#""name": "Trade", "x": ["2023"]"#), "missing-field", r#"series "Trade": the field "y" is required"#);
}

#[test]
fn unknown_fields_are_typos() {
    // The top-level list grows as features are added (e.g. "csv"), so the message is
    // checked as: exact text up to the documented fields, then only more field names.
    let e = err(&with_top(r##""colour": "#ff0000""##));
    assert_eq!(e.code(), "unknown-field");
    let message = e.to_string();
    let head = format!(r#"spec: unknown field "colour" (known fields: {CHART_FIELDS}"#);
    assert!(message.starts_with(&head) && message.ends_with(')'), "{message}");
    match e {
        ChartError::UnknownField { location, field, known } => {
            assert_eq!(location, "spec");
            assert_eq!(field, "colour");
            assert_eq!(message, format!(r#"spec: unknown field "colour" (known fields: {})"#, known.join(", ")));
            for documented in CHART_FIELDS.split(", ") {
                assert!(known.contains(&documented), "{documented} missing from {known:?}");
            }
        }
        other => panic!("{other:?}"),
    }
    expect(
        &one_series(r#""name": "Trade", "serie": 1, "data": [["2023", 1]]"#),
        "unknown-field",
        &format!(r#"series "Trade": unknown field "serie" (known fields: {SERIES_FIELDS})"#),
    );
    expect(
        &one_series(r#""name": "Trade", "unit": {"prefix": "$", "sufix": "bn"}, "data": [["2023", 1]]"#),
        "unknown-field",
        r#"series "Trade" unit: unknown field "sufix" (known fields: prefix, suffix, scale)"#,
    );
    expect(
        r#"{"series": [{"name": "Trade", "data": [["2023", 1]]}], "annotations": [{"type": "line", "x": "2023", "text": "hi"}]}"#,
        "unknown-field",
        r#"annotation 0: unknown field "text" (known fields: type, x, from, to, series, label)"#,
    );
}

// ---------------------------------------------------------------- y values

/// The README's own example: the eighth point (index 7, 2023) of "Crude imports" is "n/a".
#[test]
fn y_string_names_series_point_and_date() {
    let data = r#"[["2016", 52.48], ["2017", 59.7], ["2018", 71.49], ["2019", 77.64], ["2020", 83.57], ["2021", 79.64], ["2022", 86.25], ["2023", "n/a"]]"#;
    let spec = one_series(&format!(r#""name": "Crude imports", "unit": "Mt", "data": {data}"#));
    let e = expect(&spec, "invalid-field", r#"series "Crude imports" point 7 (2023): y is "n/a", expected a number or null"#);
    assert_eq!(
        e,
        ChartError::InvalidField {
            location: r#"series "Crude imports" point 7 (2023)"#.into(),
            field: "y".into(),
            found: r#""n/a""#.into(),
            expected: "a number or null".into(),
        }
    );
}

#[test]
fn y_of_other_wrong_types() {
    let case = |y: &str, found: &str| {
        let spec = one_series(&format!(r#""name": "Trade", "data": [["2022", 1], ["2023", {y}]]"#));
        expect(&spec, "invalid-field", &format!(r#"series "Trade" point 1 (2023): y is {found}, expected a number or null"#));
    };
    case("true", "true");
    case("false", "false");
    case(r#"{"v": 1}"#, "an object");
    case("[1, 2]", "an array of 2");
    case(r#""""#, r#""""#);
    // Columnar form names the same point.
    expect(
        &one_series(r#""name": "Trade", "x": ["2022", "2023"], "y": [1, "n/a"]"#),
        "invalid-field",
        r#"series "Trade" point 1 (2023): y is "n/a", expected a number or null"#,
    );
    // Monthly dates read as months in the location.
    expect(
        &one_series(r#""name": "Crude", "data": [["2023-05", 1], ["2023-06", true]]"#),
        "invalid-field",
        r#"series "Crude" point 1 (Jun 2023): y is true, expected a number or null"#,
    );
}

#[test]
fn data_entries_must_be_pairs() {
    expect(
        &one_series(r#""name": "Trade", "data": [["2022", 1], ["2023"]]"#),
        "invalid-field",
        r#"series "Trade" point 1: data is an array of 1, expected a pair [x, y]"#,
    );
    expect(
        &one_series(r#""name": "Trade", "data": [["2022", 1], 5]"#),
        "invalid-field",
        r#"series "Trade" point 1: data is 5, expected a pair [x, y]"#,
    );
    expect(
        &one_series(r#""name": "Trade", "data": "2023,1""#),
        "invalid-field",
        r#"series "Trade": data is "2023,1", expected an array of [x, y] pairs"#,
    );
}

/// NaN cannot be written in JSON text; the JSON reader refuses it, so it never becomes a gap.
#[test]
fn nan_and_infinity_in_json_text_are_invalid_json() {
    for bad in ["NaN", "Infinity", "-Infinity"] {
        let e = err(&one_series(&format!(r#""name": "Trade", "data": [["2023", {bad}]]"#)));
        assert_eq!(e.code(), "invalid-json", "{bad}: {e}");
    }
}

/// NaN and infinities can arrive from JavaScript objects; the validator names them.
#[test]
fn nan_built_by_hand_is_named() {
    let spec = |y: f64| {
        Json::Object(vec![(
            "series".into(),
            Json::Array(vec![Json::Object(vec![
                ("name".into(), Json::String("Trade".into())),
                (
                    "data".into(),
                    Json::Array(vec![
                        Json::Array(vec![Json::String("2022".into()), Json::Number(1.0)]),
                        Json::Array(vec![Json::String("2023".into()), Json::Number(y)]),
                    ]),
                ),
            ])]),
        )])
    };
    let e = chart_from_json(&spec(f64::NAN)).expect_err("NaN must be refused");
    assert_eq!(e.code(), "invalid-field");
    assert_eq!(e.to_string(), r#"series "Trade" point 1 (2023): y is NaN, expected a number or null"#);
    let e = chart_from_json(&spec(f64::INFINITY)).expect_err("Infinity must be refused");
    assert_eq!(e.to_string(), r#"series "Trade" point 1 (2023): y is Infinity, expected a number or null"#);
    let e = chart_from_json(&spec(f64::NEG_INFINITY)).expect_err("-Infinity must be refused");
    assert_eq!(e.to_string(), r#"series "Trade" point 1 (2023): y is -Infinity, expected a number or null"#);
    // The same tree with a finite value is fine.
    assert!(chart_from_json(&spec(2.0)).is_ok());
}

// ---------------------------------------------------------------- x values

#[test]
fn x_malformed_or_out_of_range() {
    let case = |x: &str, expected: &str| {
        let spec = one_series(&format!(r#""name": "Trade", "data": [["2022", 1], [{x}, 2]]"#));
        expect(&spec, "invalid-field", &format!(r#"series "Trade" point 1: x is {x}, expected {expected}"#));
    };
    case(r#""2023-13""#, "a date (the month is out of range)");
    case(
        r#""soon""#,
        "a date (expected a date such as 2023, 2023-Q2, 2023-06, Jun 2023, 2023-06-16, 16 Jun 2023, an ISO date-time or epoch milliseconds)",
    );
    case(r#""01/02/2023""#, "a date (the day and the month could be either way round)");
    // Everyday forms are dates too: "May 2023" is monthly, so it cannot follow "2022".
    expect(
        &one_series(r#""name": "Trade", "data": [["2022", 1], ["May 2023", 2]]"#),
        "invalid-field",
        r#"series "Trade" point 1: x is "May 2023", expected an annual date like point 0 (one series cannot mix annual and monthly dates)"#,
    );
    case(r#""2023-02-29""#, "a date (the day is out of range)");
    case(r#""2023-Q5""#, "a date (the quarter is out of range)");
    case(r#"true"#, r#"a date string such as "2023" or "2023-06-16", or epoch milliseconds"#);
    case(r#"null"#, r#"a date string such as "2023" or "2023-06-16", or epoch milliseconds"#);
}

#[test]
fn years_outside_1_to_9999() {
    expect(
        &one_series(r#""name": "Trade", "data": [["0000", 1]]"#),
        "invalid-field",
        r#"series "Trade" point 0: x is "0000", expected a date (year 0 is outside the supported range 1..9999)"#,
    );
    // Year 10000 can only be written as epoch milliseconds.
    let ms = year_start(10_000);
    assert_eq!(ms, 253_402_300_800_000.0);
    expect(
        &one_series(&format!(r#""name": "Trade", "data": [[{ms}, 1]]"#)),
        "invalid-field",
        r#"series "Trade" point 0: x is 253402300800000, expected epoch milliseconds (year 10000 is outside the supported range 1..9999)"#,
    );
    // The last millisecond of 9999 is still fine; the first of year 1 too.
    ok(&one_series(&format!(r#""name": "Trade", "data": [[{}, 1]]"#, ms - 1.0)));
    ok(&one_series(&format!(r#""name": "Trade", "data": [[{}, 1]]"#, year_start(1))));
    expect(
        &one_series(&format!(r#""name": "Trade", "data": [[{}, 1]]"#, year_start(1) - 1.0)),
        "invalid-field",
        &format!(
            r#"series "Trade" point 0: x is {}, expected epoch milliseconds (year 0 is outside the supported range 1..9999)"#,
            year_start(1) - 1.0
        ),
    );
}

#[test]
fn one_series_cannot_mix_date_forms() {
    expect(
        &one_series(r#""name": "Trade", "data": [["2023-05", 1], ["2023-06", 2], ["2024", 3]]"#),
        "invalid-field",
        r#"series "Trade" point 2: x is "2024", expected a monthly date like point 0 (one series cannot mix monthly and annual dates)"#,
    );
    expect(
        &one_series(r#""name": "Trade", "data": [["2023-Q1", 1], ["2023-05-01", 2]]"#),
        "invalid-field",
        r#"series "Trade" point 1: x is "2023-05-01", expected a quarterly date like point 0 (one series cannot mix quarterly and daily dates)"#,
    );
    // "an annual", not "a annual" (checked last so the cases above always run).
    expect(
        &one_series(r#""name": "Trade", "data": [["2023", 1], ["2023-06", 2]]"#),
        "invalid-field",
        r#"series "Trade" point 1: x is "2023-06", expected an annual date like point 0 (one series cannot mix annual and monthly dates)"#,
    );
}

#[test]
fn duplicate_x_reports_original_indices() {
    // Sorted input with a repeat.
    let e = expect(
        &one_series(r#""name": "Trade", "data": [["2021", 1], ["2022", 2], ["2022", 3]]"#),
        "duplicate-x",
        r#"series "Trade" point 2: x 2022 repeats point 1; each date may appear once"#,
    );
    assert_eq!(e, ChartError::DuplicateX { series: "Trade".into(), x: "2022".into(), first: 1, second: 2 });
    // Unsorted input: after sorting, the two 2020 points are neighbours, but the message
    // must give their positions in the array as written (0 and 3).
    let e = expect(
        &one_series(r#""name": "Trade", "data": [["2020", 1], ["2023", 2], ["2018", 3], ["2020", 4]]"#),
        "duplicate-x",
        r#"series "Trade" point 3: x 2020 repeats point 0; each date may appear once"#,
    );
    assert_eq!(e, ChartError::DuplicateX { series: "Trade".into(), x: "2020".into(), first: 0, second: 3 });
    // Reversed order: first and second are still ascending indices.
    expect(
        &one_series(r#""name": "Trade", "data": [["2024-05-16", 1], ["2024-05-15", 2], ["2024-05-16", 3]]"#),
        "duplicate-x",
        r#"series "Trade" point 2: x May 16, 2024 repeats point 0; each date may appear once"#,
    );
    // A date string and the same instant in epoch ms collide too.
    let ms = ms_from_civil(2023, 1, 1);
    expect(
        &one_series(&format!(r#""name": "Trade", "x": ["2022", {ms}, "2023"], "y": [1, 2, 3]"#)),
        "duplicate-x",
        r#"series "Trade" point 2: x 2023 repeats point 1; each date may appear once"#,
    );
}

#[test]
fn columns_of_different_lengths() {
    let e = expect(
        &one_series(r#""name": "Trade", "x": ["2021", "2022", "2023"], "y": [1, 2]"#),
        "length-mismatch",
        r#"series "Trade": x has 3 values but y has 2; they must be the same length"#,
    );
    assert_eq!(e, ChartError::LengthMismatch { series: "Trade".into(), x_len: 3, y_len: 2 });
    expect(
        &one_series(r#""name": "Trade", "x": ["2021"], "y": "1""#),
        "invalid-field",
        r#"series "Trade": y is "1", expected an array"#,
    );
}

#[test]
fn data_and_columns_together() {
    expect(
        &one_series(r#""name": "Trade", "data": [["2023", 1]], "x": ["2023"]"#),
        "invalid-field",
        r#"series "Trade": data is given together with x/y, expected either data or x and y, not both"#,
    );
    expect(
        &one_series(r#""name": "Trade", "data": [["2023", 1]], "x": ["2023"], "y": [1]"#),
        "invalid-field",
        r#"series "Trade": data is given together with x/y, expected either data or x and y, not both"#,
    );
}

// ---------------------------------------------------------------- options

#[test]
fn unknown_option_values() {
    expect(&with_top(r#""kind": "pie""#), "invalid-field", r#"spec: kind is "pie", expected "line", "area", "bar" or "combo""#);
    expect(&with_top(r#""kind": 3"#), "invalid-field", "spec: kind is 3, expected a string");
    expect(
        &with_top(r#""view": "stacked""#),
        "invalid-field",
        r#"spec: view is "stacked", expected "panels", "dual-axis", "indexed" or "single""#,
    );
    expect(
        &with_top(r#""locale": "xx-YY""#),
        "invalid-field",
        r#"spec: locale is "xx-YY", expected a supported locale such as "en-US", "en-GB" or "de-DE""#,
    );
    expect(&with_top(r#""theme": "sepia""#), "invalid-field", r#"spec: theme is "sepia", expected "light", "dark" or "auto""#);
    expect(&with_top(r#""scale": "sqrt""#), "invalid-field", r#"spec: scale is "sqrt", expected "linear" or "log""#);
    expect(&with_top(r#""connectGaps": "yes""#), "invalid-field", r#"spec: connectGaps is "yes", expected true or false"#);
    expect(
        &one_series(r#""name": "Trade", "kind": "pie", "data": [["2023", 1]]"#),
        "invalid-field",
        r#"series "Trade": kind is "pie", expected "line", "area" or "bar""#,
    );
    // combo is a chart kind, not a series kind.
    expect(
        &one_series(r#""name": "Trade", "kind": "combo", "data": [["2023", 1]]"#),
        "invalid-field",
        r#"series "Trade": kind is "combo", expected "line", "area" or "bar""#,
    );
    expect(
        &one_series(r#""name": "Trade", "granularity": "weekly", "data": [["2023", 1]]"#),
        "invalid-field",
        r#"series "Trade": granularity is "weekly", expected "annual", "quarterly", "monthly", "daily" or "time""#,
    );
    expect(
        &one_series(r#""name": "Trade", "decimals": 7, "data": [["2023", 1]]"#),
        "invalid-field",
        r#"series "Trade": decimals is 7, expected a whole number from 0 to 6"#,
    );
    expect(
        &one_series(r#""name": "Trade", "decimals": 1.5, "data": [["2023", 1]]"#),
        "invalid-field",
        r#"series "Trade": decimals is 1.5, expected a whole number from 0 to 6"#,
    );
}

#[test]
fn height_range() {
    let msg = |h: &str| format!("spec: height is {h}, expected a number of CSS pixels from 120 to 4000");
    expect(&with_top(r#""height": 119"#), "invalid-field", &msg("119"));
    expect(&with_top(r#""height": 4001"#), "invalid-field", &msg("4001"));
    expect(&with_top(r#""height": -300"#), "invalid-field", &msg("-300"));
    expect(&with_top(r#""height": "400px""#), "invalid-field", &msg(r#""400px""#));
    assert_eq!(ok(&with_top(r#""height": 120"#)).height, Some(120.0));
    assert_eq!(ok(&with_top(r#""height": 4000"#)).height, Some(4000.0));
    assert_eq!(ok(&with_top(r#""height": null"#)).height, None);
}

#[test]
fn bad_colours() {
    for bad in ["red", "#12345", "#gg0000", "0072b2", ""] {
        expect(
            &one_series(&format!(r#""name": "Trade", "color": "{bad}", "data": [["2023", 1]]"#)),
            "invalid-field",
            &format!(r##"series "Trade": color is "{bad}", expected a hex colour such as "#0072b2""##),
        );
    }
    expect(
        &one_series(r#""name": "Trade", "color": 255, "data": [["2023", 1]]"#),
        "invalid-field",
        r#"series "Trade": color is 255, expected a hex colour string"#,
    );
    let c = ok(&one_series(r##""name": "Trade", "color": "#0072b2", "data": [["2023", 1]]"##));
    assert_eq!(c.series[0].color.map(|c| c.hex()), Some("#0072b2".to_string()));
    let c = ok(&one_series(r##""name": "Trade", "color": "#fff", "data": [["2023", 1]]"##));
    assert_eq!(c.series[0].color.map(|c| c.hex()), Some("#ffffff".to_string()));
}

#[test]
fn log_scale_refuses_zero_and_negative() {
    let e = expect(
        r#"{"scale": "log", "series": [{"name": "Trade", "data": [["2021", 5], ["2022", 0], ["2023", 7]]}]}"#,
        "scale",
        r#"series "Trade" point 1: y is 0, but a log scale can only show values above zero; use "scale": "linear""#,
    );
    assert!(matches!(e, ChartError::Scale { .. }));
    expect(
        r#"{"scale": "log", "series": [{"name": "A", "data": [["2023", 1]]}, {"name": "Crude", "data": [["2021", 5], ["2022", 6], ["2023", -2.5]]}]}"#,
        "scale",
        r#"series "Crude" point 2: y is -2.5, but a log scale can only show values above zero; use "scale": "linear""#,
    );
    // Gaps are fine on a log scale.
    let c = ok(r#"{"scale": "log", "series": [{"name": "Trade", "data": [["2021", 5], ["2022", null]]}]}"#);
    assert_eq!(c.scale, ScaleKind::Log);
}

/// Errors name the point "as in the array": with unsorted input, the index must be the
/// position the editor wrote, not the position after sorting.
#[test]
fn log_scale_error_uses_original_index() {
    expect(
        r#"{"scale": "log", "series": [{"name": "Trade", "data": [["2023", 7], ["2021", 5], ["2020", 0]]}]}"#,
        "scale",
        r#"series "Trade" point 2: y is 0, but a log scale can only show values above zero; use "scale": "linear""#,
    );
}

#[test]
fn annotation_errors() {
    let spec = |a: &str| format!(r#"{{"series": [{{"name": "Trade", "data": [["2022", 1], ["2023", 2]]}}], "annotations": [{a}]}}"#);
    expect(
        &spec(r#"{"type": "point", "series": "Oil", "x": "2023"}"#),
        "invalid-field",
        r#"annotation 0: series is "Oil", expected the name of a series in this chart"#,
    );
    expect(
        &spec(r#"{"type": "point", "series": "Trade", "x": "2021", "label": "x"}"#),
        "invalid-field",
        r#"annotation 0: x is 2021, expected a date with a point in series "Trade""#,
    );
    expect(
        &spec(r#"{"type": "line", "x": "2023"}, {"type": "range", "from": "2023", "to": "2022"}"#),
        "invalid-field",
        "annotation 1: to is before from, expected a date on or after from",
    );
    expect(&spec(r#"{"type": "range", "from": "2022"}"#), "missing-field", r#"annotation 0: the field "to" is required"#);
    expect(&spec(r#"{"x": "2022"}"#), "missing-field", r#"annotation 0: the field "type" is required"#);
    expect(
        &spec(r#"{"type": "arrow", "x": "2022"}"#),
        "invalid-field",
        r#"annotation 0: type is "arrow", expected "line", "range" or "point""#,
    );
    expect(
        &spec(r#"{"type": "line", "x": "2022-13"}"#),
        "invalid-field",
        r#"annotation 0: x is "2022-13", expected a date (the month is out of range)"#,
    );
    // A range of one instant and a point found by date are fine.
    let c = ok(&spec(r#"{"type": "range", "from": "2022", "to": "2022"}, {"type": "point", "series": "Trade", "x": "2023"}"#));
    assert_eq!(c.annotations[1].kind, AnnotationKind::Point { series: 0, index: 1 });
}

#[test]
fn duplicate_series_names() {
    expect(
        r#"{"series": [{"name": "Trade", "data": [["2023", 1]]}, {"name": "Oil", "data": [["2023", 1]]}, {"name": "Trade", "data": [["2023", 2]]}]}"#,
        "invalid-field",
        r#"series 2: name is "Trade", expected a name not used by another series"#,
    );
}

// ---------------------------------------------------------------- limits

#[test]
fn text_length_limit() {
    let title = "x".repeat(MAX_TEXT + 1);
    let e = expect(&with_top(&format!(r#""title": "{title}""#)), "limit", "spec: title is 10001 characters long; the limit is 10000");
    assert!(matches!(e, ChartError::Limit { .. }));
    // Exactly at the limit is fine; characters, not bytes, are counted.
    let title = "é".repeat(MAX_TEXT);
    assert_eq!(ok(&with_top(&format!(r#""title": "{title}""#))).title.chars().count(), MAX_TEXT);
    let label = "y".repeat(MAX_TEXT + 1);
    expect(
        &format!(r#"{{"series": [{{"name": "T", "data": [["2023", 1]]}}], "annotations": [{{"type": "line", "x": "2023", "label": "{label}"}}]}}"#),
        "limit",
        "annotation 0: label is 10001 characters long; the limit is 10000",
    );
}

#[test]
fn series_count_limit() {
    let series = |n: usize| {
        let items: Vec<String> = (0..n).map(|i| format!(r#"{{"name": "S{i}", "data": [["2023", {i}]]}}"#)).collect();
        format!(r#"{{"series": [{}]}}"#, items.join(","))
    };
    let e = expect(&series(MAX_SERIES + 1), "limit", "spec: 1001 series is more than the limit of 1000");
    assert!(matches!(e, ChartError::Limit { .. }));
    assert_eq!(ok(&series(MAX_SERIES)).series.len(), MAX_SERIES);
}

#[test]
fn nesting_limit() {
    let nested = |depth: usize| format!(r#"{{"title": {}1{}, "series": [{{"name": "T", "data": [["2023", 1]]}}]}}"#, "[".repeat(depth), "]".repeat(depth));
    // The spec object itself is one level, so 64 brackets make 65 levels.
    // The JSON reader adds where in the text the limit was hit.
    let e = expect(&nested(64), "limit", "the spec is nested more than 64 levels deep at line 1 column 74");
    assert!(matches!(e, ChartError::Limit { .. }));
    // 63 brackets are within the limit: the title is then simply not a string.
    expect(&nested(63), "invalid-field", "spec: title is an array of 1, expected a string");
    // Very deep text must not overflow the stack: the JSON reader refuses it first.
    let e = err(&nested(100_000));
    assert!(matches!(e, ChartError::Json { .. } | ChartError::Limit { .. }), "{e:?}");
}

// ---------------------------------------------------------------- accepted forms

#[test]
fn unsorted_input_is_sorted() {
    let c = ok(&one_series(r#""name": "Trade", "data": [["2023", 240.1], ["2016", 69.52], ["2020", 107.76]]"#));
    let s = &c.series[0];
    assert_eq!(s.x, vec![year_start(2016), year_start(2020), year_start(2023)]);
    assert_eq!(s.y_options(), vec![Some(69.52), Some(107.76), Some(240.1)]);
    assert_eq!(s.granularity, Granularity::Year);
}

#[test]
fn null_is_a_gap() {
    let c = ok(&one_series(r#""name": "Trade", "data": [["2021", 1], ["2022", null], ["2023", 3]]"#));
    assert_eq!(c.series[0].y_options(), vec![Some(1.0), None, Some(3.0)]);
    assert_eq!(c.series[0].len(), 3);
    assert!(!c.connect_gaps);
    let c = ok(r#"{"connectGaps": true, "series": [{"name": "T", "x": ["2021", "2022"], "y": [null, null]}]}"#);
    assert!(c.connect_gaps);
    assert_eq!(c.series[0].y_options(), vec![None, None]);
    assert_eq!(c.series[0].y_extent(), None);
}

#[test]
fn columnar_form() {
    let c = ok(&one_series(r#""name": "Trade", "x": ["2023-Q2", "2023-Q1"], "y": [2, 1]"#));
    let s = &c.series[0];
    assert_eq!(s.x, vec![ms_from_civil(2023, 1, 1), ms_from_civil(2023, 4, 1)]);
    assert_eq!(s.y_options(), vec![Some(1.0), Some(2.0)]);
    assert_eq!(s.granularity, Granularity::Quarter);
}

#[test]
fn epoch_milliseconds() {
    let jan = ms_from_civil(2023, 1, 1);
    let jun = ms_from_civil(2023, 6, 1);
    let c = ok(&one_series(&format!(r#""name": "Trade", "data": [[{jun}, 2], [{jan}, 1]]"#)));
    let s = &c.series[0];
    assert_eq!(s.x, vec![jan, jun]);
    assert_eq!(s.granularity, Granularity::Month, "the finest form of any timestamp decides");
    let c = ok(&one_series(&format!(r#""name": "Trade", "data": [[{jan}, 1], [{}, 2]]"#, year_start(2024))));
    assert_eq!(c.series[0].granularity, Granularity::Year);
    let c = ok(&one_series(&format!(r#""name": "Trade", "data": [[{}, 1]]"#, jan + 90_000.0)));
    assert_eq!(c.series[0].granularity, Granularity::Time);
    // A declared granularity wins.
    let c = ok(&one_series(&format!(r#""name": "Trade", "granularity": "daily", "data": [[{jan}, 1]]"#)));
    assert_eq!(c.series[0].granularity, Granularity::Day);
    // ISO date-times with offsets are UTC instants.
    let c = ok(&one_series(r#""name": "T", "data": [["2024-05-16T09:30:00+02:00", 1]]"#));
    assert_eq!(c.series[0].x, vec![ms_from_civil(2024, 5, 16) + 7.5 * 3_600_000.0]);
    assert_eq!(c.series[0].granularity, Granularity::Time);
}

#[test]
fn unit_shorthand() {
    let unit = |u: &str| ok(&one_series(&format!(r#""name": "T", "unit": {u}, "data": [["2023", 1]]"#))).series[0].unit.clone();
    assert_eq!(unit(r#""$""#), Unit::new("$", ""));
    assert_eq!(unit(r#""€""#), Unit::new("€", ""));
    assert_eq!(unit(r#""₽""#), Unit::new("₽", ""));
    assert_eq!(unit(r#""Mt""#), Unit::new("", " Mt"));
    assert_eq!(unit(r#""%""#), Unit::new("", "%"));
    assert_eq!(unit(r#"{"prefix": "$", "suffix": "bn"}"#), Unit::new("$", "bn"));
    assert_eq!(unit(r#"{"suffix": "m b/d"}"#), Unit::new("", "m b/d"));
    assert_eq!(unit("null"), Unit::default());
    expect(
        &one_series(r#""name": "T", "unit": 5, "data": [["2023", 1]]"#),
        "invalid-field",
        r#"series "T": unit is 5, expected a string or {"prefix", "suffix"}"#,
    );
    expect(
        &one_series(r#""name": "T", "unit": {"prefix": 1}, "data": [["2023", 1]]"#),
        "invalid-field",
        r#"series "T": unit.prefix is 1, expected a string"#,
    );
    // The shorthand string obeys the same text limit as every other text field.
    let long = "M".repeat(10_001);
    expect(
        &one_series(&format!(r#""name": "T", "unit": "{long}", "data": [["2023", 1]]"#)),
        "limit",
        r#"series "T": unit is 10001 characters long; the limit is 10000"#,
    );
}

#[test]
fn combo_makes_first_series_bars_and_the_rest_lines() {
    let c = ok(r#"{"kind": "combo", "series": [
        {"name": "Trade", "data": [["2023", 1]]},
        {"name": "Crude", "data": [["2023", 2]]},
        {"name": "Gas", "data": [["2023", 3]]}]}"#);
    let kinds: Vec<SeriesKind> = c.series.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, vec![SeriesKind::Bar, SeriesKind::Line, SeriesKind::Line]);
    // An explicit series kind wins over combo.
    let c = ok(r#"{"kind": "combo", "series": [
        {"name": "Trade", "kind": "area", "data": [["2023", 1]]},
        {"name": "Crude", "kind": "bar", "data": [["2023", 2]]}]}"#);
    let kinds: Vec<SeriesKind> = c.series.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, vec![SeriesKind::Area, SeriesKind::Bar]);
    // A chart kind is every series' default.
    let c = ok(r#"{"kind": "area", "series": [{"name": "A", "data": [["2023", 1]]}, {"name": "B", "kind": "line", "data": [["2023", 1]]}]}"#);
    let kinds: Vec<SeriesKind> = c.series.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, vec![SeriesKind::Area, SeriesKind::Line]);
}

#[test]
fn demo_specs_are_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("www/data") {
        let path = entry.expect("dir entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read spec");
        let c = parse_spec(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!c.title.is_empty());
        assert_eq!(c.locale.tag(), "en-GB");
        assert_eq!(c.theme, ThemeChoice::Auto);
        n += 1;
    }
    assert_eq!(n, 6);
    let c = parse_spec(&std::fs::read_to_string(format!("{dir}/trade-story.json")).expect("read")).expect("valid");
    assert_eq!(c.steps.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["start", "no-limits", "record", "crude"]);
    let c = parse_spec(&std::fs::read_to_string(format!("{dir}/trade-vs-crude-dual-axis.json")).expect("read")).expect("valid");
    assert_eq!(c.effective_view(), View::DualAxis);
    // A byte-order mark is tolerated.
    ok(&format!("\u{feff}{}", one_series(r#""name": "T", "data": [["2023", 1]]"#)));
}
