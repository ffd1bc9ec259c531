//! The JSON text reader: strict RFC 8259 text straight into a [`Json`] tree.
//!
//! Recursive descent over the bytes, one function per construct; the recursion is bounded
//! by [`MAX_DEPTH`], which is checked before a nested value is entered, so text nested
//! 100,000 levels deep is refused without deep recursion. Refused: trailing commas,
//! comments, leading zeros (`01`), `NaN`/`Infinity`, control characters inside strings,
//! unknown escapes and lone UTF-16 surrogates in `\u` escapes, and a key that appears twice
//! in one object. Numbers are checked against the JSON grammar here and converted by
//! `str::parse::<f64>` (correctly rounded); a number too large for an f64 (`1e400`) is an
//! error, one too small for it (`1e-400`) reads as 0.
//!
//! Errors name the line and column the way users have always seen them: "expected `,` or
//! `]` at line 7 column 3". Lines are counted by `\n`; the column counts UTF-16 code units
//! from the start of the line, as JavaScript strings and editors do (serde_json counted
//! bytes, so "é" or "Россия" earlier on the line moved it), and is that of the offending
//! character, or of the last one read when the problem shows only after it (an unknown
//! escape, a misspelt `true`), or 0 at the start of a line.

use super::json::{Json, DEPTH_MESSAGE, MAX_DEPTH};
use crate::error::ChartError;

/// Parses JSON text (a byte-order mark already stripped) into a tree.
pub(crate) fn parse(text: &str) -> Result<Json, ChartError> {
    let mut reader = Reader { text, bytes: text.as_bytes(), at: 0 };
    reader.document().map_err(|e| {
        let (line, column) = line_and_column(reader.bytes, e.at);
        let message = format!("{} at line {line} column {column}", e.message);
        if e.too_deep {
            ChartError::Limit { message }
        } else {
            ChartError::Json { message }
        }
    })
}

/// The 1-based line and the column of byte offset `at`: the UTF-16 code units of the
/// characters on its line that start before it (so the column of the character just
/// before `at`, 1-based, or 0 at a line's start).
fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // A UTF-8 lead byte starts one unit; one of four bytes (U+10000 and up) starts two.
    let units = before.get(line_start..).unwrap_or_default().iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum();
    (line, units)
}

/// A syntax error (or nesting past [`MAX_DEPTH`]): what went wrong, and the byte offset
/// [`line_and_column`] names.
struct Fail {
    message: String,
    at: usize,
    too_deep: bool,
}

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const INVALID_ESCAPE: &str = "invalid escape";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const END_OF_HEX: &str = "unexpected end of hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const KEY_NOT_STRING: &str = "key must be a string";

/// Where a nested value sits, which decides where an error found inside it is reported.
#[derive(Clone, Copy, PartialEq)]
enum Parent {
    Array,
    Object,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
}

type Read<T> = Result<T, Fail>;

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// The next byte, consumed.
    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    /// Skips whitespace; returns the next byte, not consumed.
    fn skip_space(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
        self.peek()
    }

    /// An error about the last byte read.
    fn fail(&self, message: &str) -> Fail {
        Fail { message: message.into(), at: self.at, too_deep: false }
    }

    /// An error about the next byte, not yet read (or the end of the text).
    fn fail_next(&self, message: &str) -> Fail {
        Fail { message: message.into(), at: (self.at + 1).min(self.bytes.len()), too_deep: false }
    }

    /// One value, then nothing but whitespace.
    fn document(&mut self) -> Read<Json> {
        let value = self.value(0)?;
        match self.skip_space() {
            Some(_) => Err(self.fail_next("trailing characters")),
            None => Ok(value),
        }
    }

    /// A value `depth` levels down (the document is level 0).
    fn value(&mut self, depth: usize) -> Read<Json> {
        let Some(first) = self.skip_space() else {
            return Err(self.fail_next(EOF_VALUE));
        };
        match first {
            b'n' => self.word(b"null").map(|()| Json::Null),
            b't' => self.word(b"true").map(|()| Json::Bool(true)),
            b'f' => self.word(b"false").map(|()| Json::Bool(false)),
            b'-' | b'0'..=b'9' => self.number().map(Json::Number),
            b'"' => {
                self.at += 1;
                self.string().map(Json::String)
            }
            b'[' => self.array(depth),
            b'{' => self.object(depth),
            _ => Err(self.fail_next("expected value")),
        }
    }

    /// The value of an array item or object field, `depth` levels down: refused past
    /// [`MAX_DEPTH`] before a byte of it is read.
    fn nested(&mut self, depth: usize, parent: Parent) -> Read<Json> {
        if depth <= MAX_DEPTH {
            return self.value(depth);
        }
        // Reported where the enclosing container's reader stops looking for its end: past
        // whitespace, and past a `,` in an array or a closing `}` of an object.
        match (self.skip_space(), parent) {
            (Some(b','), Parent::Array) => {
                self.at += 1;
                self.skip_space();
            }
            (Some(b'}'), Parent::Object) => self.at += 1,
            _ => {}
        }
        Err(Fail { too_deep: true, ..self.fail(&format!("{DEPTH_MESSAGE} {MAX_DEPTH} levels deep")) })
    }

    /// `null`, `true` or `false`, its first byte not yet read.
    fn word(&mut self, word: &[u8]) -> Read<()> {
        self.at += 1;
        for &expected in word.get(1..).unwrap_or(&[]) {
            match self.next() {
                None => return Err(self.fail(EOF_VALUE)),
                Some(b) if b != expected => return Err(self.fail("expected ident")),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Read<Json> {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            match self.skip_space() {
                None => return Err(self.fail_next(EOF_LIST)),
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                Some(b',') if !items.is_empty() => {
                    self.at += 1;
                    match self.skip_space() {
                        Some(b']') => return Err(self.fail_next(TRAILING_COMMA)),
                        None => return Err(self.fail_next(EOF_VALUE)),
                        Some(_) => {}
                    }
                }
                Some(_) if !items.is_empty() => return Err(self.fail_next("expected `,` or `]`")),
                Some(_) => {}
            }
            items.push(self.nested(depth + 1, Parent::Array)?);
        }
    }

    fn object(&mut self, depth: usize) -> Read<Json> {
        self.at += 1;
        let mut fields: Vec<(String, Json)> = Vec::new();
        loop {
            match self.skip_space() {
                None => return Err(self.fail_next(EOF_OBJECT)),
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(fields));
                }
                Some(b'"') if fields.is_empty() => {}
                Some(_) if fields.is_empty() => return Err(self.fail_next(KEY_NOT_STRING)),
                Some(b',') => {
                    self.at += 1;
                    match self.skip_space() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.fail_next(TRAILING_COMMA)),
                        Some(_) => return Err(self.fail_next(KEY_NOT_STRING)),
                        None => return Err(self.fail_next(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.fail_next("expected `,` or `}`")),
            }
            self.at += 1;
            let key = self.string()?;
            match self.skip_space() {
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.fail_next("expected `:`")),
                None => return Err(self.fail_next(EOF_OBJECT)),
            }
            let value = self.nested(depth + 1, Parent::Object)?;
            if fields.iter().any(|(k, _)| *k == key) {
                // Reported past the object's closing `}` when it follows.
                if self.skip_space() == Some(b'}') {
                    self.at += 1;
                }
                return Err(self.fail(&format!("the key \"{key}\" appears twice in one object")));
            }
            fields.push((key, value));
        }
    }

    /// A string's contents up to its closing quote, the opening quote already read.
    fn string(&mut self) -> Read<String> {
        let mut out = String::new();
        let mut start = self.at;
        loop {
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The run holds no escape and ends before an ASCII byte, so it is whole UTF-8.
            out.push_str(self.text.get(start..self.at).unwrap_or(""));
            match self.next() {
                None => return Err(self.fail(EOF_STRING)),
                Some(b'"') => return Ok(out),
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return Err(self.fail("control character (\\u0000-\\u001F) found while parsing a string")),
            }
            start = self.at;
        }
    }

    /// One escape, its backslash already read.
    fn escape(&mut self, out: &mut String) -> Read<()> {
        let c = match self.next() {
            None => return Err(self.fail(EOF_STRING)),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => self.unicode_escape()?,
            Some(_) => return Err(self.fail(INVALID_ESCAPE)),
        };
        out.push(c);
        Ok(())
    }

    /// The character of a `\u` escape, `\u` already read: a UTF-16 unit, or a leading
    /// surrogate followed by `\u` and a trailing one.
    fn unicode_escape(&mut self) -> Read<char> {
        let first = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&first) {
            return Err(self.fail(LONE_SURROGATE));
        }
        if !(0xD800..=0xDBFF).contains(&first) {
            return char::from_u32(first).ok_or_else(|| self.fail(LONE_SURROGATE));
        }
        for expected in [b'\\', b'u'] {
            match self.next() {
                None => return Err(self.fail(EOF_STRING)),
                Some(b) if b != expected => return Err(self.fail(END_OF_HEX)),
                Some(_) => {}
            }
        }
        let second = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return Err(self.fail(LONE_SURROGATE));
        }
        char::from_u32(0x1_0000 + ((first - 0xD800) << 10) + (second - 0xDC00)).ok_or_else(|| self.fail(LONE_SURROGATE))
    }

    /// Four hex digits (all four are read before they are checked).
    fn hex4(&mut self) -> Read<u32> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            self.at = self.bytes.len();
            return Err(self.fail(EOF_STRING));
        };
        self.at += 4;
        digits.iter().try_fold(0u32, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?)).ok_or_else(|| self.fail(INVALID_ESCAPE))
    }

    /// A number, at its sign or first digit: checked against the JSON grammar, then
    /// converted by the standard library.
    fn number(&mut self) -> Read<f64> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let mut nonzero = false;
        match self.next() {
            None => return Err(self.fail(EOF_VALUE)),
            Some(b'0') if matches!(self.peek(), Some(b'0'..=b'9')) => return Err(self.fail_next(INVALID_NUMBER)),
            Some(b'0') => {}
            Some(b'1'..=b'9') => {
                nonzero = true;
                self.digits();
            }
            Some(_) => return Err(self.fail(INVALID_NUMBER)),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            let fraction = self.at;
            nonzero |= self.digits();
            if self.at == fraction {
                let message = if self.peek().is_some() { INVALID_NUMBER } else { EOF_VALUE };
                return Err(self.fail_next(message));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.exponent(nonzero)?;
        }
        let value: f64 = self.text.get(start..self.at).and_then(|t| t.parse().ok()).ok_or_else(|| self.fail(INVALID_NUMBER))?;
        if value.is_infinite() {
            return Err(self.fail(OUT_OF_RANGE));
        }
        Ok(value)
    }

    /// Reads ASCII digits; whether any was not `0`.
    fn digits(&mut self) -> bool {
        let mut nonzero = false;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            nonzero |= d != b'0';
            self.at += 1;
        }
        nonzero
    }

    /// An exponent, at its `e`. One past `i32::MAX` is out of range, reported at the
    /// digit where it became too large, unless the number's digits are all zeros
    /// (`nonzero` false); past `i32::MIN` the number reads as 0.
    fn exponent(&mut self, nonzero: bool) -> Read<()> {
        self.at += 1;
        let positive = match self.peek() {
            Some(b'+') => {
                self.at += 1;
                true
            }
            Some(b'-') => {
                self.at += 1;
                false
            }
            _ => true,
        };
        let mut exponent: i32 = match self.next() {
            None => return Err(self.fail(EOF_VALUE)),
            Some(d @ b'0'..=b'9') => i32::from(d - b'0'),
            Some(_) => return Err(self.fail(INVALID_NUMBER)),
        };
        while let Some(d @ b'0'..=b'9') = self.peek() {
            self.at += 1;
            match exponent.checked_mul(10).and_then(|e| e.checked_add(i32::from(d - b'0'))) {
                Some(e) => exponent = e,
                None if positive && nonzero => return Err(self.fail(OUT_OF_RANGE)),
                None => {
                    self.digits();
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Json {
        parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    /// The message of the error, without "the spec is not valid JSON: ".
    fn refused(text: &str) -> String {
        match parse(text) {
            Err(ChartError::Json { message }) => message,
            other => panic!("{text:?}: expected a JSON error, got {other:?}"),
        }
    }

    fn string(text: &str) -> String {
        match ok(text) {
            Json::String(s) => s,
            other => panic!("{text:?} is {other:?}"),
        }
    }

    fn number(text: &str) -> f64 {
        match ok(text) {
            Json::Number(n) => n,
            other => panic!("{text:?} is {other:?}"),
        }
    }

    #[test]
    fn reads_every_kind_of_value_in_order() {
        let v = ok(" {\"b\": [1, -2.5e1, true, false, null], \"a\": {\"\": \"x\"}, \"c\": []}\n");
        let Json::Object(fields) = &v else { panic!("{v:?}") };
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(
            v.get("b"),
            Some(&Json::Array(vec![Json::Number(1.0), Json::Number(-25.0), Json::Bool(true), Json::Bool(false), Json::Null]))
        );
        assert_eq!(v.get("a").and_then(|a| a.get("")), Some(&Json::String("x".into())));
        assert_eq!(v.get("c"), Some(&Json::Array(vec![])));
    }

    /// The line counts `\n`s; the column counts UTF-16 units, and is that of the offending character.
    #[test]
    fn errors_name_line_and_column() {
        let text = "{\n  \"series\": [\n    1,\n    2\n    3\n  ]\n}";
        assert_eq!(refused(text), "expected `,` or `]` at line 5 column 5");
        let text = "{\"a\": 1,\n\"b\": [\n\n\n\n\n  }";
        assert_eq!(refused(text), "expected value at line 7 column 3");
        // CR is a byte of the line; `é` is two.
        assert_eq!(refused("[1,\r\n2 x]"), "expected `,` or `]` at line 2 column 3");
        assert_eq!(refused("[\"é\" x]"), "expected `,` or `]` at line 1 column 6");
        assert_eq!(refused("{\"Россия\": 1 2}"), "expected `,` or `}` at line 1 column 14");
        assert_eq!(refused("[\"😀\" x]"), "expected `,` or `]` at line 1 column 7");
        // Column 0: the problem is the line break that starts the line.
        assert_eq!(refused("[\"a\n\"]"), "control character (\\u0000-\\u001F) found while parsing a string at line 2 column 0");
        assert_eq!(refused(""), "EOF while parsing a value at line 1 column 0");
        assert_eq!(refused("{"), "EOF while parsing an object at line 1 column 1");
        assert_eq!(refused("[1,]"), "trailing comma at line 1 column 4");
        assert_eq!(refused("{\"a\": 1,}"), "trailing comma at line 1 column 9");
        assert_eq!(refused("{\"a\" 1}"), "expected `:` at line 1 column 6");
        assert_eq!(refused("{1: 2}"), "key must be a string at line 1 column 2");
        assert_eq!(refused("{\"a\": 1 \"b\": 2}"), "expected `,` or `}` at line 1 column 9");
        assert_eq!(refused("[1] 2"), "trailing characters at line 1 column 5");
        assert_eq!(refused("[tru]"), "expected ident at line 1 column 5");
        assert_eq!(refused("nul"), "EOF while parsing a value at line 1 column 3");
        assert_eq!(refused("[1, // no comments\n2]"), "expected value at line 1 column 5");
        assert_eq!(refused("[NaN]"), "expected value at line 1 column 2");
        assert_eq!(refused("[-Infinity]"), "invalid number at line 1 column 3");
    }

    #[test]
    fn escapes_and_surrogate_pairs() {
        assert_eq!(string(r#""a\"b\\c\/d\b\f\n\r\t""#), "a\"b\\c/d\u{8}\u{c}\n\r\t");
        assert_eq!(string(r#""\u0041\u00e9\u4E2D""#), "Aé中");
        assert_eq!(string(r#""\ud83d\ude00 and \uD83D\uDE00""#), "😀 and 😀");
        assert_eq!(string("\"raw é中😀\""), "raw é中😀");
        assert_eq!(refused(r#""\x""#), "invalid escape at line 1 column 3");
        assert_eq!(refused(r#""\u12G4""#), "invalid escape at line 1 column 7");
        assert_eq!(refused(r#""\u12"#), "EOF while parsing a string at line 1 column 5");
        // Lone surrogates: a trailing one alone, a leading one without its pair.
        assert_eq!(refused(r#""\ude00""#), "lone leading surrogate in hex escape at line 1 column 7");
        assert_eq!(refused(r#""\ud83d""#), "unexpected end of hex escape at line 1 column 8");
        assert_eq!(refused(r#""\ud83d\n""#), "unexpected end of hex escape at line 1 column 9");
        assert_eq!(refused(r#""\ud83d\u0041""#), "lone leading surrogate in hex escape at line 1 column 13");
        assert_eq!(refused("\"\\ud83d"), "EOF while parsing a string at line 1 column 7");
        assert_eq!(refused("\"tab\there\""), "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 5");
        assert_eq!(refused("\"open"), "EOF while parsing a string at line 1 column 5");
    }

    #[test]
    fn numbers() {
        assert_eq!(number("0"), 0.0);
        assert!(number("-0").is_sign_negative());
        assert_eq!(number("240.1"), 240.1);
        assert_eq!(number("-1.5E+3"), -1500.0);
        assert_eq!(number("1e-400"), 0.0);
        assert_eq!(number("0e99999999999"), 0.0);
        assert_eq!(number("18446744073709551616"), 18_446_744_073_709_551_616.0);
        assert_eq!(number("123456789012345678901234567890"), 1.2345678901234568e29);
        // Correctly rounded (serde_json's default reader, not, gave 7.038530999999999e-26).
        assert_eq!(number("7.038531e-26"), 7.038531e-26);
        assert_eq!(number("1.7976931348623157e308"), f64::MAX);
        assert_eq!(refused("1e400"), "number out of range at line 1 column 5");
        assert_eq!(refused("[-1.8e308]"), "number out of range at line 1 column 9");
        assert_eq!(refused("1e99999999999"), "number out of range at line 1 column 12");
        assert_eq!(refused("01"), "invalid number at line 1 column 2");
        assert_eq!(refused("[1.]"), "invalid number at line 1 column 4");
        assert_eq!(refused("1."), "EOF while parsing a value at line 1 column 2");
        assert_eq!(refused("1e"), "EOF while parsing a value at line 1 column 2");
        assert_eq!(refused("1e+x"), "invalid number at line 1 column 4");
        assert_eq!(refused("-"), "EOF while parsing a value at line 1 column 1");
        assert_eq!(refused("+1"), "expected value at line 1 column 1");
        assert_eq!(refused(".5"), "expected value at line 1 column 1");
    }

    /// A value more than MAX_DEPTH levels below the document is a limit error, found
    /// before the value is read. (The tree is then MAX_DEPTH + 1 containers deep at most:
    /// the spec's own depth check names the limit for what is built from text and objects.)
    #[test]
    fn nesting_limit() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(matches!(parse(&deep(MAX_DEPTH + 1)), Ok(v) if v.depth() == MAX_DEPTH + 1));
        let limit = |text: &str| match parse(text) {
            Err(ChartError::Limit { message }) => message,
            other => panic!("expected a limit error, got {other:?}"),
        };
        assert_eq!(limit(&deep(MAX_DEPTH + 2)), "the spec is nested more than 64 levels deep at line 1 column 65");
        assert_eq!(limit(&"[".repeat(100_000)), "the spec is nested more than 64 levels deep at line 1 column 65");
        let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        assert_eq!(limit(&objects), "the spec is nested more than 64 levels deep at line 1 column 325");
        // A syntax error before the limit is reached is reported as such.
        assert_eq!(refused(&format!("{}1 2", "[".repeat(MAX_DEPTH))), "expected `,` or `]` at line 1 column 67");
    }

    #[test]
    fn duplicate_keys_are_refused_where_the_object_ends() {
        assert_eq!(refused(r#"{"a": 1, "b": 2, "a": 3}"#), "the key \"a\" appears twice in one object at line 1 column 24");
        assert_eq!(refused("{\"a\": 1, \"a\": [2],\n\"c\": 3}"), "the key \"a\" appears twice in one object at line 1 column 17");
        assert!(parse(r#"[{"a": 1}, {"a": 2}]"#).is_ok());
    }
}
