//! The one error type of the library. Every message names what is wrong and where
//! (series, field, point index), so that an editor can fix the data without reading code.

use std::fmt;

/// Everything that can go wrong between a spec and a drawn chart.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartError {
    /// The spec is not valid JSON (or not an object).
    Json {
        /// The parser's message, with line and column.
        message: String,
    },
    /// A field holds a value of the wrong type or out of range.
    InvalidField {
        /// Where: `spec`, `series "Trade"`, `series "Trade" point 7`, `annotation 2`.
        location: String,
        /// The field name (`y`, `x`, `unit.prefix`, `kind`).
        field: String,
        /// What was found, quoted as in the input.
        found: String,
        /// What would have been accepted.
        expected: String,
    },
    /// A field the spec does not know (a typo such as `colour` or `serie`).
    UnknownField {
        /// Where the field was found.
        location: String,
        /// The unknown name.
        field: String,
        /// The names accepted there.
        known: &'static [&'static str],
    },
    /// A required field is absent.
    MissingField {
        /// Where the field was expected.
        location: String,
        /// The missing name.
        field: String,
    },
    /// The spec has no series, or a series has no points.
    Empty {
        /// What is empty.
        what: String,
    },
    /// Two points share an x value.
    DuplicateX {
        /// The series name.
        series: String,
        /// The repeated date, formatted.
        x: String,
        /// Index of the first point with it.
        first: usize,
        /// Index of the second point with it.
        second: usize,
    },
    /// `x` and `y` columns of different lengths.
    LengthMismatch {
        /// The series name.
        series: String,
        /// Length of x.
        x_len: usize,
        /// Length of y.
        y_len: usize,
    },
    /// A value that cannot be shown on the requested scale (e.g. <= 0 on a log axis).
    Scale {
        /// Explanation, naming series and point.
        message: String,
    },
    /// A limit that protects the page (too many points, series, too deep JSON).
    Limit {
        /// Which limit and the value seen.
        message: String,
    },
    /// CSV input that cannot be read.
    Csv {
        /// Line number (1-based) where reading failed.
        line: usize,
        /// What went wrong, naming the column where known.
        message: String,
    },
    /// A record or a column of `data` that cannot be read; the message names
    /// `data[i].field`.
    Data {
        /// What is wrong, starting with where.
        message: String,
    },
    /// The drawing backend failed (a canvas call threw, an SVG write failed).
    Render {
        /// The backend's message.
        message: String,
    },
}

impl ChartError {
    /// A short, stable, machine-readable code for the error kind.
    pub fn code(&self) -> &'static str {
        match self {
            ChartError::Json { .. } => "invalid-json",
            ChartError::InvalidField { .. } => "invalid-field",
            ChartError::UnknownField { .. } => "unknown-field",
            ChartError::MissingField { .. } => "missing-field",
            ChartError::Empty { .. } => "empty",
            ChartError::DuplicateX { .. } => "duplicate-x",
            ChartError::LengthMismatch { .. } => "length-mismatch",
            ChartError::Scale { .. } => "scale",
            ChartError::Limit { .. } => "limit",
            ChartError::Csv { .. } => "invalid-csv",
            ChartError::Data { .. } => "invalid-field",
            ChartError::Render { .. } => "render",
        }
    }

    /// Shorthand for [`ChartError::InvalidField`]. Never inlined: validation builds it at
    /// many sites, each of which is then one call.
    #[cold]
    #[inline(never)]
    pub fn invalid(
        location: impl Into<String>,
        field: impl Into<String>,
        found: impl Into<String>,
        expected: impl Into<String>,
    ) -> ChartError {
        ChartError::InvalidField {
            location: location.into(),
            field: field.into(),
            found: found.into(),
            expected: expected.into(),
        }
    }
}

/// A numbered location for a message, `"{head}{tail}{i}"` (`series 3`, `series "Trade" point 7`):
/// out of line, so each of the many validation sites that name one is a call.
#[cold]
#[inline(never)]
pub fn numbered(head: &str, tail: &str, i: usize) -> String {
    format!("{head}{tail}{i}")
}

/// Names for a message, each quoted as [`describe_str`](crate::ingest::json::describe_str)
/// quotes it and joined by ", ": at most `max` of them, then "…" when there are more. Out of
/// line: the one builder of the table's lists of columns (`(one of "a", "b", "c")`).
#[cold]
#[inline(never)]
pub fn name_list(names: &mut dyn Iterator<Item = String>, max: usize) -> String {
    let mut out = String::new();
    for (k, name) in names.enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        if k == max {
            out.push('…');
            break;
        }
        out.push_str(&crate::ingest::json::describe_str(&name));
    }
    out
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::Json { message } => write!(f, "the spec is not valid JSON: {message}"),
            ChartError::InvalidField { location, field, found, expected } => {
                write!(f, "{location}: {field} is {found}, expected {expected}")
            }
            ChartError::UnknownField { location, field, known } => write!(
                f,
                "{location}: unknown field \"{field}\" (known fields: {})",
                known.join(", ")
            ),
            ChartError::MissingField { location, field } => {
                write!(f, "{location}: the field \"{field}\" is required")
            }
            ChartError::Empty { what } => write!(f, "{what}"),
            ChartError::DuplicateX { series, x, first, second } => write!(
                f,
                "series \"{series}\" point {second}: x {x} repeats point {first}; each date may appear once"
            ),
            ChartError::LengthMismatch { series, x_len, y_len } => write!(
                f,
                "series \"{series}\": x has {x_len} values but y has {y_len}; they must be the same length"
            ),
            ChartError::Scale { message } => f.write_str(message),
            ChartError::Data { message } => f.write_str(message),
            ChartError::Limit { message } => f.write_str(message),
            ChartError::Csv { line, message } => write!(f, "CSV line {line}: {message}"),
            ChartError::Render { message } => write!(f, "drawing failed: {message}"),
        }
    }
}

impl std::error::Error for ChartError {}
