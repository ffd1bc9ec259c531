//! Reading series from CSV, the format newsroom spreadsheets export.
//!
//! The first row is a header. The first column holds dates (`2023`, `2023-Q2`, `2023-06`,
//! `2023-06-16` or an ISO date-time; its header is free text such as `year`); every
//! further column is one series named by its header. A header may end with its unit in
//! parentheses or brackets: `Trade (US$ bn)` is the series "Trade" with the unit read by
//! [`unit_from_header`].
//!
//! Rules, so that a file reads the same way every time:
//!
//! - A UTF-8 byte-order mark is skipped; lines may end in LF or CRLF; fields may be quoted
//!   (`"Trade, total"`, `"say ""hi"""`).
//! - The delimiter is the one of `,`, `;` and tab that occurs most often (outside quotes)
//!   in the header line; a tie goes to tab, then `;`, then `,`.
//! - Cells are trimmed. An empty cell, `NA`, `N/A`, `null` (any case), `-`, `–`, `—`, `..`
//!   or `:` is a gap. Anything else in a series column must be a number.
//! - Numbers: an optional sign (`-`, `+` or `−`), digits, an optional decimal mark and
//!   fraction, an optional exponent (`1.5e3`). With a decimal point, `,` groups thousands
//!   (`1,234.5`); with a decimal comma, `.` does (`1.234,5`). A space or no-break space
//!   also groups thousands. Groups must have three digits, so `1,23` is an error, not 123.
//!   A trailing `%` (`12%`, `12 %`) reads as that number of percent; a column whose values
//!   all have one gets the unit "%" when its header names none.
//! - The decimal mark is a point unless [`CsvOptions::decimal_comma`] says otherwise. When
//!   it is `None` and the delimiter is `;`, the file uses a decimal comma if any value
//!   cell has exactly one `,` with digits after it and no `.` after it (`240,1`,
//!   `1.234,5`, and also `1,234`, which such a file means as 1.234).
//! - Rows whose cells are all empty (trailing `,,,` or blank lines) are skipped. Every
//!   other row must have as many cells as the header.
//! - Rows may come in any order; they are sorted by date. A date may appear once.
//!
//! Errors are [`ChartError::Csv`] with the 1-based physical line where the row starts and
//! the column: `CSV line 8: column "Crude imports": "abc" is not a number`.

use crate::error::ChartError;
use crate::axis::format::Unit;
use crate::ingest::json::describe_str;
use crate::model::Series;
use crate::ingest::points::{MAX_POINTS, MAX_SERIES};
use crate::ingest::table::{series_from_table, Cell, Column, Origin, Table, TableOptions};

/// Options for reading CSV.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// `Some(true)`: numbers use a decimal comma (`1.234,5`); `Some(false)`: a decimal
    /// point (`1,234.5`); `None`: detect (a decimal comma only in `;`-delimited files whose
    /// cells show one, see the module documentation).
    pub decimal_comma: Option<bool>,
}

/// Currency signs recognised at the start of a unit in a header, longest first, with the
/// prefix each becomes (`US$` is written `$`, as news copy does).
const CURRENCIES: &[(&str, &str)] = &[
    ("US$", "$"),
    ("HK$", "HK$"),
    ("CN¥", "¥"),
    ("$", "$"),
    ("€", "€"),
    ("£", "£"),
    ("¥", "¥"),
    ("₽", "₽"),
];

/// Cells that mean "no value" (compared case-insensitively); ".." is the World Bank's and
/// ":" Eurostat's mark.
const GAPS: &[&str] = &["", "na", "n/a", "null", "-", "–", "—", "..", ":"];

/// Turns the unit written in a header into a [`Unit`].
///
/// A leading currency sign (`$`, `US$`, `HK$`, `€`, `£`, `¥`, `CN¥`, `₽`) becomes the
/// prefix (`US$` as `$`, `CN¥` as `¥`), and what follows it, trimmed, the suffix with no
/// space: `"$bn"` and `"US$ bn"` give `$240.1bn`, `"€ m"` gives `€5m`. Without a currency
/// sign, the rule of the spec's string `unit` applies: `"%"` is a suffix as written
/// (`5.2%`), a word is a suffix after a space (`"Mt"` gives `107 Mt`).
pub fn unit_from_header(text: &str) -> Unit {
    let text = text.trim();
    for (sign, prefix) in CURRENCIES {
        if let Some(rest) = text.strip_prefix(sign) {
            let rest = rest.trim();
            // "$240bn", "$82/bbl" as newsrooms write them, but "€1,234 Mio.", "$82 per barrel".
            let attached = rest.is_empty() || rest.starts_with('/') || ATTACHED_WORDS.iter().any(|w| w.eq_ignore_ascii_case(rest));
            let suffix = if attached { rest.to_string() } else { format!(" {rest}") };
            return Unit { prefix: (*prefix).into(), suffix, scale: None };
        }
    }
    Unit::from_shorthand(text)
}

/// Magnitude abbreviations written straight after a currency amount ("$240bn", "£3m").
const ATTACHED_WORDS: &[&str] = &["bn", "b", "m", "mn", "k", "tn", "t"];

/// Splits a series header into its name and the unit text in trailing `(…)` or `[…]`.
pub fn split_header(header: &str) -> (&str, Option<&str>) {
    let h = header.trim();
    for (open, close) in [(b'(', ')'), (b'[', ']')] {
        if let Some(inner) = h.strip_suffix(close) {
            if let Some(at) = crate::text::rfind_ascii(inner, open) {
                let name = inner.get(..at).unwrap_or("").trim();
                let unit = inner.get(at + 1..).unwrap_or("").trim();
                return (name, Some(unit).filter(|u| !u.is_empty()));
            }
        }
    }
    (h, None)
}

/// Reads CSV text into series with default options (see [`crate::ingest::table`] for how the
/// date column, long tables and text columns are recognised).
///
/// Every series is a line (the caller may change `kind`), sorted by date, with the
/// granularity of the date column.
pub fn series_from_csv(text: &str, options: &CsvOptions) -> Result<Vec<Series>, ChartError> {
    let table = read_table(text, options)?;
    series_from_table(&table, &TableOptions::default()).map(|t| t.series)
}

/// Reads CSV text into a [`Table`] of text cells: the header, then one row per data line
/// with its line number. Checks the shape (header, cell counts, limits); the cells are
/// read by [`crate::ingest::table::series_from_table`].
pub fn read_table(text: &str, options: &CsvOptions) -> Result<Table, ChartError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    let decimal_comma = match options.decimal_comma {
        Some(d) => d,
        None => delimiter == b';' && shows_decimal_comma(text, delimiter),
    };

    let mut reader = Records::new(text, delimiter);
    let mut record = Record::default();
    let mut lines = LineCounter { bytes: text.as_bytes(), offset: 0, line: 1 };

    // The header: the first row with a non-empty cell.
    let header_line = loop {
        if !reader.read(&mut record, &mut lines)? {
            return Err(csv_error(1, "the CSV is empty; expected a header row, then one row per date"));
        }
        if !record.is_blank() {
            break lines.at_byte(record.start);
        }
    };
    let columns = record.len();
    if columns < 2 {
        let mut message = String::from("the header has a single column; expected a date column, then one column per series (separated by commas, semicolons or tabs)");
        // A title or note above the header, as statistics offices' exports have.
        let later = text.lines().enumerate().skip(header_line).find(|(_, l)| l.contains([',', ';', '\t']));
        if let Some((k, _)) = later {
            message.push_str(&format!("; line {} looks like the header: remove the title or notes above it", k + 1));
        }
        return Err(csv_error(header_line, message));
    }
    if columns - 1 > MAX_SERIES {
        return Err(ChartError::Limit {
            message: format!("CSV line {header_line}: {} series columns is more than the limit of {MAX_SERIES}", columns - 1),
        });
    }
    let mut headers: Vec<String> = record.cells().map(|h| h.trim().to_string()).collect();
    let unnamed = |i: usize, cell: &str| csv_error(header_line, format!("column {}: the header {} has no series name; each series column needs one", i + 1, quote(cell.trim())));
    // A last column with no header may be the empty one a trailing delimiter makes (as
    // the World Bank's files end every line); it is dropped below if all its cells are empty.
    let trailing_blank = headers.last().is_some_and(String::is_empty);
    let mut names: Vec<&str> = Vec::with_capacity(columns);
    for (i, cell) in record.cells().enumerate() {
        let (name, _) = split_header(cell);
        if i > 0 && name.is_empty() && !(trailing_blank && i + 1 == columns) {
            return Err(unnamed(i, cell));
        }
        if let Some(first) = names.iter().position(|n| *n == name && !name.is_empty()) {
            return Err(csv_error(
                header_line,
                format!("column {}: the series name {} is already used by column {}; each series needs its own name", i + 1, quote(name), first + 1),
            ));
        }
        names.push(name);
    }

    let mut cells: Vec<Vec<Cell>> = vec![Vec::new(); columns];
    let mut row_lines: Vec<usize> = Vec::new();
    loop {
        if !reader.read(&mut record, &mut lines)? {
            break;
        }
        if record.is_blank() {
            continue;
        }
        let line = lines.at_byte(record.start);
        if record.len() != columns {
            let mut message = format!(
                "the row has {} cell{} but the header has {columns}; each row needs a date and one cell per series (quote cells that contain the delimiter)",
                record.len(),
                if record.len() == 1 { "" } else { "s" },
            );
            // Notes above the real header (a source and a date, as the World Bank's files
            // start): a much longer row among the first few is that header.
            if record.len() > columns + 1 && row_lines.len() < 4 {
                message.push_str(&format!("; if line {line} is the header, remove the lines above it"));
            }
            return Err(csv_error(line, message));
        }
        if row_lines.len().saturating_add(1).saturating_mul(columns - 1) > MAX_POINTS {
            return Err(ChartError::Limit {
                message: format!("CSV line {line}: the chart would hold more than {MAX_POINTS} points; aggregate the data first"),
            });
        }
        for (cell, column) in record.cells().zip(cells.iter_mut()) {
            let cell = cell.trim();
            column.push(if cell.is_empty() { Cell::Gap } else { Cell::Text(cell.to_string()) });
        }
        row_lines.push(line);
    }
    if row_lines.is_empty() {
        return Err(csv_error(header_line, "the header is not followed by any data rows"));
    }
    if trailing_blank {
        if !cells.last().is_some_and(|c| c.iter().all(|cell| *cell == Cell::Gap)) {
            return Err(unnamed(columns - 1, ""));
        }
        cells.pop();
        headers.pop();
    }
    Ok(Table {
        headers,
        columns: cells.into_iter().map(Column::Cells).collect(),
        rows: row_lines.len(),
        origin: Origin::Csv { header_line, lines: row_lines, decimal_comma },
    })
}

/// CSV records, read by `csv_core` as the `csv` crate reads them (the state machine is
/// the same): fields quoted with `"` (`""` inside for a quote), records ended by LF, CR
/// or CRLF, blank lines skipped, a byte-order mark at the start skipped, any cell count.
struct Records<'a> {
    core: csv_core::Reader,
    input: &'a [u8],
    /// Bytes of `input` read so far.
    offset: usize,
    done: bool,
}

/// One record: its cells unquoted, one after another, and where each ends.
#[derive(Default)]
struct Record {
    /// The byte offset where reading the record began (before any blank lines it skipped,
    /// and after the previous record's line break, or its CR of a CRLF).
    start: usize,
    /// The cells' text, one after another.
    text: String,
    /// The end of each cell in `text`.
    ends: Vec<usize>,
    /// Scratch space for the reader's output.
    buf: Vec<u8>,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: u8) -> Self {
        let core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        Records { core, input: text.as_bytes(), offset: 0, done: false }
    }

    /// Reads the next record into `record`; false at the end of the text. (The text is
    /// UTF-8 and the reader splits it only at ASCII bytes, so the check that a record's
    /// cells are UTF-8 cannot fail in practice; it is kept for safety.)
    fn read(&mut self, record: &mut Record, lines: &mut LineCounter) -> Result<bool, ChartError> {
        use csv_core::ReadRecordResult;
        record.start = self.offset;
        record.text.clear();
        record.ends.clear();
        if self.done {
            return Ok(false);
        }
        record.buf.resize(record.buf.len().max(1024), 0);
        record.ends.resize(record.ends.capacity().max(16), 0);
        let (mut written, mut cells) = (0, 0);
        loop {
            let input = self.input.get(self.offset..).unwrap_or(&[]);
            let output = record.buf.get_mut(written..).unwrap_or(&mut []);
            let ends = record.ends.get_mut(cells..).unwrap_or(&mut []);
            let (result, read, wrote, ended) = self.core.read_record(input, output, ends);
            self.offset += read;
            written += wrote;
            cells += ended;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => record.buf.resize(record.buf.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => record.ends.resize(record.ends.len() * 2, 0),
                ReadRecordResult::Record => break,
                ReadRecordResult::End => {
                    self.done = true;
                    return Ok(false);
                }
            }
        }
        record.ends.truncate(cells);
        let text = record.buf.get(..written).and_then(|b| std::str::from_utf8(b).ok());
        let Some(text) = text else {
            return Err(csv_error(lines.at_byte(record.start), "the row cannot be read"));
        };
        record.text.push_str(text);
        Ok(true)
    }
}

impl Record {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The cells, as read (not trimmed).
    fn cells(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter()).map(|(a, &b)| self.text.get(a..b).unwrap_or(""))
    }

    fn is_blank(&self) -> bool {
        self.cells().all(|c| c.trim().is_empty())
    }
}

/// Physical line numbers from byte offsets. The reader's own line count misses the
/// blank lines it skips and counts a CRLF late, so lines are counted here, in one pass
/// over the text in all (records arrive in increasing byte order).
struct LineCounter<'a> {
    bytes: &'a [u8],
    /// Byte offset up to which line breaks have been counted.
    offset: usize,
    /// The 1-based line at `offset`.
    line: usize,
}

impl LineCounter<'_> {
    /// The line of the first byte at or after `byte` that is not a line break (the
    /// reader's position can sit before skipped blank lines or a CRLF's LF).
    fn at_byte(&mut self, byte: usize) -> usize {
        let mut start = byte.max(self.offset);
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let segment = self.bytes.get(self.offset..start).unwrap_or(&[]);
        // LF, CRLF and a lone CR each end a line.
        let breaks = segment
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && self.bytes.get(self.offset + i + 1) != Some(&b'\n')))
            .count();
        self.line += breaks;
        self.offset = start;
        self.line
    }
}

pub(crate) fn is_gap(cell: &str) -> bool {
    GAPS.iter().any(|g| g.eq_ignore_ascii_case(cell))
}

fn csv_error(line: usize, message: impl Into<String>) -> ChartError {
    ChartError::Csv { line, message: message.into() }
}

/// A cell quoted for a message (long text cut, as in JSON errors).
fn quote(text: &str) -> String {
    describe_str(text)
}

/// The delimiter: whichever of tab, `;` and `,` occurs most often outside quotes in the
/// first non-blank line (ties: tab, then `;`, then `,`).
fn detect_delimiter(text: &str) -> u8 {
    let header = text
        .split('\n')
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let (mut tabs, mut semis, mut commas) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\t' if !quoted => tabs += 1,
            b';' if !quoted => semis += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if tabs > 0 && tabs >= semis && tabs >= commas {
        b'\t'
    } else if semis > 0 && semis >= commas {
        b';'
    } else {
        b','
    }
}

/// Whether any value cell (not the header, not the date column) looks like a
/// decimal-comma number: exactly one `,`, digits after it, and no `.` after it.
fn shows_decimal_comma(text: &str, delimiter: u8) -> bool {
    let mut reader = Records::new(text, delimiter);
    let mut record = Record::default();
    let mut lines = LineCounter { bytes: text.as_bytes(), offset: 0, line: 1 };
    let mut header_seen = false;
    while let Ok(true) = reader.read(&mut record, &mut lines) {
        if record.is_blank() {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        if record.cells().skip(1).any(looks_decimal_comma) {
            return true;
        }
    }
    false
}

fn looks_decimal_comma(cell: &str) -> bool {
    let cell = cell.trim();
    let mut parts = cell.split(',');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(before), Some(after), None) => {
            !after.is_empty()
                && after.bytes().all(|b| b.is_ascii_digit())
                && before.bytes().any(|b| b.is_ascii_digit())
                && before.trim_start_matches(['-', '+', '−']).chars().all(|c| c.is_ascii_digit() || c == '.' || is_space_group(c))
        }
        _ => false,
    }
}

fn is_space_group(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// A hint for a cell that looks numeric but did not read as a number.
pub(crate) fn number_hint(cell: &str, decimal_comma: bool) -> &'static str {
    let numeric_looking = cell.chars().any(|c| c.is_ascii_digit())
        && cell.chars().any(|c| c == '.' || c == ',')
        && cell.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '−') || is_space_group(c));
    match (numeric_looking, decimal_comma) {
        (false, _) => "",
        (true, true) => " (this file is read with a decimal comma, as in 1.234,5; set decimalComma to false for 1,234.5)",
        (true, false) => " (this file is read with a decimal point, as in 1,234.5; set decimalComma to true for 1.234,5)",
    }
}

/// Parses a trimmed number cell under the file's decimal mark (see the module
/// documentation). `buf` is scratch space reused between cells.
pub(crate) fn parse_number(cell: &str, decimal_comma: bool, buf: &mut String) -> Option<f64> {
    let (decimal, group) = if decimal_comma { (',', '.') } else { ('.', ',') };
    // A percentage as spreadsheets write it ("12%", "12 %") is its number of percent.
    let cell = cell.strip_suffix('%').map_or(cell, str::trim_end);
    buf.clear();
    let mut chars = cell.chars().peekable();
    match chars.peek() {
        Some('-' | '−') => {
            buf.push('-');
            chars.next();
        }
        Some('+') => {
            chars.next();
        }
        _ => {}
    }
    // Integer part, with validated thousands groups.
    let mut digits = 0usize;
    let mut run = 0usize;
    let mut separator: Option<char> = None;
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            buf.push(c);
            digits += 1;
            run += 1;
        } else if c == group || is_space_group(c) {
            let first_group_ok = separator.is_none() && (1..=3).contains(&run);
            let next_group_ok = separator == Some(c) && run == 3;
            if !(first_group_ok || next_group_ok) {
                return None;
            }
            separator = Some(c);
            run = 0;
        } else {
            break;
        }
        chars.next();
    }
    if separator.is_some() && run != 3 {
        return None;
    }
    if chars.peek() == Some(&decimal) {
        chars.next();
        buf.push('.');
        while let Some(&c) = chars.peek() {
            if !c.is_ascii_digit() {
                break;
            }
            buf.push(c);
            digits += 1;
            chars.next();
        }
    }
    if digits == 0 {
        return None;
    }
    if let Some('e' | 'E') = chars.peek() {
        chars.next();
        buf.push('e');
        if let Some(&sign @ ('-' | '+')) = chars.peek() {
            buf.push(sign);
            chars.next();
        }
        let mut exponent_digits = 0;
        while let Some(&c) = chars.peek() {
            if !c.is_ascii_digit() {
                break;
            }
            buf.push(c);
            exponent_digits += 1;
            chars.next();
        }
        if exponent_digits == 0 {
            return None;
        }
    }
    if chars.next().is_some() {
        return None;
    }
    buf.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whether a cell is written as a percentage ("12%", "-3.5 %").
pub(crate) fn is_percent(cell: &str) -> bool {
    cell.trim_end().ends_with('%')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str, comma: bool) -> Option<f64> {
        parse_number(s, comma, &mut String::new())
    }

    #[test]
    fn numbers_under_each_decimal_mark() {
        assert_eq!(num("240.1", false), Some(240.1));
        assert_eq!(num("1,234.5", false), Some(1234.5));
        assert_eq!(num("1,234,567", false), Some(1_234_567.0));
        assert_eq!(num("-1 234.5", false), Some(-1234.5));
        assert_eq!(num("−5", false), Some(-5.0));
        assert_eq!(num("+.5", false), Some(0.5));
        assert_eq!(num("1.5e3", false), Some(1500.0));
        assert_eq!(num("1,23", false), None);
        assert_eq!(num("1,2345", false), None);
        assert_eq!(num(",123", false), None);
        assert_eq!(num("1,234,56", false), None);
        assert_eq!(num("1,234 567", false), None);
        assert_eq!(num("240,1", true), Some(240.1));
        assert_eq!(num("1.234,5", true), Some(1234.5));
        assert_eq!(num("1\u{a0}234,5", true), Some(1234.5));
        assert_eq!(num("240.1", true), None);
        for bad in ["", ".", "-", "abc", "NaN", "inf", "1e", "12a", "$5", "1e400"] {
            assert_eq!(num(bad, false), None, "{bad}");
        }
    }

    #[test]
    fn delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(detect_delimiter("year,Trade\n"), b',');
        assert_eq!(detect_delimiter("year;Trade;Crude\n"), b';');
        assert_eq!(detect_delimiter("year\tTrade, total\n"), b'\t');
        assert_eq!(detect_delimiter("\"a;b;c\",Trade\n"), b',');
        assert_eq!(detect_delimiter("\n\nyear;Trade\n"), b';');
    }

    #[test]
    fn decimal_comma_pattern() {
        assert!(looks_decimal_comma("240,1"));
        assert!(looks_decimal_comma("1.234,5"));
        assert!(looks_decimal_comma("-1,234"));
        assert!(!looks_decimal_comma("1,234.5"));
        assert!(!looks_decimal_comma("1,234,567"));
        assert!(!looks_decimal_comma("240.1"));
        assert!(!looks_decimal_comma("a,b"));
    }

    fn our_records(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        let mut reader = Records::new(text, delimiter);
        let mut record = Record::default();
        let mut lines = LineCounter { bytes: text.as_bytes(), offset: 0, line: 1 };
        let mut out = Vec::new();
        while reader.read(&mut record, &mut lines).unwrap() {
            out.push((record.start, record.cells().map(str::to_string).collect()));
        }
        out
    }

    #[test]
    fn records_split_as_quoted_csv() {
        let text = "\u{feff}a,\"b, \"\"c\"\"\"\r\n\r\n\n1,\"x\ny\"\r2;3,\n,\n";
        let expected: Vec<(usize, Vec<String>)> = vec![
            (0, vec!["a".into(), "b, \"c\"".into()]),
            (16, vec!["1".into(), "x\ny".into()]),
            (28, vec!["2;3".into(), "".into()]),
            (33, vec!["".into(), "".into()]),
        ];
        assert_eq!(our_records(text, b','), expected);
        assert_eq!(our_records("", b','), vec![]);
        assert_eq!(our_records("a\tb", b'\t'), vec![(0, vec!["a".into(), "b".into()])]);
        let wide = vec!["x".repeat(3000); 100].join(",");
        assert_eq!(our_records(&wide, b',').first().map(|r| r.1.len()), Some(100));
    }

    /// The same records, and each at the same byte offset, as the csv crate's reader
    /// (which `read_table` used before) gives for the same text.
    #[cfg(not(target_arch = "wasm32"))]
    mod against_the_csv_crate {
        use super::*;
        use proptest::prelude::*;

        fn csv_records(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
            let mut record = csv::StringRecord::new();
            let mut out = Vec::new();
            while reader.read_record(&mut record).unwrap() {
                let start = record.position().map_or(usize::MAX, |p| p.byte() as usize);
                out.push((start, record.iter().map(str::to_string).collect()));
            }
            out
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(0xc5_c0_4e), ..ProptestConfig::default() })]
            #[test]
            fn same_records(pieces in prop::collection::vec(prop::sample::select(vec![
                "a", "12", "1,5", " ", ",", ";", "\t", "\"", "\"\"", "\n", "\r", "\r\n", "é", "\u{feff}", "\"q, r\"", "#",
            ]), 0..40), delimiter in prop::sample::select(vec![b',', b';', b'\t'])) {
                let text = pieces.concat();
                prop_assert_eq!(our_records(&text, delimiter), csv_records(&text, delimiter), "{:?}", text);
            }
        }
    }

    #[test]
    fn header_units() {
        assert_eq!(split_header(" Trade (US$ bn) "), ("Trade", Some("US$ bn")));
        assert_eq!(split_header("Crude [Mt]"), ("Crude", Some("Mt")));
        assert_eq!(split_header("Trade ()"), ("Trade", None));
        assert_eq!(split_header("Trade"), ("Trade", None));
        let u = |p: &str, s: &str| Unit::new(p, s);
        assert_eq!(unit_from_header("$bn"), u("$", "bn"));
        assert_eq!(unit_from_header("US$ bn"), u("$", "bn"));
        assert_eq!(unit_from_header("€"), u("€", ""));
        assert_eq!(unit_from_header("Mt"), u("", " Mt"));
        assert_eq!(unit_from_header("%"), u("", "%"));
        assert_eq!(unit_from_header("million tonnes"), u("", " million tonnes"));
        assert_eq!(unit_from_header("$/bbl"), u("$", "/bbl"));
        assert_eq!(unit_from_header("€ Mio."), u("€", " Mio."));
        assert_eq!(unit_from_header("US$ per barrel"), u("$", " per barrel"));
        assert_eq!(unit_from_header("£m"), u("£", "m"));
    }
}
