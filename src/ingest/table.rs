//! Tables of rows and named columns (CSV files and JSON records) read into series.
//!
//! Both inputs become a [`Table`]; one set of rules then decides what it holds:
//!
//! - **The date column** is `xColumn` when the spec names it; otherwise the first column
//!   when its cells read as dates, or else the first column named like a date (`date`,
//!   `year`, `month`, `time`, `period`, …) or holding date text that reads as dates. Its
//!   form is decided once for the whole column: numeric dates with the year last
//!   (`01/02/2000`) are day first when a first number is above 12, month first when a
//!   second one is, and otherwise follow `dateFormat`, then the spec's `locale`; with
//!   neither, the first such cell is an error that says which option to set. Whole
//!   numbers from 1000 to 9999 in a records date field are years; other numbers are
//!   epoch milliseconds (or seconds with `"dateFormat": "epoch-seconds"`).
//! - **Long tables**: when a date repeats and exactly one other column holds text (no
//!   numbers at all) and one holds numbers, the text column names the series and the
//!   number column gives their values: one series per name, in order of first
//!   appearance. `seriesColumn` and `valueColumn` say so explicitly; when detection
//!   cannot tell, the error names the option to set. A name may have each date once.
//! - **Wide tables**: every other column with numbers is a series, in column order (or
//!   as `columns` picks them). A column with no numbers at all is left out and reported
//!   as a warning; a stray text cell in a column of numbers is an error naming its row.

use crate::ingest::csv_input::{is_gap, is_percent, number_hint, parse_number, split_header, unit_from_header};
use crate::axis::date::{check_epoch_ms, day_month_pair, parse_date_in, year_start, DateError, DayOrder, Granularity};
use crate::error::ChartError;
use crate::axis::format::Unit;
use crate::ingest::json::Json;
use crate::model::{Series, SeriesKind};
use crate::ingest::points::{sort_points, MAX_POINTS, MAX_SERIES};
use crate::order::order_by;

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No value.
    Gap,
    /// Text as written (trimmed); may still read as a number or a date.
    Text(String),
    /// A number (from JSON records).
    Number(f64),
}

/// A column's cells; typed arrays from JavaScript stay plain numbers (NaN is a gap).
#[derive(Clone, Debug)]
pub enum Column {
    /// Cells of any kind.
    Cells(Vec<Cell>),
    /// Numbers only.
    Numbers(Vec<f64>),
}

#[derive(Clone, Copy, Debug)]
enum CellRef<'a> {
    Gap,
    Text(&'a str),
    Number(f64),
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::Cells(c) => c.len(),
            Column::Numbers(v) => v.len(),
        }
    }

    fn get(&self, row: usize) -> CellRef<'_> {
        match self {
            Column::Cells(c) => match c.get(row) {
                Some(Cell::Text(t)) => CellRef::Text(t),
                Some(Cell::Number(v)) => CellRef::Number(*v),
                Some(Cell::Gap) | None => CellRef::Gap,
            },
            Column::Numbers(v) => match v.get(row) {
                Some(v) if !v.is_nan() => CellRef::Number(*v),
                _ => CellRef::Gap,
            },
        }
    }
}

/// Where a table came from, for messages.
#[derive(Clone, Debug)]
pub enum Origin {
    /// A CSV file: the header's line and each data row's line (1-based).
    Csv {
        /// The line of the header row.
        header_line: usize,
        /// The line where each data row starts.
        lines: Vec<usize>,
        /// Whether numbers use a decimal comma.
        decimal_comma: bool,
    },
    /// JSON records (`data: [{…}, …]`); messages name `data[i].field`.
    Records,
}

/// Rows and named columns.
#[derive(Clone, Debug)]
pub struct Table {
    /// Column headers (CSV, units included) or field names (records).
    pub headers: Vec<String>,
    /// The columns, each `rows` long.
    pub columns: Vec<Column>,
    /// Number of data rows.
    pub rows: usize,
    /// Where the table came from.
    pub origin: Origin,
}

/// How dates are written when the values alone do not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFormat {
    /// Numeric dates with the year last are day first or month first.
    Order(DayOrder),
    /// Numbers in the date column are epoch seconds.
    EpochSeconds,
    /// Numbers in the date column are epoch milliseconds (the default).
    EpochMilliseconds,
}

impl DateFormat {
    /// Parses the spec's `dateFormat`.
    pub fn from_name(name: &str) -> Option<DateFormat> {
        match name {
            "day-first" => Some(DateFormat::Order(DayOrder::DayFirst)),
            "month-first" => Some(DateFormat::Order(DayOrder::MonthFirst)),
            "epoch-seconds" => Some(DateFormat::EpochSeconds),
            "epoch-milliseconds" => Some(DateFormat::EpochMilliseconds),
            _ => None,
        }
    }
}

/// What the spec says about the table's shape.
#[derive(Clone, Debug, Default)]
pub struct TableOptions {
    /// The date column (`xColumn`, or `x` with records).
    pub x_column: Option<String>,
    /// The column naming the series of a long table.
    pub series_column: Option<String>,
    /// The column with the values of a long table.
    pub value_column: Option<String>,
    /// The series to draw, in this order.
    pub columns: Option<Vec<String>>,
    /// How dates are written.
    pub date_format: Option<DateFormat>,
    /// The day order of the spec's explicit `locale`.
    pub locale_order: Option<DayOrder>,
}

/// Series read from a table, with what the reader should know.
#[derive(Clone, Debug, Default)]
pub struct TableSeries {
    /// The series, every one a line with default metadata.
    pub series: Vec<Series>,
    /// For each series, the data row of each (sorted) point.
    pub origins: Vec<Option<Vec<usize>>>,
    /// Columns left out and other things worth saying.
    pub warnings: Vec<String>,
    /// The options detection chose (`xColumn`, `seriesColumn`, …), to write into an embed.
    pub detected: Vec<(String, String)>,
}

fn quote(text: &str) -> String {
    Json::String(text.to_string()).describe()
}

/// Header names that say "this column holds dates".
fn date_like_name(name: &str) -> bool {
    let n = crate::axis::date::fold_case(name.trim());
    ["date", "year", "month", "time", "period", "day", "quarter", "week", "datetime", "timestamp", "jahr", "datum", "année", "fecha", "anno", "дата", "год", "日期", "年份"]
        .iter()
        .any(|w| n == *w || n.starts_with(&format!("{w} ")) || n.ends_with(&format!(" {w}")) || n.ends_with(&format!("_{w}")))
}

const DATE_FORMS: &str = "2023, 2023-Q2, 2023-06, Jun 2023, 2023-06-16, 16 Jun 2023 or an ISO date-time";

impl Table {
    /// Whether the table came from CSV.
    pub fn is_csv(&self) -> bool {
        matches!(self.origin, Origin::Csv { .. })
    }

    /// The name a column's series gets (the header without its unit, for CSV).
    fn name(&self, col: usize) -> String {
        let header = self.headers.get(col).map_or("", String::as_str);
        if self.is_csv() {
            split_header(header).0.to_string()
        } else {
            header.to_string()
        }
    }

    /// The unit in a CSV column's header ("Exports (US$ bn)"), else "%" when every value
    /// in the column is written as a percentage ("12%").
    fn unit(&self, col: usize) -> Unit {
        let header = if self.is_csv() { split_header(self.headers.get(col).map_or("", String::as_str)).1 } else { None };
        match header {
            Some(unit) => unit_from_header(unit),
            None if self.all_percent(col) => Unit::new("", "%"),
            None => Unit::default(),
        }
    }

    /// True when the column's values are all text ending in "%" (gaps aside), at least one.
    fn all_percent(&self, col: usize) -> bool {
        let Some(Column::Cells(cells)) = self.columns.get(col) else { return false };
        let mut any = false;
        for cell in cells {
            match cell {
                Cell::Gap => {}
                Cell::Text(t) if self.is_csv() && is_gap(t.trim()) => {}
                Cell::Text(t) if is_percent(t) => any = true,
                _ => return false,
            }
        }
        any
    }

    /// When two or more header cells after the first are dates (a table with the years
    /// across, as the World Bank and Eurostat export them), the first two, quoted.
    fn dates_across_header(&self) -> Option<String> {
        let dates: Vec<&String> = self.headers.iter().skip(1).filter(|h| parse_date_in(h, None).is_ok()).take(2).collect();
        match dates.as_slice() {
            [a, b] => Some(format!("{}, {} …", quote(a), quote(b))),
            _ => None,
        }
    }

    /// For a table with one row per series and the dates across the header (the World
    /// Bank's and Eurostat's layout): the column naming the series (the first one with
    /// text that is not a date) and the columns whose headers are dates, two at least.
    /// Every other column must hold text. (Records from JavaScript list year keys first.)
    fn dates_across(&self) -> Option<(usize, Vec<usize>)> {
        let is_date = |c: usize| self.headers.get(c).is_some_and(|h| parse_date_in(h, None).is_ok());
        let (dated, other): (Vec<usize>, Vec<usize>) = (0..self.headers.len()).partition(|&c| is_date(c));
        if dated.len() < 2 || other.iter().any(|&c| self.kind_of(c) != ColumnKind::Text) {
            return None;
        }
        let name = *other.iter().find(|&&c| parse_date_in(&first_text(self, c), None).is_err())?;
        Some((name, dated))
    }

    /// `column "date"` (CSV) or `field "date"` (records).
    fn col_ref(&self, col: usize) -> String {
        let name = self.name(col);
        match (&self.origin, name.is_empty()) {
            (Origin::Csv { .. }, true) => format!("column {}", col + 1),
            (Origin::Csv { .. }, false) => format!("column {}", quote(&name)),
            (Origin::Records, _) => format!("field {}", quote(&name)),
        }
    }

    /// `line 3` (CSV) or `data[1]` (records).
    fn row_ref(&self, row: usize) -> String {
        match &self.origin {
            Origin::Csv { lines, .. } => format!("line {}", lines.get(row).copied().unwrap_or(0)),
            Origin::Records => format!("data[{row}]"),
        }
    }

    fn line(&self, row: usize) -> usize {
        match &self.origin {
            Origin::Csv { lines, .. } => lines.get(row).copied().unwrap_or(0),
            Origin::Records => 0,
        }
    }

    /// An error at one cell: CSV `CSV line L: column "A": {csv}`, records `data[i].A {rec}`.
    fn cell_error(&self, row: usize, col: usize, csv: String, rec: String) -> ChartError {
        match &self.origin {
            Origin::Csv { .. } => ChartError::Csv { line: self.line(row), message: format!("{}: {csv}", self.col_ref(col)) },
            Origin::Records => ChartError::Data { message: format!("data[{row}].{} {rec}", self.name(col)) },
        }
    }

    /// An error about the table as a whole.
    fn table_error(&self, message: String) -> ChartError {
        match &self.origin {
            Origin::Csv { header_line, .. } => ChartError::Csv { line: *header_line, message },
            Origin::Records => ChartError::Data { message: format!("data: {message}") },
        }
    }

    fn find(&self, name: &str, option: &str) -> Result<usize, ChartError> {
        let wanted = name.trim();
        (0..self.headers.len())
            .find(|&c| self.name(c) == wanted || self.headers.get(c).is_some_and(|h| h.trim() == wanted))
            .ok_or_else(|| {
                let names = crate::error::name_list(&mut (0..self.headers.len()).map(|c| self.name(c)), 12);
                let what = if self.is_csv() { "column" } else { "field" };
                ChartError::invalid("spec", option, quote(name), format!("the name of a {what} ({names})"))
            })
    }

    fn text_of(&self, row: usize, col: usize) -> String {
        match self.columns.get(col).map(|c| c.get(row)) {
            Some(CellRef::Text(t)) => t.to_string(),
            Some(CellRef::Number(v)) => Json::Number(v).describe(),
            _ => String::new(),
        }
    }

    /// Reads a cell as a number; `Err(())` when it is text that is not one.
    fn number(&self, cell: CellRef<'_>, buf: &mut String) -> Result<Option<f64>, ()> {
        match cell {
            CellRef::Gap => Ok(None),
            CellRef::Number(v) => Ok(Some(v)),
            CellRef::Text(t) => {
                let t = t.trim();
                let decimal_comma = match &self.origin {
                    Origin::Csv { decimal_comma, .. } => *decimal_comma,
                    Origin::Records => false,
                };
                let gap = if self.is_csv() { is_gap(t) } else { t.is_empty() };
                if gap {
                    return Ok(None);
                }
                parse_number(t, decimal_comma, buf).map(Some).ok_or(())
            }
        }
    }

    fn not_a_number(&self, row: usize, col: usize, cell: CellRef<'_>) -> ChartError {
        match cell {
            CellRef::Text(t) if self.is_csv() => {
                let decimal_comma = matches!(self.origin, Origin::Csv { decimal_comma: true, .. });
                if t.contains('\n') {
                    return self.cell_error(row, col, "a quoted cell starting here runs over several lines; is a closing quote (\") missing?".into(), String::new());
                }
                self.cell_error(row, col, format!("{} is not a number{}", quote(t), number_hint(t, decimal_comma)), String::new())
            }
            CellRef::Text(t) => self.cell_error(row, col, String::new(), format!("is {}, expected a number or null", quote(t))),
            CellRef::Number(v) => self.cell_error(row, col, String::new(), format!("is {}, expected a finite number or null", Json::Number(v).describe())),
            CellRef::Gap => self.cell_error(row, col, String::new(), String::new()),
        }
    }

    /// Whether a column has numbers, text, or neither (only gaps).
    fn kind_of(&self, col: usize) -> ColumnKind {
        let Some(column) = self.columns.get(col) else { return ColumnKind::Empty };
        if let Column::Numbers(_) = column {
            return ColumnKind::Numbers;
        }
        let mut buf = String::new();
        let mut text = false;
        for row in 0..self.rows {
            match self.number(column.get(row), &mut buf) {
                Ok(Some(_)) => return ColumnKind::Numbers,
                Ok(None) => {}
                // "1,23" is a mistyped number, not text: the column stays numeric and
                // the cell is reported.
                Err(()) if looks_numeric(&self.text_of(row, col)) => return ColumnKind::Numbers,
                Err(()) => text = true,
            }
        }
        if text {
            ColumnKind::Text
        } else {
            ColumnKind::Empty
        }
    }

    /// Reads the date column: epoch ms per row, the granularity, and the day order used
    /// (when the column has numeric dates with the year last).
    fn dates(&self, col: usize, options: &TableOptions, chosen: bool) -> Result<Dates, ChartError> {
        let Some(column) = self.columns.get(col) else { return Err(self.table_error("the date column is missing".into())) };
        let (order, numeric_dates) = self.day_order(column, col, options)?;
        // Whole numbers 1000..=9999 in a records date field are years.
        let numbers_are_years = !matches!(options.date_format, Some(DateFormat::EpochSeconds | DateFormat::EpochMilliseconds))
            && (0..self.rows).all(|row| match column.get(row) {
                CellRef::Number(v) => v.fract() == 0.0 && (1000.0..=9999.0).contains(&v),
                _ => true,
            });
        let seconds = options.date_format == Some(DateFormat::EpochSeconds);
        // Typed epoch milliseconds (records from the harness): one tight pass.
        if let (Column::Numbers(values), false, false) = (column, numbers_are_years, seconds) {
            let (lo, hi) = (year_start(crate::axis::date::MIN_YEAR), year_start(crate::axis::date::MAX_YEAR + 1));
            if !values.iter().any(|v| !(*v >= lo && *v < hi)) {
                let granularity = values.iter().take(1000).map(|t| Granularity::of_timestamp(*t)).max().unwrap_or(Granularity::Day);
                return Ok((values.clone(), granularity, None));
            }
        }
        let read = DateReading { order, numbers_are_years, seconds, chosen };
        let mut xs = Vec::with_capacity(self.rows);
        let mut first_form: Option<(Granularity, usize)> = None;
        let mut all_midnight = true;
        for row in 0..self.rows {
            let cell = column.get(row);
            let (ms, form) = self.date_cell(row, col, cell, &read)?;
            if form == Granularity::Time && (ms / crate::axis::date::MS_PER_DAY).fract() != 0.0 {
                all_midnight = false;
            }
            // Epoch numbers take their granularity from all of them (below); text fixes its form.
            let numeric = matches!(cell, CellRef::Number(_)) && !numbers_are_years;
            let form = if numeric { Granularity::Day } else { form };
            match first_form {
                None => first_form = Some((form, row)),
                Some((first, first_row)) if first != form => return Err(self.mixed_forms(col, (row, form), (first_row, first))),
                Some(_) => {}
            }
            xs.push(ms);
        }
        let Some((mut granularity, _)) = first_form else {
            return Err(self.table_error("there are no rows of data".into()));
        };
        if granularity == Granularity::Time && all_midnight {
            granularity = Granularity::Day;
        }
        if granularity == Granularity::Day {
            granularity = Granularity::of_day_dates(&xs);
        }
        let all_numbers = matches!(column, Column::Numbers(_)) || (0..self.rows).all(|r| matches!(column.get(r), CellRef::Number(_)));
        if all_numbers && !numbers_are_years {
            granularity = xs.iter().take(1000).map(|t| Granularity::of_timestamp(*t)).max().unwrap_or(Granularity::Day);
        }
        Ok((xs, granularity, if numeric_dates { order } else { None }))
    }

    /// The day order of a date column, decided once for the column: `dateFormat`, else
    /// what its numeric dates (year last) allow, else the locale's; and whether it has any
    /// such dates. Two cells that each allow only another order are an error.
    fn day_order(&self, column: &Column, col: usize, options: &TableOptions) -> Result<(Option<DayOrder>, bool), ChartError> {
        let mut day_first: Option<usize> = None;
        let mut month_first: Option<usize> = None;
        let mut numeric_dates = false;
        for row in 0..self.rows {
            if let CellRef::Text(t) = column.get(row) {
                if let Some((a, b)) = day_month_pair(t) {
                    numeric_dates = true;
                    if a > 12 && day_first.is_none() {
                        day_first = Some(row);
                    }
                    if b > 12 && month_first.is_none() {
                        month_first = Some(row);
                    }
                }
            }
        }
        let explicit = match options.date_format {
            Some(DateFormat::Order(order)) => Some(order),
            _ => None,
        };
        let order = match (explicit, day_first, month_first) {
            (Some(order), _, _) => Some(order),
            (None, Some(d), Some(m)) => {
                let (first, second) = (d.min(m), d.max(m));
                let (first_way, second_way) = if d < m { ("day first", "month first") } else { ("month first", "day first") };
                return Err(self.cell_error(
                    second,
                    col,
                    format!(
                        "{} can only be read {second_way}, but {} has {}, which can only be read {first_way}; one column needs one date order",
                        quote(&self.text_of(second, col)),
                        self.row_ref(first),
                        quote(&self.text_of(first, col))
                    ),
                    format!(
                        "is {}, which can only be read {second_way}, but data[{first}].{} is {}, which can only be read {first_way}; one field needs one date order",
                        quote(&self.text_of(second, col)),
                        self.name(col),
                        quote(&self.text_of(first, col))
                    ),
                ));
            }
            (None, Some(_), None) => Some(DayOrder::DayFirst),
            (None, None, Some(_)) => Some(DayOrder::MonthFirst),
            (None, None, None) => options.locale_order,
        };
        Ok((order, numeric_dates))
    }

    /// One date cell as epoch ms and the form it is written in, or the error naming it.
    fn date_cell(&self, row: usize, col: usize, cell: CellRef<'_>, read: &DateReading) -> Result<(f64, Granularity), ChartError> {
        Ok(match cell {
            CellRef::Gap => {
                return Err(self.cell_error(
                    row,
                    col,
                    "the date is empty; every row with values needs a date".into(),
                    "is null, expected a date; every record needs one".into(),
                ));
            }
            CellRef::Number(v) if read.numbers_are_years => (year_start(v as i64), Granularity::Year),
            CellRef::Number(v) => {
                let ms = if read.seconds { v * 1000.0 } else { v };
                let ms = check_epoch_ms(ms).map_err(|e| {
                    let what = if read.seconds { "epoch seconds" } else { "epoch milliseconds" };
                    self.cell_error(row, col, format!("{} is not a date ({e})", Json::Number(v).describe()), format!("is {}, expected {what} ({e})", Json::Number(v).describe()))
                })?;
                // The column's granularity comes from all its numbers.
                (ms, Granularity::Day)
            }
            CellRef::Text(t) => {
                if self.is_csv() && t.contains('\n') {
                    return Err(self.cell_error(row, col, "a quoted cell starting here runs over several lines; is a closing quote (\") missing?".into(), String::new()));
                }
                parse_date_in(t, read.order).map_err(|e| {
                    let why = match e {
                        DateError::Malformed if read.chosen || !self.is_csv() => format!("expected a date such as {DATE_FORMS}"),
                        DateError::Malformed => match self.dates_across_header() {
                            Some(example) => format!(
                                "expected a date such as {DATE_FORMS}; the header's {example} are dates: in a table with one row per series and the dates across its header, every column that is not a date holds text"
                            ),
                            None => format!("expected a date such as {DATE_FORMS}; the first column must hold the dates, or set xColumn"),
                        },
                        DateError::Ambiguous => "the day and the month could be either way round; set dateFormat to \"day-first\" or \"month-first\", or set locale".to_string(),
                        other => other.to_string(),
                    };
                    self.cell_error(row, col, format!("{} is not a date ({why})", quote(t)), format!("is {}, expected a date ({why})", quote(t)))
                })?
            }
        })
    }

    /// The error for a date column that mixes forms: `row` is in `form`, the earlier
    /// `first_row` in `first`.
    fn mixed_forms(&self, col: usize, (row, form): (usize, Granularity), (first_row, first): (usize, Granularity)) -> ChartError {
        self.cell_error(
            row,
            col,
            format!(
                "{} is {}, but {} has {} ({}); one column cannot mix date forms",
                quote(&self.text_of(row, col)),
                date_form(form),
                self.row_ref(first_row),
                date_form(first),
                quote(&self.text_of(first_row, col))
            ),
            format!(
                "is {}, {}, but data[{first_row}].{} is {} ({}); one field cannot mix date forms",
                quote(&self.text_of(row, col)),
                date_form(form),
                self.name(col),
                date_form(first),
                quote(&self.text_of(first_row, col))
            ),
        )
    }

    /// Whether a column that reads as dates is meant as dates: text, a date-like name, or
    /// numbers that are years or epoch milliseconds after 1973 (small numbers such as
    /// 20.5 in a first field are values, not instants in January 1970).
    fn plausible_dates(&self, col: usize, options: &TableOptions) -> bool {
        if date_like_name(&self.name(col)) || matches!(options.date_format, Some(DateFormat::EpochSeconds | DateFormat::EpochMilliseconds)) {
            return true;
        }
        let Some(column) = self.columns.get(col) else { return false };
        (0..self.rows).all(|r| match column.get(r) {
            CellRef::Number(v) => (v.fract() == 0.0 && (1000.0..=9999.0).contains(&v)) || v.abs() >= 1e11,
            _ => true,
        })
    }

    /// The first column after the first that is named like a date or holds date text,
    /// and reads as dates.
    fn date_column_after_first(&self, options: &TableOptions) -> Option<(usize, Dates)> {
        let mut buf = String::new();
        for col in 1..self.headers.len() {
            let textual = (0..self.rows).any(|r| matches!(self.columns.get(col).map(|c| c.get(r)), Some(c @ CellRef::Text(_)) if self.number(c, &mut buf).is_err()));
            if !(date_like_name(&self.name(col)) || textual) || !self.plausible_dates(col, options) {
                continue;
            }
            if let Ok(d) = self.dates(col, options, true) {
                return Some((col, d));
            }
        }
        None
    }

    /// The first pair of rows with the same date, if any.
    fn repeated_date(xs: &[f64]) -> Option<(usize, usize)> {
        if xs.windows(2).all(|w| matches!(w, [a, b] if a < b)) {
            return None;
        }
        let order = order_by(xs);
        let at = |i: usize| xs.get(i).copied().unwrap_or(0.0);
        order
            .windows(2)
            .filter_map(|w| match *w {
                [a, b] if at(a) == at(b) => Some((a.min(b), a.max(b))),
                _ => None,
            })
            .min()
    }
}

/// Digits with only number punctuation: a number, perhaps mistyped.
fn looks_numeric(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '\u{2212}' | ' ' | '\u{a0}' | '\u{202f}' | 'e' | 'E'))
}

/// A date column read: epoch ms per row, the granularity, the day order it used.
type Dates = (Vec<f64>, Granularity, Option<DayOrder>);

/// How the cells of one date column are read, decided once for the column.
struct DateReading {
    /// The day order of numeric dates with the year last.
    order: Option<DayOrder>,
    /// Whether numbers are years (whole numbers from 1000 to 9999 in a records field).
    numbers_are_years: bool,
    /// Whether other numbers are epoch seconds (else milliseconds).
    seconds: bool,
    /// Whether the spec chose this column (`xColumn`), so a bad cell does not suggest it.
    chosen: bool,
}

/// Series with, for each, the data row of each point.
type Picked = (Vec<Series>, Vec<Option<Vec<usize>>>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColumnKind {
    Numbers,
    Text,
    Empty,
}

/// How a date form reads in a message.
fn date_form(granularity: Granularity) -> &'static str {
    match granularity {
        Granularity::Year => "an annual date",
        Granularity::Quarter => "a quarterly date",
        Granularity::Month => "a monthly date",
        Granularity::Day => "a daily date",
        Granularity::Time => "a date-time",
    }
}

/// The date column: `xColumn` when set, else the first column when it holds plausible
/// dates, else the first column after it that does (recorded in `out.detected`).
fn date_column(table: &Table, options: &TableOptions, out: &mut TableSeries) -> Result<(usize, Dates), ChartError> {
    Ok(match &options.x_column {
        Some(name) => {
            let col = table.find(name, "xColumn")?;
            (col, table.dates(col, options, true)?)
        }
        None => match table.dates(0, options, false) {
            Ok(d) if table.plausible_dates(0, options) => (0, d),
            Ok(_) => match table.date_column_after_first(options) {
                Some((col, d)) => {
                    out.detected.push(("xColumn".into(), table.name(col)));
                    (col, d)
                }
                None => (0, table.dates(0, options, false)?),
            },
            Err(first_error) => {
                // The first column is not dates at all (a text column such as a symbol):
                // take the first column named like a date or holding date text.
                let first_is_text = table.columns.first().is_some_and(|c| {
                    (0..table.rows).find_map(|r| match c.get(r) {
                        CellRef::Text(t) => Some(matches!(parse_date_in(t, Some(DayOrder::DayFirst)), Err(DateError::Malformed))),
                        CellRef::Number(_) => Some(false),
                        CellRef::Gap => None,
                    }) == Some(true)
                });
                let found = if first_is_text { table.date_column_after_first(options) } else { None };
                match found {
                    Some((col, d)) => {
                        out.detected.push(("xColumn".into(), table.name(col)));
                        (col, d)
                    }
                    None => return Err(first_error),
                }
            }
        },
    })
}

/// Reads a table into series by the rules in the module documentation.
pub fn series_from_table(table: &Table, options: &TableOptions) -> Result<TableSeries, ChartError> {
    if table.rows == 0 {
        return Err(table.table_error("there are no rows of data".into()));
    }
    if table.columns.iter().any(|c| c.len() != table.rows) {
        return Err(table.table_error("the columns are not all the same length".into()));
    }
    let mut out = TableSeries::default();
    if options.x_column.is_none() && options.series_column.is_none() && options.value_column.is_none() {
        if let Some((name_col, date_cols)) = table.dates_across() {
            across(table, options, name_col, &date_cols, &mut out)?;
            return Ok(out);
        }
    }

    let (x_col, (xs, granularity, order)) = date_column(table, options, &mut out)?;
    if let Some(order) = order {
        if !matches!(options.date_format, Some(DateFormat::Order(_))) {
            out.detected.push(("dateFormat".into(), order.name().into()));
        }
    }

    // Every column but the date's, with its kind, and the text and number columns (one loop).
    let (mut kinds, mut text_cols, mut number_cols) = (Vec::new(), Vec::new(), Vec::new());
    for c in (0..table.headers.len()).filter(|&c| c != x_col) {
        let kind = table.kind_of(c);
        kinds.push((c, kind));
        if kind == ColumnKind::Text {
            text_cols.push(c);
        } else {
            number_cols.push(c);
        }
    }
    let names = |cols: &[usize]| crate::error::name_list(&mut cols.iter().map(|&c| table.name(c)), usize::MAX);
    let repeat = Table::repeated_date(&xs);
    let repeat_text = |(a, b): (usize, usize)| {
        format!("the date {} appears on {} and {}", quote(&table.text_of(a, x_col)), table.row_ref(a), table.row_ref(b))
    };

    // Long or wide?
    let series_col = match (&options.series_column, &options.value_column) {
        (Some(name), _) => Some(table.find(name, "seriesColumn")?),
        (None, Some(_)) => match text_cols.as_slice() {
            [one] => Some(*one),
            [] => return Err(table.table_error("valueColumn is set but no column holds text to name the series; set seriesColumn".into())),
            _ => {
                return Err(table.table_error(format!("valueColumn is set and several columns hold text ({}); set seriesColumn to the one that names the series", names(&text_cols))));
            }
        },
        (None, None) => match (repeat, text_cols.as_slice(), number_cols.as_slice()) {
            (Some(_), [t], [_]) => Some(*t),
            (Some(r), [t], many) if many.len() > 1 => {
                return Err(table.table_error(format!(
                    "{} and {} holds text, so this looks like a long table (one row per series and date), but several columns hold numbers ({}); set valueColumn to the one to draw",
                    repeat_text(r),
                    table.col_ref(*t),
                    names(many)
                )));
            }
            (Some(r), many, _) if many.len() > 1 => {
                return Err(table.table_error(format!(
                    "{}, so this looks like a long table (one row per series and date), but several columns hold text ({}); set seriesColumn to the one that names the series",
                    repeat_text(r),
                    names(many)
                )));
            }
            _ => None,
        },
    };

    if let Some(series_col) = series_col {
        if series_col == x_col {
            return Err(ChartError::invalid("spec", "seriesColumn", quote(&table.name(series_col)), "a column other than the date column"));
        }
        let value_col = match &options.value_column {
            Some(name) => table.find(name, "valueColumn")?,
            None => {
                let candidates: Vec<usize> = number_cols.iter().copied().filter(|&c| c != series_col).collect();
                match candidates.as_slice() {
                    [one] => *one,
                    [] => return Err(table.table_error(format!("{} names the series, but no other column holds numbers; set valueColumn", table.col_ref(series_col)))),
                    many => {
                        return Err(table.table_error(format!(
                            "{} names the series, but several columns hold numbers ({}); set valueColumn to the one to draw",
                            table.col_ref(series_col),
                            names(many)
                        )));
                    }
                }
            }
        };
        if value_col == x_col || value_col == series_col {
            return Err(ChartError::invalid("spec", "valueColumn", quote(&table.name(value_col)), "a column other than the date and series columns"));
        }
        if x_col != 0 && !out.detected.iter().any(|(k, _)| k == "xColumn") && options.x_column.is_none() {
            out.detected.push(("xColumn".into(), table.name(x_col)));
        }
        if options.series_column.is_none() {
            out.detected.push(("seriesColumn".into(), table.name(series_col)));
        }
        if options.value_column.is_none() {
            out.detected.push(("valueColumn".into(), table.name(value_col)));
        }
        pivot(table, options, x_col, series_col, value_col, &xs, granularity, &mut out)?;
    } else {
        wide(table, options, x_col, &xs, granularity, &kinds, &mut out)?;
    }
    Ok(out)
}

/// One series per name in the series column.
#[allow(clippy::too_many_arguments)]
fn pivot(
    table: &Table,
    options: &TableOptions,
    x_col: usize,
    series_col: usize,
    value_col: usize,
    xs: &[f64],
    granularity: Granularity,
    out: &mut TableSeries,
) -> Result<(), ChartError> {
    let (Some(names_column), Some(values_column)) = (table.columns.get(series_col), table.columns.get(value_col)) else {
        return Err(table.table_error("a column is missing".into()));
    };
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    // Names seen so far, sorted, with their group (no hashing: keeps the wasm small).
    let mut index: Vec<(String, usize)> = Vec::new();
    for row in 0..table.rows {
        let name = match names_column.get(row) {
            CellRef::Text(t) if !t.trim().is_empty() => t.trim().to_string(),
            CellRef::Number(v) => crate::axis::format::format_number(v, crate::axis::format::decimals_for_values(&[v], 6), crate::axis::format::default_locale()),
            _ => {
                return Err(table.cell_error(
                    row,
                    series_col,
                    "the series name is empty; in a long table every row names its series".into(),
                    "is empty, expected the name of a series; in a long table every record names its series".into(),
                ));
            }
        };
        let slot = match index.binary_search_by(|(n, _)| n.as_str().cmp(&name)) {
            Ok(at) => index.get(at).map_or(0, |(_, g)| *g),
            Err(at) => {
                if groups.len() >= MAX_SERIES {
                    return Err(ChartError::Limit {
                        message: format!("{}: {} names more than {MAX_SERIES} series, the limit", table.row_ref(row), table.col_ref(series_col)),
                    });
                }
                index.insert(at, (name.clone(), groups.len()));
                groups.push((name, Vec::new()));
                groups.len() - 1
            }
        };
        if let Some((_, rows)) = groups.get_mut(slot) {
            rows.push(row);
        }
    }
    let unit = table.unit(value_col);
    let mut buf = String::new();
    let mut series = Vec::with_capacity(groups.len());
    let mut origins = Vec::with_capacity(groups.len());
    for (name, mut rows) in groups {
        let at = |r: usize| xs.get(r).copied().unwrap_or(0.0);
        let keys: Vec<f64> = rows.iter().map(|&r| at(r)).collect();
        rows = order_by(&keys).into_iter().filter_map(|k| rows.get(k).copied()).collect();
        if let Some((a, b)) = rows.windows(2).find_map(|w| match *w {
            [a, b] if at(a) == at(b) => Some((a, b)),
            _ => None,
        }) {
            let date = quote(&table.text_of(b, x_col));
            return Err(table.cell_error(
                b,
                x_col,
                format!("{date} appears twice for {}, on {} and {}; a long table can give each series one value per date", quote(&name), table.row_ref(a), table.row_ref(b)),
                format!("is {date} again for {}, as in data[{a}]; a long table can give each series one value per date", quote(&name)),
            ));
        }
        let mut y = Vec::with_capacity(rows.len());
        for &row in &rows {
            let cell = values_column.get(row);
            match table.number(cell, &mut buf) {
                Ok(v) if v.is_none_or(f64::is_finite) => y.push(v.unwrap_or(f64::NAN)),
                _ => return Err(table.not_a_number(row, value_col, cell)),
            }
        }
        series.push(Series {
            name,
            unit: unit.clone(),
            kind: SeriesKind::Line,
            color: None,
            granularity,
            decimals: None,
            x: rows.iter().map(|&r| at(r)).collect(),
            y,
            magnitude: None,
            summary: crate::model::SummaryCache::default(),
        });
        origins.push(Some(rows));
    }
    let (series, origins) = pick(options, series, origins, "series")?;
    out.series = series;
    out.origins = origins;
    Ok(())
}

/// Keeps and orders the series `columns` names.
fn pick(options: &TableOptions, series: Vec<Series>, origins: Vec<Option<Vec<usize>>>, what: &str) -> Result<Picked, ChartError> {
    let Some(wanted) = &options.columns else { return Ok((series, origins)) };
    let mut pairs: Vec<Option<(Series, Option<Vec<usize>>)>> = series.into_iter().zip(origins).map(Some).collect();
    let mut picked_series = Vec::with_capacity(wanted.len());
    let mut picked_origins = Vec::with_capacity(wanted.len());
    for (i, name) in wanted.iter().enumerate() {
        let at = pairs.iter().position(|p| p.as_ref().is_some_and(|(s, _)| s.name == name.trim()));
        match at.and_then(|k| pairs.get_mut(k)).and_then(Option::take) {
            Some((s, o)) => {
                picked_series.push(s);
                picked_origins.push(o);
            }
            None => {
                let available = crate::error::name_list(&mut pairs.iter().flatten().map(|(s, _)| s.name.clone()).take(12), usize::MAX);
                return Err(ChartError::invalid(
                    format!("spec columns[{i}]"),
                    "name",
                    quote(name),
                    format!("the name of a {what} with numbers, used once ({available})"),
                ));
            }
        }
    }
    Ok((picked_series, picked_origins))
}

/// One series per column of numbers.
fn wide(
    table: &Table,
    options: &TableOptions,
    x_col: usize,
    xs: &[f64],
    granularity: Granularity,
    kinds: &[(usize, ColumnKind)],
    out: &mut TableSeries,
) -> Result<(), ChartError> {
    let chosen: Vec<usize> = match &options.columns {
        Some(wanted) => {
            let mut cols = Vec::with_capacity(wanted.len());
            for (i, name) in wanted.iter().enumerate() {
                let col = table.find(name, &format!("columns[{i}]"))?;
                if col == x_col {
                    return Err(ChartError::invalid("spec", format!("columns[{i}]"), quote(name), "a column other than the date column"));
                }
                if cols.contains(&col) {
                    return Err(ChartError::invalid("spec", format!("columns[{i}]"), quote(name), "a column not already picked"));
                }
                if kinds.iter().any(|(c, k)| *c == col && *k == ColumnKind::Text) {
                    return Err(ChartError::invalid("spec", format!("columns[{i}]"), quote(name), format!("a column with numbers ({} has none)", table.col_ref(col))));
                }
                cols.push(col);
            }
            cols
        }
        None => {
            let mut cols = Vec::with_capacity(kinds.len());
            for (c, k) in kinds {
                if *k == ColumnKind::Text {
                    let what = if table.is_csv() { "column" } else { "field" };
                    out.warnings.push(format!("{} has no numbers, so it is not drawn (a text {what} such as {} can name the series of a long table; see seriesColumn)", table.col_ref(*c), quote(&first_text(table, *c))));
                } else {
                    cols.push(*c);
                }
            }
            cols
        }
    };
    if chosen.is_empty() {
        // Only text: the first text cell is the mistake to fix.
        if let Some(&(col, _)) = kinds.iter().find(|(_, k)| *k == ColumnKind::Text) {
            if let Some(column) = table.columns.get(col) {
                let mut buf = String::new();
                if let Some(row) = (0..table.rows).find(|&r| table.number(column.get(r), &mut buf).is_err()) {
                    return Err(table.not_a_number(row, col, column.get(row)));
                }
            }
        }
        let what = if table.is_csv() { "column" } else { "field" };
        return Err(table.table_error(format!("no {what} besides the dates holds numbers; a chart needs at least one")));
    }
    if chosen.len() > MAX_SERIES {
        return Err(ChartError::Limit { message: format!("{}: {} series is more than the limit of {MAX_SERIES}", table.row_ref(0), chosen.len()) });
    }
    if table.rows.saturating_mul(chosen.len()) > MAX_POINTS {
        return Err(ChartError::Limit { message: format!("the table would hold more than {MAX_POINTS} points; aggregate the data first") });
    }
    let mut buf = String::new();
    let mut columns_y: Vec<Vec<f64>> = Vec::with_capacity(chosen.len());
    for &col in &chosen {
        let Some(column) = table.columns.get(col) else { continue };
        // Typed columns (records from the harness): one tight pass; NaN is a gap.
        if let Column::Numbers(values) = column {
            if let Some(row) = values.iter().position(|v| v.is_infinite()) {
                return Err(table.not_a_number(row, col, column.get(row)));
            }
            columns_y.push(values.clone());
            continue;
        }
        let mut y = Vec::with_capacity(table.rows);
        for row in 0..table.rows {
            let cell = column.get(row);
            match table.number(cell, &mut buf) {
                Ok(v) if v.is_none_or(f64::is_finite) => y.push(v.unwrap_or(f64::NAN)),
                _ => return Err(table.not_a_number(row, col, cell)),
            }
        }
        columns_y.push(y);
    }
    // Sort by date when needed, then refuse repeated dates (point indices are data rows).
    let mut x = xs.to_vec();
    let first_name = chosen.first().map(|&c| table.name(c)).unwrap_or_default();
    let origin = sort_points(&mut x, &mut columns_y, &first_name, Some(granularity))?;
    let series: Vec<Series> = chosen
        .iter()
        .zip(columns_y)
        .map(|(&col, y)| Series {
            name: table.name(col),
            unit: table.unit(col),
            kind: SeriesKind::Line,
            color: None,
            granularity,
            decimals: None,
            x: x.clone(),
            y,
            magnitude: None,
            summary: crate::model::SummaryCache::default(),
        })
        .collect();
    out.origins = vec![origin; series.len()];
    out.series = series;
    Ok(())
}

/// One series per row of a table with the dates across the header (`date_cols`):
/// `name_col` names each series; `columns` picks rows by those names.
fn across(table: &Table, options: &TableOptions, name_col: usize, date_cols: &[usize], out: &mut TableSeries) -> Result<(), ChartError> {
    let mut xs = Vec::new();
    let mut form: Option<(Granularity, usize)> = None;
    for &c in date_cols {
        let header = table.headers.get(c).map_or("", String::as_str);
        let (ms, g) = parse_date_in(header, options.locale_order).map_err(|e| table.table_error(format!("the header {} is not a date ({e})", quote(header))))?;
        match form {
            Some((f, at)) if f != g => {
                let other = table.headers.get(at).map_or("", String::as_str);
                return Err(table.table_error(format!("the header's dates {} and {} are written in different forms; one table cannot mix them", quote(other), quote(header))));
            }
            _ => form = Some((g, c)),
        }
        xs.push(ms);
    }
    let granularity = match form {
        Some((Granularity::Day, _)) => Granularity::of_day_dates(&xs),
        Some((g, _)) => g,
        None => Granularity::Day,
    };
    for c in (0..table.headers.len()).filter(|c| *c != name_col && !date_cols.contains(c)) {
        out.warnings.push(format!("{} holds text, so it is not drawn ({} names the series of a table with the dates across its header)", table.col_ref(c), table.col_ref(name_col)));
    }
    let names: Vec<String> = (0..table.rows).map(|r| table.text_of(r, name_col).trim().to_string()).collect();
    let rows: Vec<usize> = match &options.columns {
        Some(wanted) => {
            let mut rows = Vec::with_capacity(wanted.len());
            for (i, name) in wanted.iter().enumerate() {
                let Some(row) = names.iter().position(|n| n == name.trim()) else {
                    let list = crate::error::name_list(&mut names.iter().cloned(), 12);
                    return Err(ChartError::invalid("spec", format!("columns[{i}]"), quote(name), format!("the name of a row ({list})")));
                };
                rows.push(row);
            }
            rows
        }
        None => (0..table.rows).filter(|&r| !names.get(r).is_none_or(String::is_empty)).collect(),
    };
    if rows.len() > MAX_SERIES {
        return Err(ChartError::Limit { message: format!("{} series (one per row) is more than the limit of {MAX_SERIES}; pick rows with \"columns\"", rows.len()) });
    }
    let mut buf = String::new();
    for (k, &row) in rows.iter().enumerate() {
        let name = names.get(row).cloned().unwrap_or_default();
        if let Some(&earlier) = rows.get(..k).unwrap_or_default().iter().find(|&&r| names.get(r) == Some(&name)) {
            return Err(table.table_error(format!("{} and {} both name the series {}; each row needs a name of its own", table.row_ref(earlier), table.row_ref(row), quote(&name))));
        }
        let mut y = Vec::with_capacity(xs.len());
        for &col in date_cols {
            let cell = table.columns.get(col).map_or(CellRef::Gap, |c| c.get(row));
            match table.number(cell, &mut buf) {
                Ok(v) if v.is_none_or(f64::is_finite) => y.push(v.unwrap_or(f64::NAN)),
                _ => return Err(table.not_a_number(row, col, cell)),
            }
        }
        let mut x = xs.clone();
        sort_points(&mut x, std::slice::from_mut(&mut y), &name, Some(granularity))?;
        out.series.push(Series {
            name,
            unit: Unit::default(),
            kind: SeriesKind::Line,
            color: None,
            granularity,
            decimals: None,
            x,
            y,
            magnitude: None,
            summary: crate::model::SummaryCache::default(),
        });
        out.origins.push(None);
    }
    if out.series.is_empty() {
        return Err(table.table_error("no row names a series".into()));
    }
    Ok(())
}

fn first_text(table: &Table, col: usize) -> String {
    (0..table.rows).map(|r| table.text_of(r, col)).find(|t| !t.trim().is_empty()).unwrap_or_default()
}

/// Builds a table from JSON records (`[{"date": "2023-01", "trade": 240.1}, …]`) or from
/// columns (`{"date": [...], "trade": Float64Array}`, what the harness hands over).
/// Fields keep their order of first appearance; a record without a field has a gap there.
pub fn table_from_records(data: &Json) -> Result<Table, ChartError> {
    let bad = |message: String| ChartError::Data { message };
    match data {
        Json::Array(records) => {
            let mut headers: Vec<String> = Vec::new();
            for (i, r) in records.iter().enumerate() {
                match r {
                    Json::Object(fields) => {
                        for (k, _) in fields {
                            if !headers.contains(k) {
                                if headers.len() > MAX_SERIES {
                                    return Err(ChartError::Limit { message: format!("data[{i}]: the records have more than {MAX_SERIES} fields") });
                                }
                                headers.push(k.clone());
                            }
                        }
                    }
                    other => {
                        return Err(bad(format!("data[{i}] is {}, expected a record such as {{\"date\": \"2023-01\", \"trade\": 240.1}}", other.describe())));
                    }
                }
            }
            if records.is_empty() {
                return Err(ChartError::Empty { what: "spec: data is empty; a chart needs at least one record".into() });
            }
            if records.len().saturating_mul(headers.len()) > MAX_POINTS.saturating_mul(2) {
                return Err(ChartError::Limit { message: format!("spec: data would hold more than {MAX_POINTS} points; aggregate the data first") });
            }
            let mut columns: Vec<Vec<Cell>> = headers.iter().map(|_| Vec::with_capacity(records.len())).collect();
            for (i, r) in records.iter().enumerate() {
                for (h, column) in headers.iter().zip(columns.iter_mut()) {
                    column.push(cell_of(r.get(h), i, h)?);
                }
            }
            Ok(Table { headers, columns: columns.into_iter().map(Column::Cells).collect(), rows: records.len(), origin: Origin::Records })
        }
        Json::Object(fields) => {
            let rows = fields.first().map_or(0, |(_, v)| match v {
                Json::Array(a) => a.len(),
                Json::Numbers(a) => a.len(),
                _ => 0,
            });
            if rows == 0 {
                return Err(ChartError::Empty { what: "spec: data is empty; a chart needs at least one record".into() });
            }
            let mut headers = Vec::with_capacity(fields.len());
            let mut columns = Vec::with_capacity(fields.len());
            for (name, value) in fields {
                let column = match value {
                    Json::Numbers(v) => Column::Numbers(v.clone()),
                    Json::Array(items) => {
                        let mut cells = Vec::with_capacity(items.len());
                        for (i, v) in items.iter().enumerate() {
                            cells.push(cell_of(Some(v), i, name)?);
                        }
                        Column::Cells(cells)
                    }
                    other => return Err(bad(format!("data.{name} is {}, expected a column (an array)", other.describe()))),
                };
                if column.len() != rows {
                    return Err(bad(format!("data.{name} has {} values but the first field has {rows}; every column needs one per record", column.len())));
                }
                headers.push(name.clone());
                columns.push(column);
            }
            Ok(Table { headers, columns, rows, origin: Origin::Records })
        }
        other => Err(other.invalid_as("spec", "data", "an array of records such as [{\"date\": \"2023-01\", \"trade\": 240.1}]")),
    }
}

fn cell_of(value: Option<&Json>, row: usize, field: &str) -> Result<Cell, ChartError> {
    match value {
        None | Some(Json::Null) => Ok(Cell::Gap),
        Some(Json::Number(v)) if v.is_finite() => Ok(Cell::Number(*v)),
        Some(Json::String(s)) => Ok(Cell::Text(s.trim().to_string())),
        Some(other) => Err(ChartError::Data {
            message: format!("data[{row}].{field} is {}, expected a number, a date, text or null", other.describe()),
        }),
    }
}
