//! Calendar arithmetic on epoch milliseconds (UTC) and parsing of the date forms a
//! newsroom spreadsheet uses: `"2023"`, `"2023-Q2"`, `"2023-06"`, `"2023-06-16"`,
//! ISO date-times, and epoch milliseconds; and, through [`parse_date_in`], the everyday
//! forms people type: `Jan 2000`, `January 2000`, `Jan 1, 2000`, `1 Jan 2000`,
//! `2000/01/31`, `31.01.2000`, `01/31/2000` or `31/01/2000` (see [`DayOrder`]),
//! `2000 Q1`, `Q1 2000`, `2000Q1`, `2000年1月`, and month names in every supported
//! locale (`März 2000`, `janv. 2000`, `1 de enero de 2000`).
//!
//! Dates are proleptic Gregorian, UTC, with years limited to 1..=9999 so that every
//! value we accept can be formatted back.

use std::fmt;

/// Milliseconds in one day.
pub const MS_PER_DAY: f64 = 86_400_000.0;

/// Earliest and latest accepted years.
pub const MIN_YEAR: i64 = 1;
/// Latest accepted year.
pub const MAX_YEAR: i64 = 9999;

/// How finely a series is sampled in time; decides how its dates read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    /// One value per calendar year ("2023").
    Year,
    /// One value per quarter ("Q2 2023").
    Quarter,
    /// One value per month ("Jun 2023").
    Month,
    /// One value per day ("16 May 2024").
    Day,
    /// Finer than a day (a timestamp with a time of day).
    Time,
}

impl Granularity {
    /// The name used in specs and messages.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Year => "annual",
            Granularity::Quarter => "quarterly",
            Granularity::Month => "monthly",
            Granularity::Day => "daily",
            Granularity::Time => "time",
        }
    }

    /// Parses the spec's `granularity` field.
    pub fn from_name(name: &str) -> Option<Granularity> {
        match name {
            "annual" | "year" | "yearly" => Some(Granularity::Year),
            "quarterly" | "quarter" => Some(Granularity::Quarter),
            "monthly" | "month" => Some(Granularity::Month),
            "daily" | "day" => Some(Granularity::Day),
            "time" => Some(Granularity::Time),
            _ => None,
        }
    }

    /// The granularity of dates written as days: monthly and annual data often come as the
    /// first day of each period ("2022-01-01", "Jan 1 2022", as statistics offices export
    /// them). Two or more dates that are all 1sts read as months (all January 1sts as
    /// years); one date, or any other day among them, keeps them daily.
    pub fn of_day_dates(xs: &[f64]) -> Granularity {
        if xs.len() < 2 {
            return Granularity::Day;
        }
        // Daily data shows a day other than the 1st within a month's worth of points, so
        // the scan stops there rather than reading every date of a long series.
        let mut coarsest = Granularity::Year;
        for t in xs {
            match Granularity::of_timestamp(*t) {
                Granularity::Day | Granularity::Time => return Granularity::Day,
                g => coarsest = coarsest.max(g),
            }
        }
        coarsest
    }

    /// Infers the granularity of a timestamp from the calendar fields it sets.
    pub fn of_timestamp(ms: f64) -> Granularity {
        let c = Civil::from_ms(ms);
        if c.hour != 0 || c.minute != 0 || c.second != 0 || c.millisecond != 0 {
            Granularity::Time
        } else if c.day != 1 {
            Granularity::Day
        } else if c.month != 1 {
            Granularity::Month
        } else {
            Granularity::Year
        }
    }
}

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum DateError {
    /// The text is not one of the accepted forms.
    Malformed,
    /// A month, day, hour, … outside its range ("2023-13", "2023-02-30").
    FieldOutOfRange(&'static str),
    /// A year outside 1..=9999.
    YearOutOfRange(i64),
    /// A numeric date such as 01/02/2000 whose day and month could be either way round.
    Ambiguous,
}

/// Which number comes first in a numeric date with the year last (`01/02/2000`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayOrder {
    /// 31/01/2000: day, month, year (most of the world).
    DayFirst,
    /// 01/31/2000: month, day, year (the United States).
    MonthFirst,
}

impl DayOrder {
    /// The spec's `dateFormat` name of the order.
    pub fn name(self) -> &'static str {
        match self {
            DayOrder::DayFirst => "day-first",
            DayOrder::MonthFirst => "month-first",
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Malformed => f.write_str(
                "expected a date such as 2023, 2023-Q2, 2023-06, Jun 2023, 2023-06-16, 16 Jun 2023, an ISO date-time or epoch milliseconds",
            ),
            DateError::FieldOutOfRange(field) => write!(f, "the {field} is out of range"),
            DateError::YearOutOfRange(y) => {
                write!(f, "year {y} is outside the supported range {MIN_YEAR}..{MAX_YEAR}")
            }
            DateError::Ambiguous => f.write_str("the day and the month could be either way round"),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..=12, day 1..=31).
#[inline(always)]
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a day count since 1970-01-01.
#[inline(always)]
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Epoch milliseconds of midnight UTC on a date.
pub fn ms_from_civil(year: i64, month: u32, day: u32) -> f64 {
    days_from_civil(year, month, day) as f64 * MS_PER_DAY
}

/// A broken-down UTC timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    /// Calendar year.
    pub year: i64,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of month, 1..=31.
    pub day: u32,
    /// Hour, 0..=23.
    pub hour: u32,
    /// Minute, 0..=59.
    pub minute: u32,
    /// Second, 0..=59.
    pub second: u32,
    /// Millisecond, 0..=999.
    pub millisecond: u32,
}

impl Civil {
    /// Breaks epoch milliseconds into calendar fields (UTC).
    pub fn from_ms(ms: f64) -> Civil {
        // Beyond JavaScript's Date range the calendar maths would overflow.
        let ms = if ms.is_finite() { ms.clamp(-8.64e15, 8.64e15) } else { 0.0 };
        let days = (ms / MS_PER_DAY).floor();
        let rem = (ms - days * MS_PER_DAY).max(0.0) as u64;
        let (year, month, day) = civil_from_days(days as i64);
        Civil {
            year,
            month,
            day,
            hour: (rem / 3_600_000) as u32,
            minute: (rem / 60_000 % 60) as u32,
            second: (rem / 1000 % 60) as u32,
            millisecond: (rem % 1000) as u32,
        }
    }

    /// The quarter, 1..=4.
    pub fn quarter(&self) -> u32 {
        (self.month - 1) / 3 + 1
    }
}

/// Epoch milliseconds of the first instant of `year`.
pub fn year_start(year: i64) -> f64 {
    ms_from_civil(year, 1, 1)
}

/// Adds `months` calendar months to a month start (year, month), returning the new pair.
pub fn add_months(year: i64, month: u32, months: i64) -> (i64, u32) {
    let index = year * 12 + i64::from(month) - 1 + months;
    (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32)
}

/// Parses a date string, returning epoch milliseconds (UTC) and the granularity
/// its form implies.
pub fn parse_date(text: &str) -> Result<(f64, Granularity), DateError> {
    let s = text.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        decimal(b.get(r)?)
    };
    let check_year = |y: i64| {
        if (MIN_YEAR..=MAX_YEAR).contains(&y) {
            Ok(y)
        } else {
            Err(DateError::YearOutOfRange(y))
        }
    };
    // A bare number of 5+ digits (or signed) is not a year: reject, callers pass epoch ms as numbers.
    if b.len() == 4 {
        let year = check_year(digits(0..4).ok_or(DateError::Malformed)?)?;
        return Ok((year_start(year), Granularity::Year));
    }
    if b.len() >= 5 && b.get(4) != Some(&b'-') && b.get(4) != Some(&b' ') {
        return Err(DateError::Malformed);
    }
    let year = check_year(digits(0..4).ok_or(DateError::Malformed)?)?;
    // Quarters: "2023-Q2" or "2023 Q2".
    if b.len() == 7 && matches!(b.get(5), Some(b'Q' | b'q')) {
        let q = digits(6..7).ok_or(DateError::Malformed)?;
        if !(1..=4).contains(&q) {
            return Err(DateError::FieldOutOfRange("quarter"));
        }
        return Ok((ms_from_civil(year, (q as u32 - 1) * 3 + 1, 1), Granularity::Quarter));
    }
    if b.get(4) != Some(&b'-') {
        return Err(DateError::Malformed);
    }
    let month = digits(5..7).ok_or(DateError::Malformed)? as u32;
    if !(1..=12).contains(&month) {
        return Err(DateError::FieldOutOfRange("month"));
    }
    if b.len() == 7 {
        return Ok((ms_from_civil(year, month, 1), Granularity::Month));
    }
    if b.get(7) != Some(&b'-') {
        return Err(DateError::Malformed);
    }
    let day = digits(8..10).ok_or(DateError::Malformed)? as u32;
    if day < 1 || day > days_in_month(year, month) {
        return Err(DateError::FieldOutOfRange("day"));
    }
    let date_ms = ms_from_civil(year, month, day);
    if b.len() == 10 {
        return Ok((date_ms, Granularity::Day));
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return Err(DateError::Malformed);
    }
    let (time_ms, rest) = parse_time(b.get(11..).ok_or(DateError::Malformed)?)?;
    let offset_ms = parse_offset(rest)?;
    Ok((date_ms + time_ms - offset_ms, Granularity::Time))
}

/// Parses a date in any accepted form: the ISO forms of [`parse_date`] first, then the
/// everyday ones (see the module documentation). `order` says which comes first in a
/// numeric date with the year last (`01/02/2000`); without it such a date is read only
/// when one of its numbers is above 12, and is [`DateError::Ambiguous`] otherwise.
/// Dates with dots (`31.01.2000`) are always day first.
pub fn parse_date_in(text: &str, order: Option<DayOrder>) -> Result<(f64, Granularity), DateError> {
    match parse_date(text) {
        Err(DateError::Malformed) => parse_everyday(text.trim(), order),
        other => other,
    }
}

/// For a numeric date with the year last and `/` or `-` between its parts (`01/31/2000`),
/// the first two numbers; columns use them to decide the [`DayOrder`] once for all cells.
pub fn day_month_pair(text: &str) -> Option<(u32, u32)> {
    let s = text.trim();
    let s = s.split_once(' ').map_or(s, |(date, _)| date);
    let sep = s.chars().find(|c| matches!(c, '/' | '-'))?;
    if !s.chars().all(|c| c.is_ascii_digit() || c == sep) {
        return None;
    }
    let parts: Vec<&str> = s.split(sep).collect();
    match parts.as_slice() {
        [a, b, y] if y.len() == 4 && (1..=2).contains(&a.len()) && (1..=2).contains(&b.len()) => {
            Some((u32::try_from(decimal(a.as_bytes())?).ok()?, u32::try_from(decimal(b.as_bytes())?).ok()?))
        }
        _ => None,
    }
}

fn small_number(text: &str) -> Option<i64> {
    if text.len() > 4 {
        return None;
    }
    decimal(text.as_bytes())
}

/// The value of a run of ASCII digits: what `str::parse::<i64>` gives for one, without
/// its sign handling and per-type code. None when empty, not all digits, or past `i64`.
fn decimal(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0i64, |n, b| if b.is_ascii_digit() { n.checked_mul(10)?.checked_add(i64::from(b - b'0')) } else { None })
}

fn checked_year(y: i64) -> Result<i64, DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&y) {
        Ok(y)
    } else {
        Err(DateError::YearOutOfRange(y))
    }
}

/// A calendar date checked field by field.
fn civil_date(year: i64, month: i64, day: Option<i64>) -> Result<(f64, Granularity), DateError> {
    let year = checked_year(year)?;
    if !(1..=12).contains(&month) {
        return Err(DateError::FieldOutOfRange("month"));
    }
    let month = month as u32;
    match day {
        None => Ok((ms_from_civil(year, month, 1), Granularity::Month)),
        Some(d) if d >= 1 && d <= i64::from(days_in_month(year, month)) => Ok((ms_from_civil(year, month, d as u32), Granularity::Day)),
        Some(_) => Err(DateError::FieldOutOfRange("day")),
    }
}

fn parse_everyday(s: &str, order: Option<DayOrder>) -> Result<(f64, Granularity), DateError> {
    // A time of day after the date: "01/31/2000 14:30", "Jan 1, 2000 09:00:00".
    if let Some((date, time)) = crate::text::rfind_ascii(s, b' ').and_then(|at| Some((s.get(..at)?, s.get(at + 1..)?))) {
        if time.contains(':') {
            let (day_ms, g) = parse_date_in(date.trim().trim_end_matches(','), order)?;
            if g != Granularity::Day {
                return Err(DateError::Malformed);
            }
            let (time_ms, rest) = parse_time(time.as_bytes())?;
            let offset_ms = parse_offset(rest)?;
            return Ok((day_ms + time_ms - offset_ms, Granularity::Time));
        }
    }
    if let Some(result) = quarter_form(s) {
        return result;
    }
    if let Some(result) = m_month_form(s) {
        return result;
    }
    if let Some(result) = chinese_form(s) {
        return result;
    }
    if let Some(result) = numeric_form(s, order) {
        return result;
    }
    named_month_form(s)
}

/// "2000 Q1", "2000-Q1", "2000Q1", "Q1 2000", "Q1-2000".
fn quarter_form(s: &str) -> Option<Result<(f64, Granularity), DateError>> {
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '-' | '/' | '.')).collect::<String>().to_ascii_uppercase();
    let (year, quarter) = if let Some((year, q)) = compact.split_once('Q') {
        if year.is_empty() {
            (q.get(1..)?, q.get(..1)?)
        } else {
            (year, q)
        }
    } else {
        return None;
    };
    if year.len() != 4 || quarter.len() != 1 {
        return None;
    }
    let (year, quarter) = (small_number(year)?, small_number(quarter)?);
    Some(checked_year(year).and_then(|year| {
        if (1..=4).contains(&quarter) {
            Ok((ms_from_civil(year, (quarter as u32 - 1) * 3 + 1, 1), Granularity::Quarter))
        } else {
            Err(DateError::FieldOutOfRange("quarter"))
        }
    }))
}

/// "2000M01", "2000-M01", "2000M1": the monthly form of IMF, Eurostat and other
/// statistics tables.
fn m_month_form(s: &str) -> Option<Result<(f64, Granularity), DateError>> {
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect::<String>().to_ascii_uppercase();
    let (year, month) = compact.split_once('M')?;
    if year.len() != 4 || !(1..=2).contains(&month.len()) {
        return None;
    }
    Some(civil_date(small_number(year)?, small_number(month)?, None))
}

/// "2000年", "2000年1月", "2000年1月3日".
fn chinese_form(s: &str) -> Option<Result<(f64, Granularity), DateError>> {
    let (year, rest) = s.split_once('年')?;
    let year = small_number(year.trim())?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(checked_year(year).map(|y| (year_start(y), Granularity::Year)));
    }
    let Some((month, rest)) = rest.split_once('月') else { return Some(Err(DateError::Malformed)) };
    let Some(month) = small_number(month.trim()) else { return Some(Err(DateError::Malformed)) };
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(civil_date(year, month, None));
    }
    match rest.strip_suffix('日').and_then(|d| small_number(d.trim())) {
        Some(day) => Some(civil_date(year, month, Some(day))),
        None => Some(Err(DateError::Malformed)),
    }
}

/// Digits and one kind of separator: "2000/01/31", "2000/01", "31.01.2000", "01/2000",
/// "01/31/2000", "31-01-2000".
fn numeric_form(s: &str, order: Option<DayOrder>) -> Option<Result<(f64, Granularity), DateError>> {
    let sep = s.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    if !s.chars().all(|c| c.is_ascii_digit() || c == sep) {
        return None;
    }
    let parts: Vec<&str> = s.split(sep).collect();
    let short = |p: &str| (1..=2).contains(&p.len());
    let n = |p: &str| small_number(p).unwrap_or(0);
    Some(match parts.as_slice() {
        [y, m] if y.len() == 4 && short(m) => civil_date(n(y), n(m), None),
        [m, y] if y.len() == 4 && short(m) => civil_date(n(y), n(m), None),
        [y, m, d] if y.len() == 4 && short(m) && short(d) => civil_date(n(y), n(m), Some(n(d))),
        [a, b, y] if y.len() == 4 && short(a) && short(b) => {
            let (a, b) = (n(a), n(b));
            let day_first = if sep == '.' {
                true
            } else {
                match order {
                    Some(order) => order == DayOrder::DayFirst,
                    None if a > 12 && b <= 12 => true,
                    None if b > 12 && a <= 12 => false,
                    None if a <= 12 && b <= 12 => return Some(Err(DateError::Ambiguous)),
                    None => return Some(Err(DateError::FieldOutOfRange("month"))),
                }
            };
            let (day, month) = if day_first { (a, b) } else { (b, a) };
            civil_date(n(y), month, Some(day))
        }
        _ => Err(DateError::Malformed),
    })
}

/// Stand-alone wide Russian month names (the locale table has the genitive ones).
const RU_NOMINATIVE: [&str; 12] = [
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
];

/// Lower case for the letters month names use (ASCII, Latin-1, Cyrillic), without the
/// Unicode case tables `str::to_lowercase` would link into the wasm.
pub fn fold_case(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '\u{c0}'..='\u{de}' if c != '\u{d7}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            '\u{410}'..='\u{42f}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            '\u{401}' => '\u{451}',
            _ => c,
        })
        .collect()
}

/// The month (1..=12) a word names in any supported locale, short or wide, with or
/// without its abbreviation dot, in any case.
pub fn month_from_name(word: &str) -> Option<u32> {
    let word = fold_case(word.trim().trim_end_matches('.'));
    if word.is_empty() || word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if word == "sept" {
        return Some(9);
    }
    let same = |name: &str| fold_case(name.trim_end_matches('.')) == word;
    for locale in crate::axis::format::Locale::all() {
        for table in locale.month_tables() {
            if let Some(i) = table.iter().position(|name| same(name)) {
                return Some(i as u32 + 1);
            }
        }
    }
    RU_NOMINATIVE.iter().position(|name| same(name)).map(|i| i as u32 + 1)
}

/// Month names with numbers: "Jan 2000", "January 2000", "Jan 1 2000", "Jan 1, 2000",
/// "1 Jan 2000", "1. März 2000", "1 de enero de 2000", "2000 Jan".
fn named_month_form(s: &str) -> Result<(f64, Granularity), DateError> {
    // "Jan-23": the mmm-yy form spreadsheets export, its two-digit year read as they read
    // it (00–29 in the 2000s, 30–99 in the 1900s).
    if let Some((name, yy)) = s.split_once('-') {
        if let (Some(month), 2, Some(yy)) = (month_from_name(name), yy.len(), small_number(yy)) {
            return civil_date(if yy < 30 { 2000 + yy } else { 1900 + yy }, i64::from(month), None);
        }
    }
    enum Token {
        Month(u32),
        Year(i64),
        Day(i64),
    }
    // One pass, no collect of Results: every failure is the same Malformed.
    let mut classified: Vec<Token> = Vec::with_capacity(3);
    let words = s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/'));
    for t in words.filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("de") && !t.eq_ignore_ascii_case("del")) {
        let digits = t.trim_end_matches('.');
        classified.push(match small_number(digits) {
            Some(v) if digits.len() == 4 => Token::Year(v),
            Some(v) if digits.len() <= 2 => Token::Day(v),
            Some(_) => return Err(DateError::Malformed),
            None => Token::Month(month_from_name(t).ok_or(DateError::Malformed)?),
        });
    }
    match classified.as_slice() {
        [Token::Month(m), Token::Year(y)] | [Token::Year(y), Token::Month(m)] => civil_date(*y, i64::from(*m), None),
        [Token::Month(m), Token::Day(d), Token::Year(y)] | [Token::Day(d), Token::Month(m), Token::Year(y)] => {
            civil_date(*y, i64::from(*m), Some(*d))
        }
        _ => Err(DateError::Malformed),
    }
}

/// Parses "HH:MM[:SS[.fff]]" and returns the milliseconds into the day and the rest.
fn parse_time(b: &[u8]) -> Result<(f64, &[u8]), DateError> {
    let two = |i: usize| -> Result<u32, DateError> {
        let p = b.get(i..i + 2).ok_or(DateError::Malformed)?;
        if !p.iter().all(u8::is_ascii_digit) {
            return Err(DateError::Malformed);
        }
        match p {
            [a, b] => Ok(u32::from(a - b'0') * 10 + u32::from(b - b'0')),
            _ => Err(DateError::Malformed),
        }
    };
    let hour = two(0)?;
    if b.get(2) != Some(&b':') {
        return Err(DateError::Malformed);
    }
    let minute = two(3)?;
    let mut pos = 5;
    let mut second = 0;
    let mut millis = 0.0;
    if b.get(5) == Some(&b':') {
        second = two(6)?;
        pos = 8;
        if b.get(8) == Some(&b'.') {
            let mut end = 9;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            let frac = b.get(9..end).ok_or(DateError::Malformed)?;
            if frac.is_empty() {
                return Err(DateError::Malformed);
            }
            let text = std::str::from_utf8(frac).map_err(|_| DateError::Malformed)?;
            let value: f64 = format!("0.{text}").parse().map_err(|_| DateError::Malformed)?;
            millis = (value * 1000.0).round();
            pos = end;
        }
    }
    if hour > 23 {
        return Err(DateError::FieldOutOfRange("hour"));
    }
    if minute > 59 {
        return Err(DateError::FieldOutOfRange("minute"));
    }
    if second > 59 {
        return Err(DateError::FieldOutOfRange("second"));
    }
    let ms = f64::from(hour) * 3_600_000.0 + f64::from(minute) * 60_000.0 + f64::from(second) * 1000.0 + millis;
    Ok((ms, b.get(pos..).unwrap_or(&[])))
}

/// Parses "", "Z", "+HH:MM", "-HHMM" and returns the offset from UTC in milliseconds.
fn parse_offset(b: &[u8]) -> Result<f64, DateError> {
    match b {
        [] | [b'Z' | b'z'] => Ok(0.0),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let digits: Vec<u8> = rest.iter().copied().filter(|c| *c != b':').collect();
            if digits.len() != 4 || !digits.iter().all(u8::is_ascii_digit) || rest.len() > 5 {
                return Err(DateError::Malformed);
            }
            let v = |i: usize| f64::from(digits.get(i).map_or(0, |d| d - b'0'));
            let hours = v(0) * 10.0 + v(1);
            let minutes = v(2) * 10.0 + v(3);
            if hours > 23.0 || minutes > 59.0 {
                return Err(DateError::FieldOutOfRange("time zone offset"));
            }
            let ms = (hours * 60.0 + minutes) * 60_000.0;
            Ok(if *sign == b'-' { -ms } else { ms })
        }
        _ => Err(DateError::Malformed),
    }
}

/// Checks that epoch milliseconds fall within the supported years.
pub fn check_epoch_ms(ms: f64) -> Result<f64, DateError> {
    if !ms.is_finite() {
        return Err(DateError::Malformed);
    }
    let lo = year_start(MIN_YEAR);
    let hi = year_start(MAX_YEAR + 1);
    if ms < lo || ms >= hi {
        return Err(DateError::YearOutOfRange(Civil::from_ms(ms.clamp(-1e16, 1e16)).year));
    }
    Ok(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_is_parse_for_digit_runs() {
        for t in ["0", "7", "0042", "2023", "9223372036854775807", "9223372036854775808", "99999999999999999999", "", "12a", "+1", "-1", " 1"] {
            let parsed = if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) { t.parse::<i64>().ok() } else { None };
            assert_eq!(decimal(t.as_bytes()), parsed, "{t}");
        }
    }

    #[test]
    fn civil_round_trip_over_wide_range() {
        for days in (-800_000..2_900_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }

    #[test]
    fn parses_every_form_with_its_granularity() {
        assert_eq!(parse_date("2023"), Ok((1_672_531_200_000.0, Granularity::Year)));
        assert_eq!(parse_date("2023-06"), Ok((ms_from_civil(2023, 6, 1), Granularity::Month)));
        assert_eq!(parse_date("2023-Q2"), Ok((ms_from_civil(2023, 4, 1), Granularity::Quarter)));
        assert_eq!(parse_date("2024-05-16"), Ok((ms_from_civil(2024, 5, 16), Granularity::Day)));
        assert_eq!(
            parse_date("2024-05-16T12:30:00Z"),
            Ok((ms_from_civil(2024, 5, 16) + 45_000_000.0, Granularity::Time))
        );
        assert_eq!(
            parse_date("2024-05-16T12:30+02:00"),
            Ok((ms_from_civil(2024, 5, 16) + 37_800_000.0, Granularity::Time))
        );
        assert_eq!(
            parse_date("2024-05-16 00:00:00.250"),
            Ok((ms_from_civil(2024, 5, 16) + 250.0, Granularity::Time))
        );
    }

    #[test]
    fn rejects_bad_dates_with_reasons() {
        assert_eq!(parse_date("2023-13"), Err(DateError::FieldOutOfRange("month")));
        assert_eq!(parse_date("2023-02-29"), Err(DateError::FieldOutOfRange("day")));
        assert!(parse_date("2024-02-29").is_ok());
        assert_eq!(parse_date("0000"), Err(DateError::YearOutOfRange(0)));
        assert_eq!(parse_date("10000"), Err(DateError::Malformed));
        assert_eq!(parse_date("May 2023"), Err(DateError::Malformed));
        assert_eq!(parse_date(""), Err(DateError::Malformed));
        assert_eq!(parse_date("2023-Q5"), Err(DateError::FieldOutOfRange("quarter")));
        assert_eq!(parse_date("2024-05-16T25:00"), Err(DateError::FieldOutOfRange("hour")));
        assert_eq!(parse_date("2024-05-16T10:00+2"), Err(DateError::Malformed));
        assert!(check_epoch_ms(f64::NAN).is_err());
        assert!(check_epoch_ms(1e300).is_err());
        assert!(check_epoch_ms(0.0).is_ok());
    }

    #[test]
    fn everyday_forms() {
        let day = |y, m, d| Ok((ms_from_civil(y, m, d), Granularity::Day));
        let month = |y, m| Ok((ms_from_civil(y, m, 1), Granularity::Month));
        let any = |t: &str| parse_date_in(t, None);
        assert_eq!(any("Jan 2000"), month(2000, 1));
        assert_eq!(any("January 2000"), month(2000, 1));
        assert_eq!(any("Jan 1 2000"), day(2000, 1, 1));
        assert_eq!(any("Jan 1, 2000"), day(2000, 1, 1));
        assert_eq!(any("1 Jan 2000"), day(2000, 1, 1));
        assert_eq!(any("2000/01/31"), day(2000, 1, 31));
        assert_eq!(any("31.01.2000"), day(2000, 1, 31));
        assert_eq!(any("01/31/2000"), day(2000, 1, 31));
        assert_eq!(any("31/01/2000"), day(2000, 1, 31));
        assert_eq!(any("01/02/2000"), Err(DateError::Ambiguous));
        assert_eq!(parse_date_in("01/02/2000", Some(DayOrder::DayFirst)), day(2000, 2, 1));
        assert_eq!(parse_date_in("01/02/2000", Some(DayOrder::MonthFirst)), day(2000, 1, 2));
        assert_eq!(parse_date_in("13/02/2000", Some(DayOrder::MonthFirst)), Err(DateError::FieldOutOfRange("month")));
        let q1 = Ok((ms_from_civil(2000, 1, 1), Granularity::Quarter));
        assert_eq!(any("2000 Q1"), q1);
        assert_eq!(any("Q1 2000"), q1);
        assert_eq!(any("2000Q1"), q1);
        assert_eq!(any("2000Q5"), Err(DateError::FieldOutOfRange("quarter")));
        assert_eq!(any("März 2000"), month(2000, 3));
        assert_eq!(any("janv. 2000"), month(2000, 1));
        assert_eq!(any("1. März 2000"), day(2000, 3, 1));
        assert_eq!(any("1 de enero de 2000"), day(2000, 1, 1));
        assert_eq!(any("январь 2000"), month(2000, 1));
        assert_eq!(any("2000年3月"), month(2000, 3));
        assert_eq!(any("2000年3月5日"), day(2000, 3, 5));
        assert_eq!(any("Sept 2000"), month(2000, 9));
        assert_eq!(any("MÄRZ 2000"), month(2000, 3));
        assert_eq!(any("Январь 2000"), month(2000, 1));
        assert_eq!(any("2000-01-03 00:00:00"), Ok((ms_from_civil(2000, 1, 3), Granularity::Time)));
        assert_eq!(any("01/31/2000 14:30"), Ok((ms_from_civil(2000, 1, 31) + 52_200_000.0, Granularity::Time)));
        assert_eq!(any("Feb 30 2000"), Err(DateError::FieldOutOfRange("day")));
        assert_eq!(any("Foo 2000"), Err(DateError::Malformed));
        assert_eq!(any("Jan"), Err(DateError::Malformed));
        assert_eq!(any("AAPL"), Err(DateError::Malformed));
        assert_eq!(day_month_pair("01/31/2000"), Some((1, 31)));
        assert_eq!(day_month_pair("31.01.2000"), None);
    }

    #[test]
    fn statistics_and_spreadsheet_month_forms() {
        let month = |y, m| Ok((ms_from_civil(y, m, 1), Granularity::Month));
        let any = |t: &str| parse_date_in(t, None);
        assert_eq!(any("2023M01"), month(2023, 1));
        assert_eq!(any("2023-M01"), month(2023, 1));
        assert_eq!(any("2023M1"), month(2023, 1));
        assert_eq!(any("2023m12"), month(2023, 12));
        assert_eq!(any("2023M13"), Err(DateError::FieldOutOfRange("month")));
        // mmm-yy as spreadsheets export it: 00–29 in the 2000s, 30–99 in the 1900s.
        assert_eq!(any("Jan-23"), month(2023, 1));
        assert_eq!(any("Jan-29"), month(2029, 1));
        assert_eq!(any("Jan-30"), month(1930, 1));
        assert_eq!(any("Dec-99"), month(1999, 12));
        assert_eq!(any("März-05"), month(2005, 3));
        // Not a year: "Jan 23" could be the 23rd; "23-Jan" has no year.
        assert_eq!(any("Jan 23"), Err(DateError::Malformed));
        assert_eq!(any("23-Jan"), Err(DateError::Malformed));
        assert_eq!(any("May 2023"), month(2023, 5));
    }

    #[test]
    fn granularity_of_timestamps() {
        assert_eq!(Granularity::of_timestamp(ms_from_civil(2020, 1, 1)), Granularity::Year);
        assert_eq!(Granularity::of_timestamp(ms_from_civil(2020, 3, 1)), Granularity::Month);
        assert_eq!(Granularity::of_timestamp(ms_from_civil(2020, 3, 9)), Granularity::Day);
        assert_eq!(Granularity::of_timestamp(ms_from_civil(2020, 3, 9) + 1.0), Granularity::Time);
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        assert_eq!(add_months(2023, 11, 3), (2024, 2));
        assert_eq!(add_months(2023, 1, -1), (2022, 12));
    }
}
