//! Reading a chart spec (JSON text or a JavaScript object) into a validated [`Chart`].
//!
//! Every rejection names where it happened: `series "Crude imports" point 7 (2023): y is
//! "n/a", expected a number or null`. Unknown fields are errors (they are usually typos,
//! and a silently ignored `colour` is worse than a message).
//!
//! The data may instead come as CSV text in the spec's `csv` field (read by
//! [`crate::ingest::csv_input`]); `series` entries then only add metadata to CSV columns.

use crate::ingest::csv_input::{read_table, CsvOptions};
use crate::axis::date::{check_epoch_ms, parse_date_in, DayOrder, Granularity};
use crate::error::ChartError;
use crate::axis::format::{self, Locale, Unit};
use crate::ingest::json::{Json, MAX_DEPTH};
use crate::ingest::points::{sort_order, sort_points, MAX_POINTS, MAX_SERIES};
use crate::order::order_by;
use crate::model::{Annotation, AnnotationKind, Chart, ScaleKind, Series, SeriesKind, SummaryCache, ThemeChoice, View};
use crate::ingest::table::{series_from_table, table_from_records, DateFormat, TableOptions, TableSeries};
use crate::theme::{Rgb, PALETTE_LEN};
use std::borrow::Cow;

/// Longest text field, in characters; longer text is an error, not silently cut.
pub const MAX_TEXT: usize = 10_000;

const CHART_FIELDS: &[&str] = &[
    "title", "subtitle", "source", "notes", "byline", "kind", "view", "locale", "theme", "scale",
    "connectGaps", "indexBase", "height", "series", "annotations", "csv", "decimalComma", "steps", "data", "x",
    "xColumn", "seriesColumn", "valueColumn", "columns", "dateFormat",
];
const SERIES_FIELDS: &[&str] = &["name", "unit", "kind", "color", "granularity", "decimals", "data", "x", "y"];
/// Series entries of a table (`csv` or `data` records) may also name their column.
const TABLE_SERIES_FIELDS: &[&str] = &["name", "field", "unit", "kind", "color", "granularity", "decimals"];
const UNIT_FIELDS: &[&str] = &["prefix", "suffix", "scale"];
const ANNOTATION_FIELDS: &[&str] = &["type", "x", "from", "to", "series", "label"];

/// Parses JSON text into a validated chart.
pub fn parse_spec(text: &str) -> Result<Chart, ChartError> {
    chart_from_owned(Json::parse(text)?)
}

/// Builds a chart from bare CSV text with defaults for everything else: the same chart
/// as the spec `{"csv": text}`.
pub fn parse_csv_chart(text: &str) -> Result<Chart, ChartError> {
    chart_from_json(&Json::Object(vec![("csv".into(), Json::String(text.into()))]))
}

/// The spec's `kind`: `None` unset, `Some(None)` combo, `Some(Some(kind))` one kind for all.
fn chart_kind(json: &Json) -> Result<Option<Option<SeriesKind>>, ChartError> {
    Ok(match json.get("kind") {
        None | Some(Json::Null) => None,
        Some(Json::String(k)) if k == "combo" => Some(None),
        Some(Json::String(k)) => match SeriesKind::from_name(k) {
            Some(kind) => Some(Some(kind)),
            None => return Err(ChartError::invalid("spec", "kind", crate::ingest::json::describe_str(k), "\"line\", \"area\", \"bar\" or \"combo\"")),
        },
        Some(other) => return Err(other.invalid_as("spec", "kind", "a string")),
    })
}

/// The spec's `view`, panels when unset.
fn view_field(json: &Json) -> Result<View, ChartError> {
    Ok(match json.get("view") {
        None | Some(Json::Null) => View::Panels,
        Some(Json::String(v)) => View::from_name(v).ok_or_else(|| {
            ChartError::invalid("spec", "view", crate::ingest::json::describe_str(v), "\"panels\", \"dual-axis\", \"indexed\" or \"single\"")
        })?,
        Some(other) => return Err(other.invalid_as("spec", "view", "a string")),
    })
}

/// The spec's `locale`, the default locale when unset.
fn locale_field(json: &Json) -> Result<&'static Locale, ChartError> {
    Ok(match json.get("locale") {
        None | Some(Json::Null) => format::default_locale(),
        Some(Json::String(tag)) => Locale::from_tag(tag).ok_or_else(|| {
            ChartError::invalid("spec", "locale", crate::ingest::json::describe_str(tag), "a supported locale such as \"en-US\", \"en-GB\" or \"de-DE\"")
        })?,
        Some(other) => return Err(other.invalid_as("spec", "locale", "a locale tag string")),
    })
}

/// The spec's `theme`, auto when unset.
fn theme_field(json: &Json) -> Result<ThemeChoice, ChartError> {
    Ok(match json.get("theme") {
        None | Some(Json::Null) => ThemeChoice::Auto,
        Some(Json::String(t)) if t == "light" => ThemeChoice::Light,
        Some(Json::String(t)) if t == "dark" => ThemeChoice::Dark,
        Some(Json::String(t)) if t == "auto" => ThemeChoice::Auto,
        Some(other) => return Err(other.invalid_as("spec", "theme", "\"light\", \"dark\" or \"auto\"")),
    })
}

/// The spec's `scale`, linear when unset.
fn scale_field(json: &Json) -> Result<ScaleKind, ChartError> {
    Ok(match json.get("scale") {
        None | Some(Json::Null) => ScaleKind::Linear,
        Some(Json::String(s)) if s == "linear" => ScaleKind::Linear,
        Some(Json::String(s)) if s == "log" => ScaleKind::Log,
        Some(other) => return Err(other.invalid_as("spec", "scale", "\"linear\" or \"log\"")),
    })
}

/// Sets each series' display decimals and magnitude word.
fn decide_display(series: &mut [Series], locale: &Locale) {
    // Decide display decimals and the magnitude word once, not per tooltip or table cell:
    // values of a million and more (a thousand and more with a unit scale) are written
    // "12.6bn", with one decimal unless the series sets decimals.
    for s in series.iter_mut() {
        // The largest |value| is the larger end of the extent: the summary's one chunked pass
        // (kept for layout and interaction) instead of a pass of its own.
        let max = largest_magnitude(s).unwrap_or(0.0) * s.unit.scale.unwrap_or(1.0);
        let from = if s.unit.scale.is_some() { 1e3 } else { format::COMPACT_VALUE_FROM };
        if max >= from {
            s.magnitude = format::compact_magnitude(max, locale);
        }
        if s.decimals.is_none() {
            s.decimals = Some(if s.magnitude.is_some() { 1 } else { s.auto_decimals() });
        }
    }
}

/// The largest absolute value of a series (None without values), from its summary.
fn largest_magnitude(s: &Series) -> Option<f64> {
    s.y_extent().map(|(lo, hi)| lo.abs().max(hi.abs()))
}

/// The spec's `height` in CSS pixels, none when unset.
fn height_field(json: &Json) -> Result<Option<f64>, ChartError> {
    Ok(match json.get("height") {
        None | Some(Json::Null) => None,
        Some(Json::Number(h)) if h.is_finite() && (120.0..=4000.0).contains(h) => Some(*h),
        Some(other) => return Err(other.invalid_as("spec", "height", "a number of CSS pixels from 120 to 4000")),
    })
}

/// The spec's `dateFormat` for tables, none when unset.
fn date_format_field(json: &Json) -> Result<Option<DateFormat>, ChartError> {
    Ok(match json.get("dateFormat") {
        None | Some(Json::Null) => None,
        Some(Json::String(f)) => Some(DateFormat::from_name(f).ok_or_else(|| {
            ChartError::invalid("spec", "dateFormat", crate::ingest::json::describe_str(f), "\"day-first\", \"month-first\", \"epoch-seconds\" or \"epoch-milliseconds\"")
        })?),
        Some(other) => return Err(other.invalid_as("spec", "dateFormat", "a string")),
    })
}

/// Validates a parsed JSON tree into a chart.
pub fn chart_from_json(json: &Json) -> Result<Chart, ChartError> {
    validate(json, &mut [])
}

/// The typed-array columns of one series, taken out of the tree: x and y.
type OwnedColumns = Option<(Vec<f64>, Vec<f64>)>;

/// Validates a tree that the caller gives away: a series whose x and y are both typed
/// arrays (`Json::Numbers`, the harness's hand-over) keeps those vectors as its columns
/// when they are in order, so the data is held once, not copied again.
pub(crate) fn chart_from_owned(mut json: Json) -> Result<Chart, ChartError> {
    let mut owned: Vec<OwnedColumns> = Vec::new();
    if let Json::Object(fields) = &mut json {
        if let Some((_, Json::Array(items))) = fields.iter_mut().find(|(k, _)| k == "series") {
            owned = items.iter_mut().map(take_columns).collect();
        }
    }
    validate(&json, &mut owned)
}

/// Takes x and y out of a series entry when both are typed arrays and no `data` is
/// given; what stays behind is an empty `Numbers`, which validation reads the same way.
fn take_columns(entry: &mut Json) -> OwnedColumns {
    let Json::Object(fields) = entry else { return None };
    if fields.iter().any(|(k, _)| k == "data") {
        return None;
    }
    let is_numbers = |key: &str, fields: &[(String, Json)]| fields.iter().any(|(k, v)| k == key && matches!(v, Json::Numbers(_)));
    if !(is_numbers("x", fields) && is_numbers("y", fields)) {
        return None;
    }
    let mut take = |key: &str| {
        fields.iter_mut().find(|(k, _)| k == key).and_then(|(_, v)| match v {
            Json::Numbers(values) => Some(std::mem::take(values)),
            _ => None,
        })
    };
    Some((take("x")?, take("y")?))
}

/// Validates a tree into a chart, with the typed-array columns already taken out of it
/// (`owned`, by series index; empty when nothing was taken).
fn validate(json: &Json, owned: &mut [OwnedColumns]) -> Result<Chart, ChartError> {
    if json.depth() > MAX_DEPTH {
        return Err(ChartError::Limit {
            message: format!("the spec is nested more than {MAX_DEPTH} levels deep"),
        });
    }
    let fields = object(json, "spec", "the spec")?;
    check_fields(fields, "spec", CHART_FIELDS)?;

    let text = |name: &str| optional_text(json.get(name), "spec", name);
    let chart_kind = chart_kind(json)?;
    let view = view_field(json)?;
    let explicit_locale = !matches!(json.get("locale"), None | Some(Json::Null));
    let locale = locale_field(json)?;
    let theme = theme_field(json)?;
    let scale = scale_field(json)?;
    let connect_gaps = match json.get("connectGaps") {
        None | Some(Json::Null) => false,
        Some(Json::Bool(b)) => *b,
        Some(other) => return Err(other.invalid_as("spec", "connectGaps", "true or false")),
    };
    let index_base = match json.get("indexBase") {
        None | Some(Json::Null) => None,
        Some(v) => Some(parse_x(v, &|| "spec".to_string(), "indexBase")?.0),
    };
    let height = height_field(json)?;

    let csv_text = match json.get("csv") {
        None | Some(Json::Null) => None,
        Some(Json::String(t)) => Some(t.as_str()),
        Some(other) => return Err(other.invalid_as("spec", "csv", "the CSV text as a string")),
    };
    let decimal_comma = match json.get("decimalComma") {
        None | Some(Json::Null) => None,
        Some(Json::Bool(b)) if csv_text.is_some() => Some(*b),
        Some(Json::Bool(b)) => return Err(ChartError::invalid("spec", "decimalComma", b.to_string(), "it only in a spec with \"csv\"")),
        Some(other) => return Err(other.invalid_as("spec", "decimalComma", "true or false")),
    };
    let records = match json.get("data") {
        None | Some(Json::Null) => None,
        Some(data) if csv_text.is_some() => {
            return Err(data.invalid_as("spec", "data", "either csv or data, not both"));
        }
        Some(data) => Some(data),
    };
    let date_format = date_format_field(json)?;
    let table_options = if csv_text.is_some() || records.is_some() {
        Some(table_options(json, date_format, explicit_locale.then_some(locale))?)
    } else {
        for field in ["xColumn", "seriesColumn", "valueColumn", "columns", "dateFormat", "x"] {
            if let Some(v) = json.get(field).filter(|v| !matches!(v, Json::Null)) {
                return Err(v.invalid_as("spec", field, "it only with \"csv\" or \"data\" records"));
            }
        }
        None
    };

    // The series; for each whether its entry sets `kind` (for combo charts) and, when
    // its points were sorted, the input index of each point (for messages).
    let mut warnings = Vec::new();
    let mut detected = Vec::new();
    let (mut series, explicit_kind, origins) = match (csv_text, records, table_options) {
        (Some(text), _, Some(options)) => {
            let table = read_table(text, &CsvOptions { decimal_comma })?;
            table_series(&table, options, json.get("series"), chart_kind.flatten(), &mut warnings, &mut detected)?
        }
        (None, Some(data), Some(options)) => {
            let table = table_from_records(data)?;
            table_series(&table, options, json.get("series"), chart_kind.flatten(), &mut warnings, &mut detected)?
        }
        _ => json_series(json.get("series"), chart_kind.flatten(), owned)?,
    };
    if chart_kind == Some(None) {
        // combo: bars for the first series unless set, lines for the rest.
        for (i, s) in series.iter_mut().enumerate() {
            if !explicit_kind.get(i).copied().unwrap_or(false) {
                s.kind = if i == 0 { SeriesKind::Bar } else { SeriesKind::Line };
            }
        }
    }
    if scale == ScaleKind::Log {
        for (s, origin) in series.iter().zip(&origins) {
            check_log_range(s, origin.as_deref())?;
        }
    }

    let annotations = match json.get("annotations") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Array(items)) => {
            let mut parsed = Vec::with_capacity(items.len());
            for (i, a) in items.iter().enumerate() {
                parsed.push(parse_annotation(a, i, &series)?);
            }
            parsed
        }
        Some(other) => return Err(other.invalid_as("spec", "annotations", "an array")),
    };

    let steps = crate::ingest::steps::parse_steps(json.get("steps"), &series, &annotations, parse_annotation)?;

    decide_display(&mut series, locale);
    palette_warning(&series, &mut warnings);

    // Only panels split by size; a log scale, the indexed view and two axes draw every
    // series readably as they are.
    let bands = if scale == ScaleKind::Log || !matches!(view, View::Panels | View::Single) { Vec::new() } else { magnitude_bands(&series, &mut warnings) };
    let chart = Chart {
        title: text("title")?,
        subtitle: text("subtitle")?,
        source: text("source")?,
        notes: text("notes")?,
        byline: text("byline")?,
        view,
        locale,
        theme,
        scale,
        connect_gaps,
        index_base,
        height,
        series,
        annotations,
        steps,
        bands,
        warnings,
        detected,
    };
    if chart.effective_view() == View::Indexed {
        chart.series.iter().try_for_each(check_indexable)?;
    }
    Ok(chart)
}

/// Past the palette's [`PALETTE_LEN`] colours, series without a `color` reuse them: a
/// warning names the first two that look alike, so that nobody reads them as one.
fn palette_warning(series: &[Series], warnings: &mut Vec<String>) {
    let auto: Vec<(usize, &Series)> = series.iter().enumerate().filter(|(_, s)| s.color.is_none()).collect();
    for (k, (j, later)) in auto.iter().enumerate() {
        if let Some((_, first)) = auto.get(..k).unwrap_or_default().iter().find(|(i, _)| i % PALETTE_LEN == j % PALETTE_LEN) {
            warnings.push(format!(
                "the palette has {PALETTE_LEN} colours, so series \"{}\" has the colour of \"{}\"; give the series their own \"color\" to tell them apart",
                later.name, first.name
            ));
            return;
        }
    }
}

/// Refuses a series whose values, rebased to 100 on any of its own values, would overflow
/// what an axis can show (`ticks::MAX_MAGNITUDE`): the indexed view would have no honest
/// axis for it. Names the smallest and largest value by date.
fn check_indexable(s: &Series) -> Result<(), ChartError> {
    let mut small: Option<(usize, f64)> = None;
    let mut large: Option<(usize, f64)> = None;
    for (i, v) in s.y.iter().enumerate() {
        let a = v.abs();
        if a.is_nan() || a <= 0.0 {
            continue;
        }
        if small.is_none_or(|(_, m)| a < m) {
            small = Some((i, a));
        }
        if large.is_none_or(|(_, m)| a > m) {
            large = Some((i, a));
        }
    }
    let (Some((i_small, lo)), Some((i_large, hi))) = (small, large) else { return Ok(()) };
    let ratio = hi / lo * 100.0;
    // 1e304 × 100 = ticks::MAX_MAGNITUDE (1e306), the largest value an axis shows.
    if ratio.is_finite() && ratio <= crate::axis::ticks::MAX_MAGNITUDE {
        return Ok(());
    }
    let label = |i: usize| s.x.get(i).map(|ms| format::format_date(*ms, s.granularity, format::default_locale())).unwrap_or_default();
    let value = |i: usize| s.value(i).unwrap_or(f64::NAN);
    Err(ChartError::Scale {
        message: format!(
            "series \"{}\": {} ({}) is more than 1e304 times {} ({}), so its indexed values (= 100 at the base) overflow; use another \"view\" for this series",
            s.name,
            plain_number(value(i_large)),
            label(i_large),
            plain_number(value(i_small)),
            label(i_small)
        ),
    })
}

/// How many times larger one series may be than another in the same unit before they
/// are drawn in separate panels.
pub const MAGNITUDE_SPLIT: f64 = 100.0;

/// Magnitude bands within each unit: series sorted by their largest absolute value start
/// a new band when the band's largest is more than [`MAGNITUDE_SPLIT`] times theirs, so a
/// volume column (10^10) does not flatten five price columns (10^2) into a line at zero.
/// Each split adds a warning naming the series.
fn magnitude_bands(series: &[Series], warnings: &mut Vec<String>) -> Vec<usize> {
    let mut bands = vec![0usize; series.len()];
    let mut seen_units: Vec<&Unit> = Vec::new();
    for s in series {
        if seen_units.contains(&&s.unit) {
            continue;
        }
        seen_units.push(&s.unit);
        let (mut members, mut by_size) = (Vec::new(), Vec::new());
        for (i, t) in series.iter().enumerate() {
            // (Every series' summary is cached already: decide_display read them all.)
            if let Some(m) = largest_magnitude(t).filter(|m| *m > 0.0 && t.unit == s.unit) {
                members.push((i, m));
                by_size.push(-m);
            }
        }
        if members.len() < 2 {
            continue;
        }
        members = order_by(&by_size).into_iter().filter_map(|k| members.get(k).copied()).collect();
        let mut band = 0;
        let mut top = members.first().map_or(0.0, |m| m.1);
        for (i, m) in &members {
            if top / m > MAGNITUDE_SPLIT {
                band += 1;
                top = *m;
            }
            if let Some(b) = bands.get_mut(*i) {
                *b = band;
            }
        }
        if band == 0 {
            continue;
        }
        // The largest band against the rest, each in series order.
        let in_band = |i: usize, first: bool| members.iter().any(|(k, _)| *k == i) && (bands.get(i).copied().unwrap_or(0) == 0) == first;
        let names = |first: bool| -> Vec<String> {
            (0..series.len()).filter(|&i| in_band(i, first)).filter_map(|i| series.get(i)).map(|s| crate::ingest::json::describe_str(&s.name)).collect()
        };
        let (bigger, smaller) = (names(true), names(false));
        warnings.push(format!(
            "{} {} more than {MAGNITUDE_SPLIT}× the size of {} in the same unit, so the series are drawn in panels by size, each with its own axis, to keep the smaller ones from flattening (give them different units, or set \"scale\": \"log\" or \"view\": \"indexed\", to draw them on one axis)",
            bigger.join(", "),
            if bigger.len() == 1 { "is" } else { "are" },
            smaller.join(", "),
        ));
    }
    // Bands are numbered per unit from the largest; panels follow series order anyway.
    bands
}

/// Series, whether each entry sets `kind`, and for each series whose points were sorted
/// the input index of every point.
type SeriesList = (Vec<Series>, Vec<bool>, Vec<Option<Vec<usize>>>);

/// Series given with their data in the spec's `series` array.
fn json_series(value: Option<&Json>, default_kind: Option<SeriesKind>, owned: &mut [OwnedColumns]) -> Result<SeriesList, ChartError> {
    let series_json = match value {
        Some(Json::Array(items)) => items,
        Some(other) => return Err(other.invalid_as("spec", "series", "an array of series")),
        None => return Err(ChartError::MissingField { location: "spec".into(), field: "series".into() }),
    };
    if series_json.is_empty() {
        return Err(ChartError::Empty { what: "spec: series is empty; a chart needs at least one series".into() });
    }
    if series_json.len() > MAX_SERIES {
        return Err(ChartError::Limit {
            message: format!("spec: {} series is more than the limit of {MAX_SERIES}", series_json.len()),
        });
    }
    let mut total_points = 0usize;
    let mut series = Vec::with_capacity(series_json.len());
    let mut origins = Vec::with_capacity(series_json.len());
    for (i, s) in series_json.iter().enumerate() {
        let taken = owned.get_mut(i).and_then(Option::take);
        let (parsed, origin) = parse_series(s, i, default_kind, &mut total_points, taken)?;
        if series.iter().any(|other: &Series| other.name == parsed.name) {
            return Err(ChartError::invalid(
                crate::error::numbered("series ", "", i),
                "name",
                crate::ingest::json::describe_str(&parsed.name),
                "a name not used by another series",
            ));
        }
        series.push(parsed);
        origins.push(origin);
    }
    let explicit_kind = series_json.iter().map(|j| j.get("kind").is_some()).collect();
    Ok((series, explicit_kind, origins))
}

/// The table options of a spec with `csv` or `data` records.
fn table_options(json: &Json, date_format: Option<DateFormat>, locale: Option<&'static Locale>) -> Result<TableOptions, ChartError> {
    let name = |field: &str| -> Result<Option<String>, ChartError> {
        match json.get(field) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
            Some(other) => Err(other.invalid_as("spec", field, "the name of a column")),
        }
    };
    let x_column = match (name("xColumn")?, name("x")?) {
        (Some(_), Some(_)) => return Err(ChartError::invalid("spec", "x", "given together with xColumn", "either x or xColumn, not both")),
        (a, b) => a.or(b),
    };
    let columns = match json.get("columns") {
        None | Some(Json::Null) => None,
        Some(Json::Array(items)) if !items.is_empty() => {
            let mut names = Vec::with_capacity(items.len());
            for (i, v) in items.iter().enumerate() {
                match v {
                    Json::String(s) => names.push(s.clone()),
                    other => return Err(ChartError::invalid("spec", format!("columns[{i}]"), other.describe(), "a column name")),
                }
            }
            Some(names)
        }
        Some(other) => return Err(other.invalid_as("spec", "columns", "a non-empty array of column names")),
    };
    Ok(TableOptions {
        x_column,
        series_column: name("seriesColumn")?,
        value_column: name("valueColumn")?,
        columns,
        date_format,
        locale_order: locale.map(|l| if l.day_first() { DayOrder::DayFirst } else { DayOrder::MonthFirst }),
    })
}

/// Series read from a table (the spec's `csv` text or `data` records), with metadata
/// from optional `series` entries. An entry matches a column (or, in a long table, a
/// series name) by `field` when it has one, else by `name`. When any entry has a
/// `field`, the chart shows exactly the entries' columns in entry order, each renamed
/// to its entry's `name`; otherwise entries only add metadata and every column shows.
fn table_series(
    table: &crate::ingest::table::Table,
    mut options: TableOptions,
    entries: Option<&Json>,
    default_kind: Option<SeriesKind>,
    warnings: &mut Vec<String>,
    detected: &mut Vec<(String, String)>,
) -> Result<SeriesList, ChartError> {
    let entries: &[Json] = match entries {
        None | Some(Json::Null) => &[],
        Some(Json::Array(items)) => items,
        Some(other) => return Err(other.invalid_as("spec", "series", "an array of series")),
    };
    // Check the entries first, so that a typo is reported before the data is read.
    let mut keyed: Vec<(String, Option<String>, String)> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let fields = object(entry, &crate::error::numbered("series ", "", i), "series entry")?;
        let text_of = |field: &str| match entry.get(field) {
            Some(Json::String(s)) => Ok(Some(s.clone())),
            None | Some(Json::Null) => Ok(None),
            Some(other) => Err(ChartError::invalid(crate::error::numbered("series ", "", i), field, other.describe(), "a string")),
        };
        let name = text_of("name")?;
        let field = text_of("field")?;
        let Some(name) = name.clone().or_else(|| field.clone()) else {
            return Err(ChartError::MissingField { location: crate::error::numbered("series ", "", i), field: "name".into() });
        };
        let loc = series_location(&name, i);
        for field in ["data", "x", "y"] {
            if let Some(value) = entry.get(field) {
                return Err(ChartError::invalid(
                    loc,
                    field,
                    value.describe(),
                    if table.is_csv() {
                        "nothing: with \"csv\" the values come from the CSV column of the same name"
                    } else {
                        "nothing: with \"data\" records the values come from the field of the same name (or the entry's field)"
                    },
                ));
            }
        }
        check_fields(fields, &loc, TABLE_SERIES_FIELDS)?;
        keyed.push((field.clone().unwrap_or_else(|| name.clone()), field, name));
    }
    let by_field = keyed.iter().any(|(_, field, _)| field.is_some());
    if by_field && options.columns.is_none() {
        options.columns = Some(keyed.iter().map(|(key, _, _)| key.clone()).collect());
    }
    let TableSeries { mut series, origins, warnings: table_warnings, detected: table_detected } = series_from_table(table, &options)?;
    warnings.extend(table_warnings);
    detected.extend(table_detected);
    for s in &mut series {
        s.kind = default_kind.unwrap_or(SeriesKind::Line);
    }
    let mut explicit_kind = vec![false; series.len()];
    let mut claimed: Vec<bool> = vec![false; series.len()];
    for (i, (entry, (key, _, name))) in entries.iter().zip(&keyed).enumerate() {
        let loc = series_location(name, i);
        let column = series.iter().position(|s| &s.name == key).ok_or_else(|| {
            let headers = series_names(&series, true);
            let what = if entry.get("field").is_some() { "field" } else { "name" };
            ChartError::invalid(
                crate::error::numbered("series ", "", i),
                what,
                crate::ingest::json::describe_str(key),
                if table.is_csv() {
                    format!("the name of a CSV column ({headers})")
                } else {
                    format!("the name of a field with numbers ({headers})")
                },
            )
        })?;
        if claimed.get(column).copied().unwrap_or(false) || (by_field && series.iter().enumerate().any(|(k, s)| k != column && &s.name == name)) {
            return Err(ChartError::invalid(
                crate::error::numbered("series ", "", i),
                "name",
                crate::ingest::json::describe_str(name),
                "a name not used by another series",
            ));
        }
        let meta = parse_series_meta(entry, &loc, default_kind)?;
        if let Some(s) = series.get_mut(column) {
            s.name = name.clone();
            if !matches!(entry.get("unit"), None | Some(Json::Null)) {
                s.unit = meta.unit;
            }
            s.kind = meta.kind;
            s.color = meta.color;
            if let Some(g) = meta.granularity {
                s.granularity = g;
            }
            s.decimals = meta.decimals;
        }
        if let Some(flag) = explicit_kind.get_mut(column) {
            *flag = entry.get("kind").is_some();
        }
        if let Some(flag) = claimed.get_mut(column) {
            *flag = true;
        }
    }
    Ok((series, explicit_kind, origins))
}

/// The first ten series' names, quoted and joined by ", " (then "…" for more when
/// `more`), for a message that asks for one of them. Out of line: the one builder of them.
#[cold]
#[inline(never)]
pub(crate) fn series_names(series: &[Series], more: bool) -> String {
    let mut out = String::new();
    for (k, s) in series.iter().enumerate() {
        if k == 10 {
            if more {
                out.push_str(", …");
            }
            break;
        }
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(&crate::ingest::json::describe_str(&s.name));
    }
    out
}

fn object<'a>(json: &'a Json, location: &str, what: &str) -> Result<&'a [(String, Json)], ChartError> {
    match json {
        Json::Object(fields) => Ok(fields),
        other => Err(other.invalid_as(location, what, "an object")),
    }
}

/// The first point (in input order) that a log scale cannot show: zero, negative, or
/// beyond the log axis's range of 1e-100 to 1e100 (`ticks::MAX_LOG_MAGNITUDE`).
fn check_log_range(s: &Series, origin: Option<&[usize]>) -> Result<(), ChartError> {
    let max = crate::axis::ticks::MAX_LOG_MAGNITUDE;
    let bad = s.y.iter().enumerate().filter_map(|(i, v)| {
        let original = origin.and_then(|o| o.get(i).copied()).unwrap_or(i);
        crate::model::gap(*v).filter(|v| *v <= 0.0 || *v < 1.0 / max || *v > max).map(|v| (original, v))
    });
    let Some((i, v)) = bad.min_by_key(|(i, _)| *i) else { return Ok(()) };
    let why = if v <= 0.0 {
        "a log scale can only show values above zero".to_string()
    } else {
        format!("a log scale shows values from {} to {}", format::exponent_form(1.0 / max), format::exponent_form(max))
    };
    Err(ChartError::Scale { message: format!("series \"{}\" point {i}: y is {}, but {why}; use \"scale\": \"linear\"", s.name, plain_number(v)) })
}

/// A number as a reader would type it: `0.5`, `-3`, and exponent form (`1e-308`) only for
/// magnitudes that plain digits would spell out over dozens of characters.
fn plain_number(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-6..1e15).contains(&a) {
        format::exponent_form(v)
    } else {
        format!("{v}")
    }
}

fn check_fields(fields: &[(String, Json)], location: &str, known: &'static [&'static str]) -> Result<(), ChartError> {
    match fields.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        Some((k, _)) => Err(ChartError::UnknownField { location: location.into(), field: k.clone(), known }),
        None => Ok(()),
    }
}

fn optional_text(value: Option<&Json>, location: &str, field: &str) -> Result<String, ChartError> {
    match value {
        None | Some(Json::Null) => Ok(String::new()),
        Some(Json::String(s)) if s.chars().count() <= MAX_TEXT => Ok(s.clone()),
        Some(Json::String(s)) => Err(ChartError::Limit {
            message: format!("{location}: {field} is {} characters long; the limit is {MAX_TEXT}", s.chars().count()),
        }),
        Some(other) => Err(other.invalid_as(location, field, "a string")),
    }
}

/// Reads an x value: a date string or epoch milliseconds.
fn parse_x(value: &Json, location: &dyn Fn() -> String, field: &str) -> Result<(f64, Granularity), ChartError> {
    match value {
        Json::String(s) => parse_date_in(s, None).map_err(|e| {
            value.invalid_as(location(), field, &format!("a date ({e})"))
        }),
        Json::Number(ms) => check_epoch_ms(*ms)
            .map(|ms| (ms, Granularity::of_timestamp(ms)))
            .map_err(|e| value.invalid_as(location(), field, &format!("epoch milliseconds ({e})"))),
        other => Err(other.invalid_as(location(), field, "a date string such as \"2023\" or \"2023-06-16\", or epoch milliseconds")),
    }
}

fn parse_y(value: &Json, location: &dyn Fn() -> String) -> Result<Option<f64>, ChartError> {
    match value {
        Json::Null => Ok(None),
        Json::Number(v) if v.is_finite() => Ok(Some(*v)),
        other => Err(ChartError::invalid(location(), "y", other.describe(), "a number or null")),
    }
}

fn parse_unit(value: Option<&Json>, location: &str) -> Result<Unit, ChartError> {
    match value {
        None | Some(Json::Null) => Ok(Unit::default()),
        Some(text @ Json::String(_)) => optional_text(Some(text), location, "unit").map(|s| Unit::from_shorthand(&s)),
        Some(obj @ Json::Object(fields)) => {
            check_fields(fields, &format!("{location} unit"), UNIT_FIELDS)?;
            let scale = match obj.get("scale") {
                None | Some(Json::Null) => None,
                Some(Json::Number(v)) if v.is_finite() && *v > 0.0 => Some(*v),
                Some(other) => {
                    return Err(other.invalid_as(location, "unit.scale", "a number above zero: what one raw value is worth (1 for raw dollars, 1000 for thousands)"));
                }
            };
            Ok(Unit {
                prefix: optional_text(obj.get("prefix"), location, "unit.prefix")?,
                suffix: optional_text(obj.get("suffix"), location, "unit.suffix")?,
                scale,
            })
        }
        Some(other) => Err(other.invalid_as(location, "unit", "a string or {\"prefix\", \"suffix\"}")),
    }
}

fn series_location(name: &str, index: usize) -> String {
    if name.is_empty() {
        crate::error::numbered("series ", "", index)
    } else {
        format!("series \"{name}\"")
    }
}

/// What a series entry says besides its data.
struct SeriesMeta {
    unit: Unit,
    kind: SeriesKind,
    color: Option<Rgb>,
    granularity: Option<Granularity>,
    decimals: Option<usize>,
}

fn parse_series_meta(json: &Json, loc: &str, default_kind: Option<SeriesKind>) -> Result<SeriesMeta, ChartError> {
    let unit = parse_unit(json.get("unit"), loc)?;
    let kind = match json.get("kind") {
        None | Some(Json::Null) => default_kind.unwrap_or(SeriesKind::Line),
        Some(Json::String(k)) => SeriesKind::from_name(k)
            .ok_or_else(|| ChartError::invalid(loc, "kind", crate::ingest::json::describe_str(k), "\"line\", \"area\" or \"bar\""))?,
        Some(other) => return Err(other.invalid_as(loc, "kind", "a string")),
    };
    let color = match json.get("color") {
        None | Some(Json::Null) => None,
        Some(Json::String(c)) => Some(
            Rgb::parse_hex(c).ok_or_else(|| ChartError::invalid(loc, "color", crate::ingest::json::describe_str(c), "a hex colour such as \"#0072b2\""))?,
        ),
        Some(other) => return Err(other.invalid_as(loc, "color", "a hex colour string")),
    };
    let declared_granularity = match json.get("granularity") {
        None | Some(Json::Null) => None,
        Some(Json::String(g)) => Some(Granularity::from_name(g).ok_or_else(|| {
            ChartError::invalid(loc, "granularity", crate::ingest::json::describe_str(g), "\"annual\", \"quarterly\", \"monthly\", \"daily\" or \"time\"")
        })?),
        Some(other) => return Err(other.invalid_as(loc, "granularity", "a string")),
    };
    let decimals = match json.get("decimals") {
        None | Some(Json::Null) => None,
        Some(Json::Number(d)) if d.fract() == 0.0 && (0.0..=6.0).contains(d) => Some(*d as usize),
        Some(other) => return Err(other.invalid_as(loc, "decimals", "a whole number from 0 to 6")),
    };
    Ok(SeriesMeta { unit, kind, color, granularity: declared_granularity, decimals })
}

/// A column as plain numbers: typed arrays as they are; plain arrays of numbers (and, in
/// y, nulls, which become NaN gaps); anything else is an error naming the point.
fn column_values<'a>(value: &'a Json, loc: &str, field: &str) -> Result<std::borrow::Cow<'a, [f64]>, ChartError> {
    match value {
        Json::Numbers(v) => Ok(std::borrow::Cow::Borrowed(v.as_slice())),
        Json::Array(items) => {
            let mut values = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                values.push(match item {
                    Json::Number(v) if v.is_finite() => *v,
                    Json::Null if field == "y" => f64::NAN,
                    other => {
                        let expected = if field == "y" { "a number or null" } else { "epoch milliseconds" };
                        return Err(ChartError::invalid(crate::error::numbered(loc, " point ", i), field, other.describe(), expected));
                    }
                });
            }
            Ok(std::borrow::Cow::Owned(values))
        }
        other => Err(other.invalid_as(loc, field, "an array")),
    }
}

/// Validated columns: sorted x, y with NaN gaps, and the granularity.
type Columns = (Vec<f64>, Vec<f64>, Granularity);

/// Validates typed-array columns: x finite epoch ms in range, y finite or NaN (a gap).
/// Sorted input (the usual case) costs one pass that checks range, finiteness and order
/// together, and keeps owned columns as they are (no copy); unsorted input is sorted once.
fn numeric_columns(
    loc: &str,
    name: &str,
    x: Cow<'_, [f64]>,
    y: Cow<'_, [f64]>,
    declared: Option<Granularity>,
    total: &mut usize,
) -> Result<Columns, ChartError> {
    if x.len() != y.len() {
        return Err(ChartError::LengthMismatch { series: name.to_string(), x_len: x.len(), y_len: y.len() });
    }
    if x.is_empty() {
        return Err(ChartError::Empty { what: format!("{loc} has no points; a series needs at least one") });
    }
    *total = total.saturating_add(x.len());
    if *total > MAX_POINTS {
        return Err(ChartError::Limit {
            message: format!("{loc}: the chart would hold more than {MAX_POINTS} points; aggregate the data first"),
        });
    }
    let sorted = check_columns(loc, &x, &y)?;
    let (xs, ys) = if sorted {
        (x.into_owned(), y.into_owned())
    } else {
        let order = sort_order(&x, name, None)?;
        order.iter().filter_map(|&i| Some((*x.get(i)?, *y.get(i)?))).unzip()
    };
    // Granularity from the first thousand timestamps: enough to tell years from days.
    let granularity = declared.unwrap_or_else(|| xs.iter().take(1000).map(|t| Granularity::of_timestamp(*t)).max().unwrap_or(Granularity::Day));
    Ok((xs, ys, granularity))
}

/// The running state of [`check_columns`]' pass.
struct ColumnScan {
    lo: f64,
    hi: f64,
    prev: f64,
    sorted: bool,
    bad: bool,
}

impl ColumnScan {
    #[inline(never)]
    fn scan(&mut self, x: &[f64], y: &[f64]) {
        let (lo, hi) = (self.lo, self.hi);
        let (mut prev, mut sorted, mut bad) = (self.prev, self.sorted, self.bad);
        for (t, v) in x.iter().zip(y) {
            bad |= t.is_nan() | (*t < lo) | (*t >= hi) | v.is_infinite();
            sorted &= *t > prev;
            prev = *t;
        }
        (self.prev, self.sorted, self.bad) = (prev, sorted, bad);
    }
}

/// One pass over typed-array columns of equal length: x finite and within years 1 to
/// 9999, y finite or NaN; returns whether x is strictly increasing. The first bad point
/// is named.
fn check_columns(loc: &str, x: &[f64], y: &[f64]) -> Result<bool, ChartError> {
    let (lo, hi) = (crate::axis::date::year_start(crate::axis::date::MIN_YEAR), crate::axis::date::year_start(crate::axis::date::MAX_YEAR + 1));
    // Branch-light: the flags accumulate and the slow search for the point to name runs
    // only when one is set; chunked so that most chunks run optimized code (SCAN_CHUNK).
    let mut scan = ColumnScan { lo, hi, prev: f64::NEG_INFINITY, sorted: true, bad: false };
    for (xc, yc) in x.chunks(crate::model::SCAN_CHUNK).zip(y.chunks(crate::model::SCAN_CHUNK)) {
        scan.scan(xc, yc);
    }
    // wasm-opt inlines a function that has one call site, and the chunks only help while
    // the kernel stays a function of its own: a second, empty call keeps it one.
    scan.scan(&[], &[]);
    let ColumnScan { sorted, bad, .. } = scan;
    if !bad {
        return Ok(sorted);
    }
    for (i, (t, v)) in x.iter().zip(y).enumerate() {
        if !(t.is_finite() && *t >= lo && *t < hi) {
            return Err(ChartError::invalid(crate::error::numbered(loc, " point ", i), "x", Json::Number(*t).describe(), "epoch milliseconds within years 1 to 9999"));
        }
        if v.is_infinite() {
            return Err(ChartError::invalid(crate::error::numbered(loc, " point ", i), "y", Json::Number(*v).describe(), "a finite number, or NaN for a gap"));
        }
    }
    Ok(sorted)
}

/// A series and, when its points had to be sorted, the input index of each point.
fn parse_series(json: &Json, index: usize, default_kind: Option<SeriesKind>, total: &mut usize, taken: OwnedColumns) -> Result<(Series, Option<Vec<usize>>), ChartError> {
    let fields = object(json, &crate::error::numbered("series ", "", index), "series entry")?;
    let name = optional_text(json.get("name"), &crate::error::numbered("series ", "", index), "name")?;
    let loc = series_location(&name, index);
    check_fields(fields, &loc, SERIES_FIELDS)?;
    let name = if name.is_empty() { format!("Series {}", index + 1) } else { name };

    let SeriesMeta { unit, kind, color, granularity: declared_granularity, decimals } = parse_series_meta(json, &loc, default_kind)?;

    // Collect raw x/y pairs from either `data: [[x, y], …]` or columns `x: […], y: […]`.
    let (xs, ys): (Vec<&Json>, Vec<&Json>) = match (json.get("data"), json.get("x"), json.get("y")) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(ChartError::invalid(loc, "data", "given together with x/y", "either data or x and y, not both"));
        }
        (Some(Json::Array(points)), None, None) => {
            let mut xs = Vec::with_capacity(points.len());
            let mut ys = Vec::with_capacity(points.len());
            for (i, p) in points.iter().enumerate() {
                match p {
                    Json::Array(pair) if pair.len() == 2 => {
                        if let (Some(x), Some(y)) = (pair.first(), pair.get(1)) {
                            xs.push(x);
                            ys.push(y);
                        }
                    }
                    other => {
                        return Err(ChartError::invalid(crate::error::numbered(&loc, " point ", i), "data", other.describe(), "a pair [x, y]"));
                    }
                }
            }
            (xs, ys)
        }
        (Some(other), None, None) => return Err(other.invalid_as(loc, "data", "an array of [x, y] pairs")),
        (None, Some(x @ (Json::Numbers(_) | Json::Array(_))), Some(y @ (Json::Numbers(_) | Json::Array(_))))
            if matches!(x, Json::Numbers(_)) || matches!(y, Json::Numbers(_)) =>
        {
            // A typed-array column beside a plain one: read the plain one as numbers.
            let (x, y) = match taken {
                Some((x, y)) => (Cow::Owned(x), Cow::Owned(y)),
                None => (column_values(x, &loc, "x")?, column_values(y, &loc, "y")?),
            };
            let (x, y, granularity) = numeric_columns(&loc, &name, x, y, declared_granularity, total)?;
            return Ok((Series { name, unit, kind, color, granularity, decimals, x, y, magnitude: None, summary: SummaryCache::default() }, None));
        }
        (None, Some(Json::Array(x)), Some(Json::Array(y))) => {
            if x.len() != y.len() {
                return Err(ChartError::LengthMismatch { series: name, x_len: x.len(), y_len: y.len() });
            }
            (x.iter().collect(), y.iter().collect())
        }
        (None, Some(x), Some(y)) => {
            let bad = if matches!(x, Json::Array(_)) { ("y", y) } else { ("x", x) };
            return Err(ChartError::invalid(loc, bad.0, bad.1.describe(), "an array"));
        }
        (None, Some(_), None) => return Err(ChartError::MissingField { location: loc, field: "y".into() }),
        (None, None, Some(_)) => return Err(ChartError::MissingField { location: loc, field: "x".into() }),
        (None, None, None) => return Err(ChartError::MissingField { location: loc, field: "data".into() }),
    };
    if xs.is_empty() {
        return Err(ChartError::Empty { what: format!("{loc} has no points; a series needs at least one") });
    }
    *total = total.saturating_add(xs.len());
    if *total > MAX_POINTS {
        return Err(ChartError::Limit {
            message: format!("{loc}: the chart would hold more than {MAX_POINTS} points; aggregate the data first"),
        });
    }

    let mut x = Vec::with_capacity(xs.len());
    let mut y = Vec::with_capacity(ys.len());
    let mut inferred: Option<(Granularity, usize)> = None;
    for (i, (xv, yv)) in xs.iter().zip(ys.iter()).enumerate() {
        let point_loc = || crate::error::numbered(&loc, " point ", i);
        let (ms, g) = parse_x(xv, &point_loc, "x")?;
        // Strings fix their granularity; mixing forms in one series is an error.
        if matches!(xv, Json::String(_)) {
            match inferred {
                None => inferred = Some((g, i)),
                Some((first, first_i)) if first != g => {
                    return Err(ChartError::invalid(
                        point_loc(),
                        "x",
                        xv.describe(),
                        format!(
                            "{} {} date like point {first_i} (one series cannot mix {} and {} dates)",
                            if first == Granularity::Year { "an" } else { "a" },
                            first.name(),
                            first.name(),
                            g.name()
                        ),
                    ));
                }
                Some(_) => {}
            }
        } else if declared_granularity.is_none() {
            inferred = Some(match inferred {
                Some((prev, at)) if prev >= g => (prev, at),
                _ => (g, i),
            });
        }
        let with_x = || format!("{} ({})", point_loc(), format::format_date(ms, g, format::default_locale()));
        y.push(parse_y(yv, &with_x)?.unwrap_or(f64::NAN));
        x.push(ms);
    }
    let granularity = match (declared_granularity, inferred) {
        (Some(g), _) => g,
        (None, Some((Granularity::Day, _))) => Granularity::of_day_dates(&x),
        (None, Some((g, _))) => g,
        (None, None) => Granularity::Day,
    };

    // Sort by x when needed (keeping original indices for messages), then refuse duplicates.
    let origin = sort_points(&mut x, std::slice::from_mut(&mut y), &name, Some(granularity))?;
    Ok((Series { name, unit, kind, color, granularity, decimals, x, y, magnitude: None, summary: SummaryCache::default() }, origin))
}

fn parse_annotation(json: &Json, index: usize, series: &[Series]) -> Result<Annotation, ChartError> {
    let loc = crate::error::numbered("annotation ", "", index);
    let fields = object(json, &loc, "annotation")?;
    check_fields(fields, &loc, ANNOTATION_FIELDS)?;
    let label = optional_text(json.get("label"), &loc, "label")?;
    let required = |field: &str| -> Result<&Json, ChartError> {
        json.get(field).ok_or_else(|| ChartError::MissingField { location: loc.clone(), field: field.into() })
    };
    let kind = match json.get("type") {
        Some(Json::String(t)) if t == "line" => AnnotationKind::Line { x: parse_x(required("x")?, &|| loc.clone(), "x")?.0 },
        Some(Json::String(t)) if t == "range" => {
            let from = parse_x(required("from")?, &|| loc.clone(), "from")?.0;
            let to = parse_x(required("to")?, &|| loc.clone(), "to")?.0;
            if to < from {
                return Err(ChartError::invalid(loc, "to", "before from", "a date on or after from"));
            }
            AnnotationKind::Range { from, to }
        }
        Some(Json::String(t)) if t == "point" => {
            let series_index = match required("series")? {
                Json::String(name) => series.iter().position(|s| &s.name == name).ok_or_else(|| {
                    ChartError::invalid(loc.clone(), "series", crate::ingest::json::describe_str(name), "the name of a series in this chart")
                })?,
                Json::Number(n) if n.fract() == 0.0 && *n >= 0.0 && (*n as usize) < series.len() => *n as usize,
                other => return Err(other.invalid_as(loc, "series", "a series name")),
            };
            let (x, _) = parse_x(required("x")?, &|| loc.clone(), "x")?;
            let s = series.get(series_index).ok_or_else(|| ChartError::invalid(loc.clone(), "series", "missing", "a series"))?;
            let point = s.index_of(x).ok_or_else(|| {
                ChartError::invalid(
                    loc.clone(),
                    "x",
                    format::format_date(x, s.granularity, format::default_locale()),
                    format!("a date with a point in series \"{}\"", s.name),
                )
            })?;
            AnnotationKind::Point { series: series_index, index: point }
        }
        Some(other) => return Err(other.invalid_as(loc, "type", "\"line\", \"range\" or \"point\"")),
        None => return Err(ChartError::MissingField { location: loc, field: "type".into() }),
    };
    Ok(Annotation { kind, label })
}
