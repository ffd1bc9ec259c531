//! Locale-aware formatting of numbers, units, percentage changes and dates for chart labels.
//!
//! Rules shared by every function here:
//!
//! * Rounding is "half away from zero" applied to the shortest decimal representation of
//!   the `f64` (the digits `format!("{}", x)` prints), so `2.5 -> "3"`, `0.125 -> "0.13"`
//!   and `1.005 -> "1.01"`, as a reader doing it by hand would expect (this matches
//!   `Intl.NumberFormat`).
//! * Negative numbers use the minus sign U+2212 (`"−"`). The sign is decided after rounding,
//!   so no function ever prints `"−0"` or `"−0.0"`.
//! * Digit grouping follows CLDR, including its "minimum grouping digits": en `1,234`,
//!   de `1.234`, fr `1 234` (U+202F), but es `1234` and `12.345`.
//! * NaN and ±infinity (and dates outside ±8.64e15 ms, the JavaScript `Date` range) are
//!   written as [`MISSING`], an en dash.
//! * Magnitudes of 1e21 and above are written in exponent form with the locale's decimal
//!   separator: `1e308` with 1 decimal is `"1.0E308"` (en) or `"1,0E308"` (de).
//! * At most [`MAX_DECIMALS`] decimals are honoured; larger requests are clamped.

use crate::axis::date::{Civil, Granularity};

/// Text written for a value that cannot be shown (NaN, infinity, out-of-range date): an en dash.
pub const MISSING: &str = "\u{2013}";

/// The minus sign used in front of negative numbers (U+2212).
pub const MINUS: &str = "\u{2212}";

/// The largest number of decimals honoured; requests above it are clamped.
pub const MAX_DECIMALS: usize = 20;

/// Magnitude from which numbers are written in exponent form ("1.0E21").
pub const EXPONENT_THRESHOLD: f64 = 1e21;

/// Timestamps beyond this many milliseconds from the epoch are not formatted.
const MAX_SAFE_MS: f64 = 8.64e15;

/// Number, date and percent conventions of one language/region.
#[derive(Debug)]
pub struct Locale {
    tag: &'static str,
    decimal: &'static str,
    group: &'static str,
    /// CLDR minimumGroupingDigits: 1 groups "1,234", 2 only groups from "12.345".
    min_grouping: usize,
    /// Text between a number and "%".
    percent_sep: &'static str,
    /// Stand-alone abbreviated month names, for month labels ("Jun", "Jun 2023").
    months_short: [&'static str; 12],
    /// Abbreviated month names in the format context, for day labels ("16 May").
    months_short_format: [&'static str; 12],
    /// Wide month names in the format context, for long dates ("16 May 2024").
    months_long: [&'static str; 12],
    pat_year: &'static str,
    pat_quarter: &'static str,
    pat_quarter_year: &'static str,
    pat_month_year: &'static str,
    pat_day_month: &'static str,
    pat_date: &'static str,
    pat_date_time: &'static str,
    hour12: bool,
    /// Words for big numbers, smallest first: (power of ten, word). "12bn", "12 Mrd.", "120亿".
    magnitudes: &'static [(i32, &'static str)],
    /// Text between a number and its magnitude word.
    magnitude_sep: &'static str,
}

const EN_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const EN_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DE_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
];
const DE_SHORT_FORMAT: [&str; 12] = [
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.",
];
const DE_LONG: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const FR_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const FR_LONG: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const ES_SHORT: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
];
const ES_LONG: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const IT_SHORT: [&str; 12] = [
    "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
];
const IT_LONG: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];
const RU_SHORT: [&str; 12] = [
    "янв.",
    "февр.",
    "март",
    "апр.",
    "май",
    "июнь",
    "июль",
    "авг.",
    "сент.",
    "окт.",
    "нояб.",
    "дек.",
];
const RU_SHORT_FORMAT: [&str; 12] = [
    "янв.",
    "февр.",
    "мар.",
    "апр.",
    "мая",
    "июн.",
    "июл.",
    "авг.",
    "сент.",
    "окт.",
    "нояб.",
    "дек.",
];
const RU_LONG: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const ZH_MONTHS: [&str; 12] = [
    "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
];

static EN_US: Locale = Locale {
    tag: "en-US",
    decimal: ".",
    group: ",",
    min_grouping: 1,
    percent_sep: "",
    months_short: EN_SHORT,
    months_short_format: EN_SHORT,
    months_long: EN_LONG,
    pat_year: "{y}",
    pat_quarter: "Q{q}",
    pat_quarter_year: "Q{q} {y}",
    pat_month_year: "{MMM} {y}",
    pat_day_month: "{MMMf} {d}",
    pat_date: "{MMMM} {d}, {y}",
    pat_date_time: "{date}, {time}",
    hour12: true,
    magnitudes: &[(3, "K"), (6, "M"), (9, "B"), (12, "T")],
    magnitude_sep: "",
};

static EN_GB: Locale = Locale {
    tag: "en-GB",
    decimal: ".",
    group: ",",
    min_grouping: 1,
    percent_sep: "",
    months_short: EN_SHORT,
    months_short_format: EN_SHORT,
    months_long: EN_LONG,
    pat_year: "{y}",
    pat_quarter: "Q{q}",
    pat_quarter_year: "Q{q} {y}",
    pat_month_year: "{MMM} {y}",
    pat_day_month: "{d} {MMMf}",
    pat_date: "{d} {MMMM} {y}",
    pat_date_time: "{date}, {time}",
    hour12: false,
    magnitudes: &[(3, "k"), (6, "m"), (9, "bn"), (12, "tn")],
    magnitude_sep: "",
};

static DE_DE: Locale = Locale {
    tag: "de-DE",
    decimal: ",",
    group: ".",
    min_grouping: 1,
    percent_sep: "\u{a0}",
    months_short: DE_SHORT,
    months_short_format: DE_SHORT_FORMAT,
    months_long: DE_LONG,
    pat_year: "{y}",
    pat_quarter: "Q{q}",
    pat_quarter_year: "Q{q} {y}",
    pat_month_year: "{MMM} {y}",
    pat_day_month: "{d}. {MMMf}",
    pat_date: "{d}. {MMMM} {y}",
    pat_date_time: "{date}, {time}",
    hour12: false,
    magnitudes: &[(3, "Tsd."), (6, "Mio."), (9, "Mrd."), (12, "Bio.")],
    magnitude_sep: "\u{a0}",
};

static FR_FR: Locale = Locale {
    tag: "fr-FR",
    decimal: ",",
    group: "\u{202f}",
    min_grouping: 1,
    percent_sep: "\u{202f}",
    months_short: FR_SHORT,
    months_short_format: FR_SHORT,
    months_long: FR_LONG,
    pat_year: "{y}",
    pat_quarter: "T{q}",
    pat_quarter_year: "T{q} {y}",
    pat_month_year: "{MMM} {y}",
    pat_day_month: "{d} {MMMf}",
    pat_date: "{d} {MMMM} {y}",
    pat_date_time: "{date}, {time}",
    hour12: false,
    magnitudes: &[(3, "k"), (6, "M"), (9, "Md"), (12, "Bn")],
    magnitude_sep: "\u{a0}",
};

static ES_ES: Locale = Locale {
    tag: "es-ES",
    decimal: ",",
    group: ".",
    min_grouping: 2,
    percent_sep: "\u{a0}",
    months_short: ES_SHORT,
    months_short_format: ES_SHORT,
    months_long: ES_LONG,
    pat_year: "{y}",
    pat_quarter: "T{q}",
    pat_quarter_year: "T{q} {y}",
    pat_month_year: "{MMM} {y}",
    pat_day_month: "{d} {MMMf}",
    pat_date: "{d} de {MMMM} de {y}",
    pat_date_time: "{date}, {time}",
    hour12: false,
    magnitudes: &[(3, "mil"), (6, "M"), (9, "mil M"), (12, "B")],
    magnitude_sep: "\u{a0}",
};

static IT_IT: Locale = Locale {
    tag: "it-IT",
    decimal: ",",
    group: ".",
    min_grouping: 1,
    percent_sep: "",
    months_short: IT_SHORT,
    months_short_format: IT_SHORT,
    months_long: IT_LONG,
    pat_year: "{y}",
    pat_quarter: "T{q}",
    pat_quarter_year: "T{q} {y}",
    pat_month_year: "{MMM} {y}",
    pat_day_month: "{d} {MMMf}",
    pat_date: "{d} {MMMM} {y}",
    pat_date_time: "{date}, {time}",
    hour12: false,
    magnitudes: &[(3, "mila"), (6, "Mln"), (9, "Mrd"), (12, "Bln")],
    magnitude_sep: "\u{a0}",
};

static RU_RU: Locale = Locale {
    tag: "ru-RU",
    decimal: ",",
    group: "\u{a0}",
    min_grouping: 1,
    percent_sep: "\u{a0}",
    months_short: RU_SHORT,
    months_short_format: RU_SHORT_FORMAT,
    months_long: RU_LONG,
    pat_year: "{y}",
    pat_quarter: "{q}-й кв.",
    pat_quarter_year: "{q}-й кв. {y}",
    pat_month_year: "{MMM} {y}",
    pat_day_month: "{d} {MMMf}",
    pat_date: "{d} {MMMM} {y}",
    pat_date_time: "{date}, {time}",
    hour12: false,
    magnitudes: &[(3, "тыс."), (6, "млн"), (9, "млрд"), (12, "трлн")],
    magnitude_sep: "\u{a0}",
};

static ZH_CN: Locale = Locale {
    tag: "zh-CN",
    decimal: ".",
    group: ",",
    min_grouping: 1,
    percent_sep: "",
    months_short: ZH_MONTHS,
    months_short_format: ZH_MONTHS,
    months_long: ZH_MONTHS,
    pat_year: "{y}年",
    pat_quarter: "第{q}季度",
    pat_quarter_year: "{y}年第{q}季度",
    pat_month_year: "{y}年{M}月",
    pat_day_month: "{M}月{d}日",
    pat_date: "{y}年{M}月{d}日",
    pat_date_time: "{date} {time}",
    hour12: false,
    magnitudes: &[(4, "万"), (8, "亿"), (12, "万亿")],
    magnitude_sep: "",
};

static LOCALES: [&Locale; 8] = [
    &EN_US, &EN_GB, &DE_DE, &FR_FR, &ES_ES, &IT_IT, &RU_RU, &ZH_CN,
];

impl Locale {
    /// Looks up a BCP-47 tag (case-insensitive, `_` accepted for `-`); a bare language picks its default region.
    ///
    /// Supported: en-US, en-GB, de-DE, fr-FR, es-ES, it-IT, ru-RU, zh-CN, plus the bare
    /// languages `en` (en-US), `de`, `fr`, `es`, `it`, `ru`, `zh` and the script forms
    /// `zh-Hans`, `zh-Hans-CN`. Other regions (e.g. `de-AT`) return `None` so the caller can
    /// decide on a fallback.
    pub fn from_tag(tag: &str) -> Option<&'static Locale> {
        let norm = tag.trim().replace('_', "-").to_ascii_lowercase();
        let wanted = match norm.as_str() {
            "en" => "en-us",
            "de" => "de-de",
            "fr" => "fr-fr",
            "es" => "es-es",
            "it" => "it-it",
            "ru" => "ru-ru",
            "zh" | "zh-hans" | "zh-hans-cn" => "zh-cn",
            other => other,
        };
        LOCALES
            .iter()
            .copied()
            .find(|l| l.tag.eq_ignore_ascii_case(wanted))
    }

    /// The canonical tag, e.g. "en-US".
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// The decimal separator, e.g. "." or ",".
    pub fn decimal_separator(&self) -> &'static str {
        self.decimal
    }

    /// The digit group separator, e.g. ",", "." or U+202F.
    pub fn group_separator(&self) -> &'static str {
        self.group
    }

    /// The abbreviated stand-alone name of `month` (1..=12), or "" outside that range.
    pub fn month_short(&self, month: u32) -> &'static str {
        month_name(&self.months_short, month)
    }

    /// The wide name of `month` (1..=12) as used in a full date, or "" outside that range.
    pub fn month_long(&self, month: u32) -> &'static str {
        month_name(&self.months_long, month)
    }

    /// The locale's month-name tables (stand-alone short, format short, wide), for
    /// reading dates such as "März 2000" or "janv. 2000".
    pub fn month_tables(&self) -> [&[&'static str; 12]; 3] {
        [&self.months_short, &self.months_short_format, &self.months_long]
    }

    /// Whether the locale writes numeric dates day first (31/01/2000) rather than month
    /// first (01/31/2000, en-US).
    pub fn day_first(&self) -> bool {
        self.tag != "en-US"
    }

    /// All supported locales.
    pub fn all() -> &'static [&'static Locale] {
        &LOCALES
    }
}

/// Looks a month up in a table without panicking.
fn month_name(table: &[&'static str; 12], month: u32) -> &'static str {
    let index = (month as usize).wrapping_sub(1);
    table.get(index).copied().unwrap_or("")
}

/// The default locale, en-US.
pub fn default_locale() -> &'static Locale {
    &EN_US
}

/// A unit written around a value: prefix "$" and suffix "bn" gives "$240.1bn"; suffix " Mt" gives "107 Mt".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unit {
    /// Text written before the number (after any minus sign), e.g. "$".
    pub prefix: String,
    /// Text written after the number, e.g. "bn" or " Mt".
    pub suffix: String,
    /// What one raw value is worth: 1 for raw dollars, 1000 for data in thousands.
    /// With a scale, values are always written with a magnitude word ("$240.1bn").
    pub scale: Option<f64>,
}

/// Currency symbols that go before the number when `unit` is given as one string (`$12bn`).
const PREFIX_UNITS: &[&str] = &["$", "US$", "€", "£", "¥", "₽", "CN¥", "RMB", "HK$"];

impl Unit {
    /// `"$"` is a prefix, `"%"` a suffix as written, and a word unit (`"Mt"`) a suffix after a space.
    pub fn from_shorthand(s: &str) -> Unit {
        let s = s.trim();
        if PREFIX_UNITS.contains(&s) {
            Unit::new(s, "")
        } else if s.is_empty() || s.starts_with('%') {
            Unit::new("", s)
        } else {
            Unit::new("", &format!(" {s}"))
        }
    }

    /// Builds a unit from its prefix and suffix.
    pub fn new(prefix: &str, suffix: &str) -> Unit {
        Unit {
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
            scale: None,
        }
    }

    /// The unit alone for axis titles and headers: prefix then suffix, trimmed ("$bn", "Mt").
    pub fn label(&self) -> String {
        format!("{}{}", self.prefix, self.suffix).trim().to_string()
    }
}

/// Decimal digits of a non-negative number: value = 0.d₁d₂… × 10^`point`.
/// An empty `digits` means zero. Trailing zeros are stripped.
#[derive(Debug)]
struct Digits {
    digits: Vec<u8>,
    point: i64,
}

impl Digits {
    /// The shortest round-trip decimal digits of `|value|` (value must be finite), read
    /// from the digits `{}` writes: Display never writes an exponent ("1e21" comes out as
    /// 1 and 21 zeros), and the wasm needs its code anyway, where `{:e}` would add the
    /// whole `LowerExp` path for this alone.
    fn of(value: f64) -> Digits {
        let text = format!("{}", value.abs());
        let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
        // value = 0.<int><frac> × 10^len(int); each leading zero moves the point left.
        let mut point = i64::try_from(int.len()).unwrap_or(0);
        let mut digits: Vec<u8> = Vec::with_capacity(int.len() + frac.len());
        for b in int.bytes().chain(frac.bytes()).filter(u8::is_ascii_digit) {
            if digits.is_empty() && b == b'0' {
                point -= 1;
            } else {
                digits.push(b - b'0');
            }
        }
        if digits.is_empty() {
            point = 1;
        }
        let mut out = Digits { digits, point };
        out.strip();
        out
    }

    fn strip(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The digit at position `i` (0 = first significant digit), zero outside the stored digits.
    fn at(&self, i: i64) -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.digits.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// Keeps the first `keep` digits, rounding half away from zero.
    fn round_to_len(&mut self, keep: i64) {
        let Ok(keep) = usize::try_from(keep) else {
            self.digits.clear();
            return;
        };
        if keep >= self.digits.len() {
            return;
        }
        let round_up = self.digits.get(keep).is_some_and(|d| *d >= 5);
        self.digits.truncate(keep);
        if round_up {
            let mut i = keep;
            loop {
                if i == 0 {
                    self.digits.insert(0, 1);
                    self.point += 1;
                    break;
                }
                i -= 1;
                if let Some(d) = self.digits.get_mut(i) {
                    if *d == 9 {
                        *d = 0;
                    } else {
                        *d += 1;
                        break;
                    }
                }
            }
        }
        self.strip();
    }

    /// Rounds to `decimals` places after the decimal point.
    fn round_decimals(&mut self, decimals: usize) {
        let keep = self.point.saturating_add(decimals as i64);
        self.round_to_len(keep);
    }

    /// Number of decimals needed to write the value exactly.
    fn needed_decimals(&self) -> usize {
        if self.is_zero() {
            return 0;
        }
        usize::try_from(self.digits.len() as i64 - self.point).unwrap_or(0)
    }
}

/// `value` as `{:e}` writes it ("1e-5", "1.5e10", "-2.25e0", "inf"), from the shortest
/// round-trip digits: for messages that quote a number exactly. Ours, so that the wasm
/// carries no `LowerExp` formatting (see [`Digits::of`]).
pub fn exponent_form(value: f64) -> String {
    if !value.is_finite() {
        return format!("{value}");
    }
    let digits = Digits::of(value);
    let mut out = String::with_capacity(digits.digits.len() + 8);
    if value.is_sign_negative() {
        out.push('-');
    }
    if digits.is_zero() {
        out.push_str("0e0");
        return out;
    }
    for (i, d) in digits.digits.iter().enumerate() {
        if i == 1 {
            out.push('.');
        }
        out.push(char::from(b'0' + d));
    }
    out.push('e');
    out.push_str(&(digits.point - 1).to_string());
    out
}

/// Inserts group separators into a string of ASCII digits following CLDR grouping rules.
fn group_digits(int: &str, locale: &Locale) -> String {
    let n = int.len();
    if n < 3 + locale.min_grouping.max(1) {
        return int.to_string();
    }
    let mut out = String::with_capacity(n + n / 3 * locale.group.len());
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push_str(locale.group);
        }
        out.push(ch);
    }
    out
}

/// Formats `|value|` with the locale's separators; returns whether the rounded value is negative.
/// `None` for NaN and infinities.
fn format_abs(value: f64, decimals: usize, locale: &Locale) -> Option<(bool, String)> {
    if !value.is_finite() {
        return None;
    }
    let decimals = decimals.min(MAX_DECIMALS);
    let mut digits = Digits::of(value);
    if value.abs() >= EXPONENT_THRESHOLD {
        digits.round_to_len(decimals as i64 + 1);
        let exponent = digits.point - 1;
        let mut text = String::new();
        text.push(char::from(b'0' + digits.at(0)));
        if decimals > 0 {
            text.push_str(locale.decimal);
            for i in 1..=decimals as i64 {
                text.push(char::from(b'0' + digits.at(i)));
            }
        }
        text.push('E');
        if exponent < 0 {
            text.push_str(MINUS);
        }
        text.push_str(&exponent.unsigned_abs().to_string());
        return Some((value < 0.0, text));
    }
    digits.round_decimals(decimals);
    let negative = value < 0.0 && !digits.is_zero();
    let int: String = if digits.point <= 0 {
        "0".to_string()
    } else {
        (0..digits.point)
            .map(|i| char::from(b'0' + digits.at(i)))
            .collect()
    };
    let mut text = group_digits(&int, locale);
    if decimals > 0 {
        text.push_str(locale.decimal);
        for j in 0..decimals as i64 {
            text.push(char::from(b'0' + digits.at(digits.point + j)));
        }
    }
    Some((negative, text))
}

/// Formats a number with `decimals` places, CLDR grouping and a U+2212 minus; NaN/inf give [`MISSING`].
pub fn format_number(value: f64, decimals: usize, locale: &Locale) -> String {
    match format_abs(value, decimals, locale) {
        None => MISSING.to_string(),
        Some((true, text)) => format!("{MINUS}{text}"),
        Some((false, text)) => text,
    }
}

/// Formats a value with its unit placed verbatim around the number, sign first: "−$3.2bn".
pub fn format_value(value: f64, decimals: usize, unit: &Unit, locale: &Locale) -> String {
    match format_abs(value, decimals, locale) {
        None => MISSING.to_string(),
        Some((negative, text)) => {
            let sign = if negative { MINUS } else { "" };
            format!("{sign}{}{text}{}", unit.prefix, unit.suffix)
        }
    }
}

/// A power of ten that big numbers are written in, with its word in one locale: 10^9 is
/// "bn" (en-GB), "B" (en-US), " Mrd." (de), "亿" is 10^8 (zh).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Magnitude {
    /// The value of one unit of the word (1e9 for "bn").
    pub divisor: f64,
    /// Text between the number and the word (a no-break space in de, fr, es, it, ru).
    pub sep: &'static str,
    /// The word ("bn", "Mrd.", "亿").
    pub word: &'static str,
}

/// Magnitudes from which [`compact_magnitude`] abbreviates: axes from 10,000, single
/// values (tooltips) from a million.
pub const COMPACT_AXIS_FROM: f64 = 1e4;
/// See [`COMPACT_AXIS_FROM`].
pub const COMPACT_VALUE_FROM: f64 = 1e6;

/// The largest magnitude word of `locale` not above `max_abs` (the largest absolute value
/// to be written), or None below the locale's smallest one (1,000; 10,000 in zh).
pub fn compact_magnitude(max_abs: f64, locale: &Locale) -> Option<Magnitude> {
    // Past a thousand trillion the words run out; such numbers stay in exponent form.
    if !max_abs.is_finite() || max_abs >= 1e15 {
        return None;
    }
    locale
        .magnitudes
        .iter()
        .rev()
        .find(|(exp, _)| max_abs >= 10f64.powi(*exp))
        .map(|(exp, word)| Magnitude { divisor: 10f64.powi(*exp), sep: locale.magnitude_sep, word })
}

/// Formats a value with its unit, and with `magnitude` written as a word after the
/// number: `format_compact(240.1e9, 1, &Unit::new("$", ""), en_gb, bn)` is "$240.1bn".
/// The unit's suffix follows the word ("12k Mt"). Without a magnitude this is
/// [`format_value`].
pub fn format_compact(value: f64, decimals: usize, unit: &Unit, locale: &Locale, magnitude: Option<Magnitude>) -> String {
    let Some(m) = magnitude else { return format_value(value, decimals, unit, locale) };
    match format_abs(value / m.divisor, decimals, locale) {
        None => MISSING.to_string(),
        Some((negative, text)) => {
            let sign = if negative { MINUS } else { "" };
            let is_zero = !text.bytes().any(|b| (b'1'..=b'9').contains(&b));
            if is_zero {
                return format!("{}0{}", unit.prefix, unit.suffix);
            }
            format!("{sign}{}{text}{}{}{}", unit.prefix, m.sep, m.word, unit.suffix)
        }
    }
}

/// Formats a percentage change with an explicit sign: "+26%", "−3.1%", "0%"; de/fr "+26 %".
pub fn format_change(percent: f64, decimals: usize, locale: &Locale) -> String {
    match format_abs(percent, decimals, locale) {
        None => MISSING.to_string(),
        Some((negative, text)) => {
            let is_zero = !text.bytes().any(|b| (b'1'..=b'9').contains(&b));
            let sign = if is_zero {
                ""
            } else if negative {
                MINUS
            } else {
                "+"
            };
            format!("{sign}{text}{}%", locale.percent_sep)
        }
    }
}

/// Which calendar fields a date label shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateLabel {
    /// "2023".
    Year,
    /// "Q2" (fr "T2").
    Quarter,
    /// "Q2 2023".
    QuarterYear,
    /// "Jun".
    Month,
    /// "Jun 2023".
    MonthYear,
    /// "16 May" (en-GB) or "May 16" (en-US).
    DayMonth,
    /// "16 May 2024" (en-GB), "May 16, 2024" (en-US), "16. Mai 2024" (de-DE).
    Date,
    /// A whole hour: "14:00", en-US "2 PM".
    Hour,
    /// A clock time: "14:30", en-US "2:30 PM".
    Time,
    /// Day, month and time: "16 May, 14:30".
    DayMonthTime,
    /// Full date and time: "16 May 2024, 14:30".
    DateTime,
}

/// Fills `{key}` placeholders of a pattern using `value`; unknown keys are dropped.
fn fill(pattern: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        match after.find('}') {
            Some(close) => {
                out.push_str(&value(after.get(..close).unwrap_or("")));
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push_str(rest.get(open..).unwrap_or(""));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Writes a clock time in the locale's convention; `whole_hour` drops ":00" in 12-hour clocks.
fn clock(c: &Civil, whole_hour: bool, locale: &Locale) -> String {
    if locale.hour12 {
        let suffix = if c.hour < 12 { "AM" } else { "PM" };
        let h = match c.hour % 12 {
            0 => 12,
            h => h,
        };
        if whole_hour && c.minute == 0 {
            format!("{h} {suffix}")
        } else {
            format!("{h}:{:02} {suffix}", c.minute)
        }
    } else {
        format!("{:02}:{:02}", c.hour, c.minute)
    }
}

/// Formats epoch milliseconds (UTC) as a date label of the given kind; out-of-range gives [`MISSING`].
pub fn format_date_label(ms: f64, label: DateLabel, locale: &Locale) -> String {
    if !ms.is_finite() || ms.abs() > MAX_SAFE_MS {
        return MISSING.to_string();
    }
    let c = Civil::from_ms(ms);
    let fields = |key: &str| -> String {
        match key {
            "y" => c.year.to_string(),
            "q" => c.quarter().to_string(),
            "M" => c.month.to_string(),
            "d" => c.day.to_string(),
            "MMM" => month_name(&locale.months_short, c.month).to_string(),
            "MMMf" => month_name(&locale.months_short_format, c.month).to_string(),
            "MMMM" => month_name(&locale.months_long, c.month).to_string(),
            _ => String::new(),
        }
    };
    let with_time = |date_pattern: &str| -> String {
        let date = fill(date_pattern, fields);
        let time = clock(&c, false, locale);
        fill(locale.pat_date_time, |key| match key {
            "date" => date.clone(),
            "time" => time.clone(),
            _ => String::new(),
        })
    };
    match label {
        DateLabel::Year => fill(locale.pat_year, fields),
        DateLabel::Quarter => fill(locale.pat_quarter, fields),
        DateLabel::QuarterYear => fill(locale.pat_quarter_year, fields),
        DateLabel::Month => month_name(&locale.months_short, c.month).to_string(),
        DateLabel::MonthYear => fill(locale.pat_month_year, fields),
        DateLabel::DayMonth => fill(locale.pat_day_month, fields),
        DateLabel::Date => fill(locale.pat_date, fields),
        DateLabel::Hour => clock(&c, true, locale),
        DateLabel::Time => clock(&c, false, locale),
        DateLabel::DayMonthTime => with_time(locale.pat_day_month),
        DateLabel::DateTime => with_time(locale.pat_date),
    }
}

/// Formats epoch milliseconds (UTC) at a series granularity: "2023", "Q2 2023", "Jun 2023", "16 May 2024", "16 May 2024, 14:30".
pub fn format_date(ms: f64, granularity: Granularity, locale: &Locale) -> String {
    let label = match granularity {
        Granularity::Year => DateLabel::Year,
        Granularity::Quarter => DateLabel::QuarterYear,
        Granularity::Month => DateLabel::MonthYear,
        Granularity::Day => DateLabel::Date,
        Granularity::Time => DateLabel::DateTime,
    };
    format_date_label(ms, label, locale)
}

/// Decimals needed to tell ticks `step` apart (50 -> 0, 2.5 -> 1, 0.25 -> 2), capped at 10; 0 for invalid steps.
pub fn decimals_for_step(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    let mut scaled = step;
    for d in 0..10 {
        if scaled.round() >= 1.0 && (scaled - scaled.round()).abs() <= 1e-9 * scaled {
            return d;
        }
        scaled *= 10.0;
    }
    10
}

/// Picks the decimals to show a set of values consistently.
///
/// Rule: each finite value is first rounded to `max_decimals` places (the most the caller
/// is willing to show); the result is the largest number of decimals any of those rounded
/// values still needs once trailing zeros are dropped. So the answer is the smallest `d` in
/// `0..=max_decimals` for which rounding every value to `d` places shows the same numbers as
/// rounding to `max_decimals` places. Example: `[69.52, 240.1]` gives 1 with max 1 and 2
/// with max 2; `[100.0, 250.0]` gives 0. Non-finite values are ignored; an empty set gives 0.
/// Values of 1e21 and above need no decimals (they are written in exponent form).
pub fn decimals_for_values(values: &[f64], max_decimals: usize) -> usize {
    let max_decimals = max_decimals.min(MAX_DECIMALS);
    // The answer is capped at `max_decimals`, so the first value that needs that many
    // decides it: measured data (a random walk, prices in cents) usually gets there on
    // its first values, and each value costs a float-to-text conversion.
    let mut needed = 0;
    for v in values.iter().filter(|v| v.is_finite() && v.abs() < EXPONENT_THRESHOLD) {
        let mut digits = Digits::of(*v);
        digits.round_decimals(max_decimals);
        needed = needed.max(digits.needed_decimals());
        if needed >= max_decimals {
            break;
        }
    }
    needed.min(max_decimals)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::axis::date::ms_from_civil;

    fn loc(tag: &str) -> &'static Locale {
        Locale::from_tag(tag).unwrap()
    }

    fn usd_bn() -> Unit {
        Unit::new("$", "bn")
    }

    #[test]
    fn locale_lookup() {
        assert_eq!(loc("en-US").tag(), "en-US");
        assert_eq!(loc("en").tag(), "en-US");
        assert_eq!(loc("EN_gb").tag(), "en-GB");
        assert_eq!(loc("de").tag(), "de-DE");
        assert_eq!(loc("fr").tag(), "fr-FR");
        assert_eq!(loc("es").tag(), "es-ES");
        assert_eq!(loc("it").tag(), "it-IT");
        assert_eq!(loc("ru").tag(), "ru-RU");
        assert_eq!(loc("zh").tag(), "zh-CN");
        assert_eq!(loc("zh-Hans-CN").tag(), "zh-CN");
        assert_eq!(loc(" de-de ").tag(), "de-DE");
        assert!(Locale::from_tag("xx").is_none());
        assert!(Locale::from_tag("").is_none());
        assert!(Locale::from_tag("de-AT").is_none());
        assert_eq!(default_locale().tag(), "en-US");
        assert_eq!(Locale::all().len(), 8);
        assert_eq!(loc("de").decimal_separator(), ",");
        assert_eq!(loc("fr").group_separator(), "\u{202f}");
        assert_eq!(loc("de").month_short(3), "Mär");
        assert_eq!(loc("en").month_long(9), "September");
        assert_eq!(loc("en").month_short(0), "");
        assert_eq!(loc("en").month_short(13), "");
    }

    #[test]
    fn unit_labels() {
        assert_eq!(usd_bn().label(), "$bn");
        assert_eq!(Unit::new("", " Mt").label(), "Mt");
        assert_eq!(Unit::new("$", " million").label(), "$ million");
        assert_eq!(Unit::default().label(), "");
    }

    #[test]
    fn numbers_en() {
        let en = loc("en-US");
        assert_eq!(format_number(0.0, 0, en), "0");
        assert_eq!(format_number(0.0, 2, en), "0.00");
        assert_eq!(format_number(1.0, 1, en), "1.0");
        assert_eq!(format_number(999.0, 0, en), "999");
        assert_eq!(format_number(1234.0, 0, en), "1,234");
        assert_eq!(format_number(12345.6, 1, en), "12,345.6");
        assert_eq!(format_number(1234567.891, 2, en), "1,234,567.89");
        assert_eq!(format_number(-1234.5, 1, en), "\u{2212}1,234.5");
        assert_eq!(format_number(0.05, 1, en), "0.1");
        assert_eq!(format_number(0.04, 1, en), "0.0");
        assert_eq!(format_number(0.004, 1, en), "0.0");
        assert_eq!(format_number(2.5, 0, en), "3");
        assert_eq!(format_number(-2.5, 0, en), "\u{2212}3");
        assert_eq!(format_number(0.125, 2, en), "0.13");
        assert_eq!(format_number(1.005, 2, en), "1.01");
        assert_eq!(format_number(9.99, 1, en), "10.0");
        assert_eq!(format_number(999.96, 1, en), "1,000.0");
        assert_eq!(format_number(99999.5, 0, en), "100,000");
        assert_eq!(format_number(0.1 + 0.2, 2, en), "0.30");
        assert_eq!(format_number(1e-9, 2, en), "0.00");
        assert_eq!(format_number(1.5e-9, 10, en), "0.0000000015");
        assert_eq!(format_number(240.1, 1, loc("en-GB")), "240.1");
        assert_eq!(format_number(1e20, 0, en), "100,000,000,000,000,000,000");
    }

    #[test]
    fn negative_zero_is_never_printed() {
        for tag in ["en-US", "de-DE", "fr-FR"] {
            let l = loc(tag);
            assert_eq!(format_number(-0.0, 0, l), "0");
            assert_eq!(format_number(-0.04, 1, l), format!("0{}0", l.decimal));
            assert_eq!(format_number(-0.4, 0, l), "0");
            assert_eq!(
                format_value(-0.01, 1, &usd_bn(), l),
                format!("$0{}0bn", l.decimal)
            );
            assert_eq!(format_change(-0.2, 0, l), format!("0{}%", l.percent_sep));
        }
    }

    #[test]
    fn numbers_de_fr_es() {
        let de = loc("de-DE");
        assert_eq!(format_number(1234567.891, 2, de), "1.234.567,89");
        assert_eq!(format_number(240.1, 1, de), "240,1");
        assert_eq!(format_number(1234.0, 0, de), "1.234");
        assert_eq!(format_number(-3.25, 2, de), "\u{2212}3,25");
        let fr = loc("fr-FR");
        assert_eq!(
            format_number(1234567.891, 2, fr),
            "1\u{202f}234\u{202f}567,89"
        );
        assert_eq!(format_number(12345.6, 1, fr), "12\u{202f}345,6");
        assert_eq!(format_number(0.5, 1, fr), "0,5");
        let es = loc("es-ES");
        assert_eq!(format_number(1234.0, 0, es), "1234");
        assert_eq!(format_number(12345.0, 0, es), "12.345");
        assert_eq!(format_number(1234567.5, 1, es), "1.234.567,5");
        let ru = loc("ru-RU");
        assert_eq!(format_number(1234.5, 1, ru), "1\u{a0}234,5");
        assert_eq!(format_number(1234.5, 1, loc("zh-CN")), "1,234.5");
        assert_eq!(format_number(1234.5, 1, loc("it-IT")), "1.234,5");
    }

    #[test]
    fn non_finite_and_huge() {
        let en = loc("en-US");
        assert_eq!(format_number(f64::NAN, 1, en), MISSING);
        assert_eq!(format_number(f64::INFINITY, 1, en), MISSING);
        assert_eq!(format_value(f64::NEG_INFINITY, 1, &usd_bn(), en), MISSING);
        assert_eq!(format_change(f64::NAN, 0, en), MISSING);
        assert_eq!(format_number(1e308, 1, en), "1.0E308");
        assert_eq!(format_number(1e308, 0, en), "1E308");
        assert_eq!(
            format_number(-1.23456e300, 2, loc("de")),
            "\u{2212}1,23E300"
        );
        assert_eq!(format_number(9.996e25, 2, en), "1.00E26");
        assert_eq!(format_number(f64::MAX, 3, en), "1.798E308");
        assert_eq!(format_number(1e21, 0, en), "1E21");
        assert_eq!(format_value(1e300, 1, &usd_bn(), en), "$1.0E300bn");
        // Huge decimal requests are clamped, tiny values do not panic.
        assert_eq!(format_number(1.0, usize::MAX, en).len(), 2 + MAX_DECIMALS);
        assert_eq!(format_number(f64::MIN_POSITIVE, 3, en), "0.000");
        assert_eq!(format_number(5e-324, 20, en), "0.00000000000000000000");
    }

    #[test]
    fn values_with_units() {
        let en = loc("en-US");
        assert_eq!(format_value(240.1, 1, &usd_bn(), en), "$240.1bn");
        assert_eq!(format_value(-3.2, 1, &usd_bn(), en), "\u{2212}$3.2bn");
        assert_eq!(
            format_value(107.0, 1, &Unit::new("", " Mt"), en),
            "107.0 Mt"
        );
        assert_eq!(format_value(107.0, 0, &Unit::new("", " Mt"), en), "107 Mt");
        assert_eq!(format_value(12345.0, 0, &Unit::default(), en), "12,345");
        assert_eq!(format_value(240.1, 1, &usd_bn(), loc("en-GB")), "$240.1bn");
        assert_eq!(format_value(240.1, 1, &usd_bn(), loc("de-DE")), "$240,1bn");
        assert_eq!(
            format_value(240.1, 1, &Unit::new("", "\u{a0}Mrd. $"), loc("de")),
            "240,1\u{a0}Mrd. $"
        );
        assert_eq!(
            format_value(-1234.5, 1, &usd_bn(), loc("fr")),
            "\u{2212}$1\u{202f}234,5bn"
        );
    }

    #[test]
    fn big_numbers_read_like_a_newsroom_writes_them() {
        let raw_usd = Unit { prefix: "$".into(), suffix: String::new(), scale: Some(1.0) };
        let cases: &[(&str, f64, usize, &str)] = &[
            ("en-GB", 12e9, 0, "12bn"),
            ("en-US", 12e9, 0, "12B"),
            ("de-DE", 12e9, 0, "12\u{a0}Mrd."),
            ("zh-CN", 12e9, 0, "120亿"),
            ("en-GB", 1.2e6, 1, "1.2m"),
            ("en-GB", 450e3, 0, "450k"),
            ("fr-FR", 2.5e9, 1, "2,5\u{a0}Md"),
            ("ru-RU", 3e6, 0, "3\u{a0}млн"),
            ("es-ES", 4e9, 0, "4\u{a0}mil M"),
            ("it-IT", 5e6, 0, "5\u{a0}Mln"),
            ("zh-CN", 3.5e4, 1, "3.5万"),
            ("en-GB", 2.4e12, 1, "2.4tn"),
        ];
        for (tag, v, d, text) in cases {
            let l = loc(tag);
            assert_eq!(format_compact(*v, *d, &Unit::default(), l, compact_magnitude(*v, l)), *text, "{tag} {v}");
        }
        let gb = loc("en-GB");
        assert_eq!(format_compact(240.1e9, 1, &raw_usd, gb, compact_magnitude(240.1e9, gb)), "$240.1bn");
        assert_eq!(format_compact(-3.2e9, 1, &raw_usd, gb, compact_magnitude(3.2e9, gb)), "\u{2212}$3.2bn");
        assert_eq!(format_compact(0.0, 1, &raw_usd, gb, compact_magnitude(3.2e9, gb)), "$0");
        assert_eq!(format_compact(12e3, 0, &Unit::new("", " Mt"), gb, compact_magnitude(12e3, gb)), "12k Mt");
        assert_eq!(format_compact(12.5, 1, &usd_bn(), gb, None), "$12.5bn");
        assert_eq!(compact_magnitude(999.0, gb), None);
        assert_eq!(compact_magnitude(9999.0, loc("zh")), None);
        assert_eq!(compact_magnitude(f64::NAN, gb), None);
        assert_eq!(compact_magnitude(1e300, gb), None);
    }

    #[test]
    fn changes() {
        let en = loc("en-US");
        assert_eq!(format_change(26.2, 0, en), "+26%");
        assert_eq!(format_change(-3.12, 1, en), "\u{2212}3.1%");
        assert_eq!(format_change(0.0, 0, en), "0%");
        assert_eq!(format_change(0.0, 1, en), "0.0%");
        assert_eq!(format_change(0.04, 1, en), "0.0%");
        assert_eq!(format_change(0.05, 1, en), "+0.1%");
        assert_eq!(format_change(1234.0, 0, en), "+1,234%");
        assert_eq!(format_change(26.2, 0, loc("en-GB")), "+26%");
        assert_eq!(format_change(26.2, 0, loc("de-DE")), "+26\u{a0}%");
        assert_eq!(format_change(-3.12, 1, loc("de-DE")), "\u{2212}3,1\u{a0}%");
        assert_eq!(format_change(26.2, 0, loc("fr-FR")), "+26\u{202f}%");
        assert_eq!(format_change(1e300, 0, en), "+1E300%");
    }

    #[test]
    fn dates_by_granularity() {
        let may16 = ms_from_civil(2024, 5, 16);
        let jun = ms_from_civil(2023, 6, 1);
        let apr = ms_from_civil(2023, 4, 1);
        let en = loc("en-US");
        let gb = loc("en-GB");
        let de = loc("de-DE");
        let fr = loc("fr-FR");
        assert_eq!(format_date(jun, Granularity::Year, en), "2023");
        assert_eq!(format_date(apr, Granularity::Quarter, en), "Q2 2023");
        assert_eq!(format_date(apr, Granularity::Quarter, de), "Q2 2023");
        assert_eq!(format_date(apr, Granularity::Quarter, fr), "T2 2023");
        assert_eq!(format_date(jun, Granularity::Month, en), "Jun 2023");
        assert_eq!(format_date(jun, Granularity::Month, gb), "Jun 2023");
        assert_eq!(format_date(jun, Granularity::Month, de), "Jun 2023");
        assert_eq!(format_date(jun, Granularity::Month, fr), "juin 2023");
        assert_eq!(format_date(may16, Granularity::Day, gb), "16 May 2024");
        assert_eq!(format_date(may16, Granularity::Day, en), "May 16, 2024");
        assert_eq!(format_date(may16, Granularity::Day, de), "16. Mai 2024");
        assert_eq!(format_date(may16, Granularity::Day, fr), "16 mai 2024");
        assert_eq!(
            format_date(may16, Granularity::Day, loc("es")),
            "16 de mayo de 2024"
        );
        assert_eq!(
            format_date(may16, Granularity::Day, loc("ru")),
            "16 мая 2024"
        );
        assert_eq!(
            format_date(may16, Granularity::Day, loc("zh")),
            "2024年5月16日"
        );
        assert_eq!(format_date(jun, Granularity::Month, loc("zh")), "2023年6月");
        let t = may16 + 14.0 * 3_600_000.0 + 30.0 * 60_000.0;
        assert_eq!(format_date(t, Granularity::Time, gb), "16 May 2024, 14:30");
        assert_eq!(
            format_date(t, Granularity::Time, en),
            "May 16, 2024, 2:30 PM"
        );
        assert_eq!(format_date(t, Granularity::Time, de), "16. Mai 2024, 14:30");
        assert_eq!(
            format_date(may16, Granularity::Time, en),
            "May 16, 2024, 12:00 AM"
        );
        assert_eq!(format_date(f64::NAN, Granularity::Day, en), MISSING);
        assert_eq!(format_date(1e300, Granularity::Year, en), MISSING);
        assert_eq!(format_date(-1e300, Granularity::Day, en), MISSING);
    }

    #[test]
    fn date_labels() {
        let may16 = ms_from_civil(2024, 5, 16);
        let en = loc("en-US");
        let gb = loc("en-GB");
        assert_eq!(format_date_label(may16, DateLabel::DayMonth, en), "May 16");
        assert_eq!(format_date_label(may16, DateLabel::DayMonth, gb), "16 May");
        assert_eq!(
            format_date_label(may16, DateLabel::DayMonth, loc("de")),
            "16. Mai"
        );
        assert_eq!(
            format_date_label(ms_from_civil(2024, 6, 3), DateLabel::DayMonth, loc("de")),
            "3. Juni"
        );
        assert_eq!(format_date_label(may16, DateLabel::Month, en), "May");
        assert_eq!(format_date_label(may16, DateLabel::Quarter, en), "Q2");
        assert_eq!(
            format_date_label(may16, DateLabel::Quarter, loc("zh")),
            "第2季度"
        );
        let two_pm = may16 + 14.0 * 3_600_000.0;
        assert_eq!(format_date_label(two_pm, DateLabel::Hour, en), "2 PM");
        assert_eq!(format_date_label(two_pm, DateLabel::Hour, gb), "14:00");
        assert_eq!(format_date_label(may16, DateLabel::Hour, en), "12 AM");
        assert_eq!(
            format_date_label(two_pm, DateLabel::DayMonthTime, gb),
            "16 May, 14:00"
        );
        assert_eq!(
            format_date_label(two_pm, DateLabel::DayMonthTime, en),
            "May 16, 2:00 PM"
        );
    }

    #[test]
    fn step_decimals() {
        assert_eq!(decimals_for_step(50.0), 0);
        assert_eq!(decimals_for_step(1.0), 0);
        assert_eq!(decimals_for_step(2.5), 1);
        assert_eq!(decimals_for_step(0.25), 2);
        assert_eq!(decimals_for_step(0.1 + 0.2), 1);
        assert_eq!(decimals_for_step(0.000_5), 4);
        assert_eq!(decimals_for_step(1e-12), 10);
        assert_eq!(decimals_for_step(1e300), 0);
        assert_eq!(decimals_for_step(0.0), 0);
        assert_eq!(decimals_for_step(-1.0), 0);
        assert_eq!(decimals_for_step(f64::NAN), 0);
    }

    /// Finite values over the whole range: powers of ten and their neighbours, halves,
    /// subnormals, the extremes, and a spread of bit patterns.
    fn sample_values() -> Vec<f64> {
        let mut v = vec![0.0, -0.0, 0.1, 0.125, 0.2 + 0.1, 1.005, 2.5, 2.675, 69.52, 240.1, 1.0 / 3.0, 5e-324, f64::MIN_POSITIVE, f64::MAX, f64::EPSILON];
        for e in -310..=308 {
            let p = 10f64.powi(e);
            v.extend([p, p * 1.5, p * 9.999, f64::from_bits(p.to_bits() + 1), f64::from_bits(p.to_bits().saturating_sub(1))]);
        }
        let mut bits = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..4000 {
            bits = bits.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            v.push(f64::from_bits(bits));
        }
        v.into_iter().filter(|x| x.is_finite()).flat_map(|x| [x, -x]).collect()
    }

    #[test]
    fn digits_are_the_shortest_round_trip_ones() {
        // What `{:e}` (the digit source before) gives: the same digits and point.
        for v in sample_values() {
            let text = format!("{:e}", v.abs());
            let (mantissa, exponent) = text.split_once('e').unwrap();
            let mut want: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
            while want.last() == Some(&0) {
                want.pop();
            }
            let d = Digits::of(v);
            assert_eq!(d.digits, want, "{v:e}");
            if !want.is_empty() {
                assert_eq!(d.point, exponent.parse::<i64>().unwrap() + 1, "{v:e}");
            }
        }
    }

    #[test]
    fn exponent_form_writes_what_lower_exp_writes() {
        for v in sample_values() {
            assert_eq!(exponent_form(v), format!("{v:e}"));
        }
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e-100, 1e100, -1.5e-7, 0.0, -0.0] {
            assert_eq!(exponent_form(v), format!("{v:e}"));
        }
        assert_eq!(exponent_form(1e-100), "1e-100");
        assert_eq!(exponent_form(-2.25), "-2.25e0");
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_the_shortest_digits() {
        let en = loc("en-US");
        // The decimal a reader sees is what rounds, not the binary value under it: 2.675
        // is stored as 2.67499999999999982236431605997495353221893310546875 and `{:.2}`
        // writes "2.67" (Rust rounds the exact binary value, half to even); a reader
        // rounding "2.675" writes "2.68", as Intl.NumberFormat does.
        assert_eq!(format_number(2.675, 2, en), "2.68");
        assert_eq!(format_number(-2.675, 2, en), "\u{2212}2.68");
        // Exact binary halves round away from zero too (`{:.2}` gives "0.12" and "0.38").
        assert_eq!(format_number(0.125, 2, en), "0.13");
        assert_eq!(format_number(0.375, 2, en), "0.38");
        assert_eq!(format_number(-0.125, 2, en), "\u{2212}0.13");
        assert_eq!(format_number(0.5, 0, en), "1");
        assert_eq!(format_number(1.5, 0, en), "2");
        // Big values: whole numbers past 2^53 print their shortest digits, then zeros.
        assert_eq!(format_number(2f64.powi(53) + 2.0, 0, en), "9,007,199,254,740,994");
        assert_eq!(format_number(123_456_789_012_345_680.0, 1, en), "123,456,789,012,345,680.0");
        assert_eq!(format_number(9.999_999_999_999_999e20, 0, en), "999,999,999,999,999,900,000");
        // A negative value that rounds to zero prints no minus (and neither does -0).
        assert_eq!(format_number(-0.000_4, 3, en), "0.000");
        assert_eq!(format_number(-0.0, 2, en), "0.00");
        assert_eq!(format_number(-0.0005, 3, en), "\u{2212}0.001");
    }

    #[test]
    fn value_decimals() {
        assert_eq!(decimals_for_values(&[69.52, 240.1], 1), 1);
        assert_eq!(decimals_for_values(&[69.52, 240.1], 2), 2);
        assert_eq!(decimals_for_values(&[69.52, 240.1], 0), 0);
        assert_eq!(decimals_for_values(&[100.0, 250.0, -3.0], 2), 0);
        assert_eq!(decimals_for_values(&[1.5, 2.25], 3), 2);
        assert_eq!(decimals_for_values(&[0.1 + 0.2], 3), 1);
        assert_eq!(decimals_for_values(&[1.999], 2), 0);
        assert_eq!(decimals_for_values(&[], 2), 0);
        assert_eq!(decimals_for_values(&[f64::NAN, f64::INFINITY, 1e300], 4), 0);
        assert_eq!(decimals_for_values(&[1e-9], 12), 9);
        assert_eq!(decimals_for_values(&[1e-9], 4), 0);
        assert_eq!(decimals_for_values(&[1.0 / 3.0], 99), 16);
        assert_eq!(decimals_for_values(&[1.0 / 3.0], 3), 3);
    }
}
