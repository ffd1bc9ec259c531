//! Reading a spec's `steps` into [`Step`]s: ids, time ranges, highlighted series, the
//! annotations and view of each step. Errors name the step index and field.
//! The steps are played by `crate::story`; reading them is ingest's job, so the spec
//! reader does not have to reach into the story folder.

use crate::axis::date::{check_epoch_ms, parse_date, Granularity};
use crate::axis::format::format_date;
use crate::error::ChartError;
use crate::ingest::json::Json;
use crate::model::{Annotation, Series, Step, View};

/// Fields a step may carry.
pub const STEP_FIELDS: &[&str] = &["id", "view", "highlight", "annotations", "indexBase", "announce"];
const VIEW_FIELDS: &[&str] = &["from", "to", "kind"];
/// Most steps a chart may hold.
pub const MAX_STEPS: usize = 100;

/// Reads the spec's `steps`. `parse_annotation` is the spec's own annotation reader, so a
/// step's annotation is checked exactly like a top-level one. Errors name the step index
/// and field (`step 2: view.from …`).
pub fn parse_steps(
    value: Option<&Json>,
    series: &[Series],
    annotations: &[Annotation],
    parse_annotation: fn(&Json, usize, &[Series]) -> Result<Annotation, ChartError>,
) -> Result<Vec<Step>, ChartError> {
    let items = match value {
        None | Some(Json::Null) => return Ok(Vec::new()),
        Some(Json::Array(items)) => items,
        Some(other) => return Err(other.invalid_as("spec", "steps", "an array of steps")),
    };
    if items.len() > MAX_STEPS {
        return Err(ChartError::Limit { message: format!("spec: {} steps is more than the limit of {MAX_STEPS}", items.len()) });
    }
    let extent = data_extent(series);
    let mut steps: Vec<Step> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let loc = crate::error::numbered("step ", "", i);
        let Json::Object(fields) = item else {
            return Err(item.invalid_as(loc, "step", "an object with id, view, highlight, annotations"));
        };
        if let Some((k, _)) = fields.iter().find(|(k, _)| !STEP_FIELDS.contains(&k.as_str())) {
            return Err(ChartError::UnknownField { location: loc, field: k.clone(), known: STEP_FIELDS });
        }
        let id = match item.get("id") {
            None | Some(Json::Null) => i.to_string(),
            Some(Json::String(s)) if !s.trim().is_empty() && s.chars().count() <= 200 => s.clone(),
            Some(other) => return Err(other.invalid_as(loc, "id", "a non-empty string of at most 200 characters")),
        };
        if steps.iter().any(|s| s.id == id) {
            return Err(ChartError::invalid(loc, "id", Json::String(id).describe(), "an id not used by another step"));
        }
        let (range, view) = parse_view(item.get("view"), &loc, extent)?;
        let highlight = match item.get("highlight") {
            None | Some(Json::Null) => None,
            Some(Json::String(name)) => Some(vec![series_index(name, series, &loc, "highlight")?]),
            Some(Json::Array(names)) => {
                let mut picked = Vec::with_capacity(names.len());
                for (k, n) in names.iter().enumerate() {
                    picked.push(match n {
                        Json::String(name) => series_index(name, series, &loc, &format!("highlight[{k}]"))?,
                        other => return Err(ChartError::invalid(loc, format!("highlight[{k}]"), other.describe(), "a series name")),
                    });
                }
                Some(picked)
            }
            Some(other) => return Err(other.invalid_as(loc, "highlight", "an array of series names")),
        };
        let step_annotations = match item.get("annotations") {
            None | Some(Json::Null) => None,
            Some(Json::Array(list)) => {
                let mut own = Vec::with_capacity(list.len());
                for (k, a) in list.iter().enumerate() {
                    own.push(match a {
                        Json::Number(n) if n.fract() == 0.0 && *n >= 0.0 => match annotations.get(*n as usize) {
                            Some(found) => found.clone(),
                            None => {
                                let expected = format!("the index of one of the spec's {} annotations, or an annotation", annotations.len());
                                return Err(ChartError::invalid(loc, format!("annotations[{k}]"), a.describe(), expected));
                            }
                        },
                        _ => parse_annotation(a, k, series).map_err(|e| relocate(e, &crate::error::numbered("annotation ", "", k), &format!("{loc} annotation {k}")))?,
                    });
                }
                Some(own)
            }
            Some(other) => return Err(other.invalid_as(loc, "annotations", "an array of annotations")),
        };
        let index_base = match item.get("indexBase") {
            None | Some(Json::Null) => None,
            Some(v) => Some(parse_time(v, &loc, "indexBase")?),
        };
        let announce = match item.get("announce") {
            None | Some(Json::Null) => None,
            Some(Json::String(s)) if s.chars().count() <= 1000 => Some(s.clone()),
            Some(other) => return Err(other.invalid_as(loc, "announce", "a string of at most 1000 characters")),
        };
        steps.push(Step { id, range, highlight, annotations: step_annotations, view, index_base, announce });
    }
    Ok(steps)
}

/// Rewrites the location of an error from `from` to `to` (a step's annotation is read by the
/// spec's annotation reader, which names it "annotation k").
fn relocate(e: ChartError, from: &str, to: &str) -> ChartError {
    let fix = |l: String| if l == from { to.to_string() } else { l };
    match e {
        ChartError::InvalidField { location, field, found, expected } => ChartError::InvalidField { location: fix(location), field, found, expected },
        ChartError::UnknownField { location, field, known } => ChartError::UnknownField { location: fix(location), field, known },
        ChartError::MissingField { location, field } => ChartError::MissingField { location: fix(location), field },
        other => other,
    }
}

fn series_index(name: &str, series: &[Series], loc: &str, field: &str) -> Result<usize, ChartError> {
    series.iter().position(|s| s.name == name).ok_or_else(|| {
        let names = crate::ingest::spec::series_names(series, false);
        ChartError::invalid(loc, field, crate::ingest::json::describe_str(name), format!("the name of a series in this chart ({names})"))
    })
}

fn data_extent(series: &[Series]) -> Option<(f64, f64)> {
    let firsts = series.iter().filter_map(|s| s.x.first().copied());
    let lasts = series.iter().filter_map(|s| s.x.last().copied());
    crate::model::extent(firsts.chain(lasts))
}

fn parse_time(value: &Json, loc: &str, field: &str) -> Result<f64, ChartError> {
    match value {
        Json::String(s) => parse_date(s).map(|(ms, _)| ms).map_err(|e| value.invalid_as(loc, field, &format!("a date ({e})"))),
        Json::Number(ms) => check_epoch_ms(*ms).map_err(|e| value.invalid_as(loc, field, &format!("epoch milliseconds ({e})"))),
        other => Err(other.invalid_as(loc, field, "a date string such as \"2023\", or epoch milliseconds")),
    }
}

type ParsedView = (Option<(f64, f64)>, Option<View>);

/// A step's `view`: `{from, to}` (either may be absent: the data's end), optionally with
/// `kind`, or a view kind name on its own.
fn parse_view(value: Option<&Json>, loc: &str, extent: Option<(f64, f64)>) -> Result<ParsedView, ChartError> {
    let kind_of = |v: &Json, field: &str| match v {
        Json::String(name) => View::from_name(name)
            .ok_or_else(|| v.invalid_as(loc, field, "\"panels\", \"dual-axis\", \"indexed\" or \"single\"")),
        other => Err(other.invalid_as(loc, field, "a view name")),
    };
    let fields = match value {
        None | Some(Json::Null) => return Ok((None, None)),
        Some(v @ Json::String(_)) => return Ok((None, Some(kind_of(v, "view")?))),
        Some(Json::Object(fields)) => fields,
        Some(other) => return Err(other.invalid_as(loc, "view", "{\"from\", \"to\"} or a view name")),
    };
    if let Some((k, _)) = fields.iter().find(|(k, _)| !VIEW_FIELDS.contains(&k.as_str())) {
        return Err(ChartError::UnknownField { location: format!("{loc} view"), field: k.clone(), known: VIEW_FIELDS });
    }
    let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v).filter(|v| !matches!(v, Json::Null));
    let kind = get("kind").map(|v| kind_of(v, "view.kind")).transpose()?;
    let (lo, hi) = extent.unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
    let from = get("from").map(|v| parse_time(v, loc, "view.from")).transpose()?;
    let to = get("to").map(|v| parse_time(v, loc, "view.to")).transpose()?;
    let span = || {
        let g = Granularity::of_timestamp(lo).max(Granularity::of_timestamp(hi));
        format!("{}–{}", format_date(lo, g, crate::axis::format::default_locale()), format_date(hi, g, crate::axis::format::default_locale()))
    };
    let found = |ms: f64| format_date(ms, Granularity::of_timestamp(ms), crate::axis::format::default_locale());
    if let Some(f) = from.filter(|f| *f > hi) {
        return Err(ChartError::invalid(loc, "view.from", found(f), format!("a date within the data ({})", span())));
    }
    if let Some(t) = to.filter(|t| *t < lo) {
        return Err(ChartError::invalid(loc, "view.to", found(t), format!("a date within the data ({})", span())));
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(ChartError::invalid(loc, "view.to", found(t), "a date on or after view.from"));
        }
    }
    let range = if from.is_none() && to.is_none() { None } else { Some((from.unwrap_or(lo).max(lo), to.unwrap_or(hi).min(hi))) };
    Ok((range, kind))
}
