//! A small JSON tree that keeps what the spec validator needs and a generic JSON value
//! loses: NaN and ±Infinity arriving from JavaScript (a tree that turned them into null
//! would silently make a bad value look like a gap), the order of keys, and one value
//! per key (a key twice in one object is an error, not an overwrite).
//!
//! JSON text is read by our own parser ([`super::json_text`], strict RFC 8259, errors with
//! line and column); JavaScript objects arrive through serde: the tree deserializes from
//! any serde source, which `serde-wasm-bindgen` is.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

use crate::error::ChartError;

/// Deepest nesting accepted; a spec needs 4 levels, so this is generous.
pub const MAX_DEPTH: usize = 64;

/// One JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null` (or `undefined` from JavaScript).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Any number, including NaN and infinities from JavaScript.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in input order.
    Object(Vec<(String, Json)>),
    /// A numeric column handed over from a JavaScript `Float64Array` (never produced by
    /// parsing text): one copy, no per-point values. NaN in a y column is a gap.
    Numbers(Vec<f64>),
}

impl Json {
    /// Parses JSON text. Syntax errors name line and column; nesting past [`MAX_DEPTH`]
    /// is a `limit` error.
    pub fn parse(text: &str) -> Result<Json, crate::error::ChartError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        super::json_text::parse(text)
    }

    /// The value of `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// How the value reads in an error message: strings quoted, containers by kind.
    pub fn describe(&self) -> String {
        match self {
            Json::Null => "null".into(),
            Json::Bool(b) => b.to_string(),
            Json::Number(n) if n.is_nan() => "NaN".into(),
            Json::Number(n) if n.is_infinite() => {
                if *n > 0.0 { "Infinity".into() } else { "-Infinity".into() }
            }
            Json::Number(n) => format!("{n}"),
            Json::String(s) => describe_str(s),
            Json::Array(a) => format!("an array of {}", a.len()),
            Json::Numbers(a) => format!("a Float64Array of {}", a.len()),
            Json::Object(_) => "an object".into(),
        }
    }

    /// [`ChartError::invalid`] for this value found at `location`'s `field`.
    #[cold]
    #[inline(never)]
    pub fn invalid_as(&self, location: impl Into<String>, field: impl Into<String>, expected: &str) -> ChartError {
        ChartError::invalid(location, field, self.describe(), expected)
    }

    /// Sets `key` of this object (replacing an existing value); other values are left alone.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(fields) = self {
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => fields.push((key.to_string(), value)),
            }
        }
    }

    /// Nesting depth (a scalar is 0).
    pub fn depth(&self) -> usize {
        match self {
            Json::Array(items) => 1 + items.iter().map(Json::depth).max().unwrap_or(0),
            Json::Numbers(_) => 1,
            Json::Object(fields) => 1 + fields.iter().map(|(_, v)| v.depth()).max().unwrap_or(0),
            _ => 0,
        }
    }
}

/// How a string value reads in an error message ([`Json::describe`] of a `Json::String`):
/// quoted, at most 40 characters then "…".
#[inline(never)]
pub fn describe_str(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    let mut quoted = quote(&short);
    if short.len() < s.len() {
        quoted.push('…');
    }
    quoted
}

/// `text` in double quotes, escaped as Rust's `{:?}` escapes these: `"` as `\"`, `\` as
/// `\\`, newline, return, tab and NUL as `\n`, `\r`, `\t`, `\0`; every other control
/// character, and the spaces and format characters one cannot see, as `\u{…}` in hex.
/// Other characters are shown as they are (`{:?}` also escapes combining marks, private-use
/// and unassigned code points, from tables of Unicode that a message does not need).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            c if crate::to_json::push_common_escape(&mut out, c) => {}
            '\0' => out.push_str("\\0"),
            // The C0 and C1 controls and DEL (Unicode's Cc, as `char::is_control` says),
            // then the spaces other than ' ' and the invisible format characters (soft
            // hyphen, zero-width and bidi marks, the word joiner, a BOM) that `{:?}` escapes.
            '\0'..='\x1f'
            | '\x7f'..='\u{a0}'
            | '\u{ad}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200f}'
            | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{3000}'
            | '\u{feff}' => {
                out.push_str("\\u{");
                out.push_str(&format!("{:x}", u32::from(c)));
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The error for a failed serde read (a JavaScript object): too deep is a limit,
/// anything else invalid JSON.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn read_error(message: String) -> crate::error::ChartError {
    if crate::text::find_str(&message, DEPTH_MESSAGE).is_some() {
        crate::error::ChartError::Limit { message }
    } else {
        crate::error::ChartError::Json { message }
    }
}

pub(crate) const DEPTH_MESSAGE: &str = "the spec is nested more than";

/// Reads one value `depth` levels down, refusing to go deeper than [`MAX_DEPTH`] while
/// reading (a JavaScript object nested 100,000 levels must not overflow the stack).
#[derive(Clone, Copy)]
struct JsonSeed {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for JsonSeed {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(format!("{DEPTH_MESSAGE} {MAX_DEPTH} levels deep")));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonSeed {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        de::DeserializeSeed::deserialize(self, d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let inner = JsonSeed { depth: self.depth + 1 };
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let inner = JsonSeed { depth: self.depth + 1 };
        let mut fields: Vec<(String, Json)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            if fields.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!("the key \"{key}\" appears twice in one object")));
            }
            fields.push((key, value));
        }
        Ok(Json::Object(fields))
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        de::DeserializeSeed::deserialize(JsonSeed { depth: 0 }, d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_keeps_key_order() {
        let v = Json::parse(r#"{"b": 1, "a": [null, true, "x", 2.5]}"#).unwrap();
        match &v {
            Json::Object(f) => assert_eq!(f[0].0, "b"),
            _ => panic!("not an object"),
        }
        assert_eq!(v.get("a").map(Json::depth), Some(1));
        assert_eq!(v.depth(), 2);
    }

    #[test]
    fn rejects_duplicate_keys_and_bad_text() {
        assert!(Json::parse(r#"{"a":1,"a":2}"#).unwrap_err().to_string().contains("appears twice"));
        assert!(Json::parse("{").is_err());
        assert!(Json::parse("\u{feff}{}").is_ok());
    }

    #[test]
    fn describes_values_for_messages() {
        assert_eq!(Json::String("n/a".into()).describe(), "\"n/a\"");
        assert_eq!(Json::Number(f64::NAN).describe(), "NaN");
        assert_eq!(Json::Number(f64::NEG_INFINITY).describe(), "-Infinity");
        assert_eq!(Json::Array(vec![]).describe(), "an array of 0");
        assert!(Json::String("x".repeat(100)).describe().ends_with('…'));
    }

    /// Strings in messages read as `{:?}` wrote them: quotes, backslashes, controls and
    /// invisible spaces escaped, the rest as it is.
    #[test]
    fn quotes_strings_as_debug_does() {
        for s in ["n/a", "say \"hi\"", "a\\b", "tab\there", "\n\r\0", "\u{1}\u{1b}\u{7f}\u{85}", "1\u{a0}234", "a\u{200b}b\u{feff}", "\u{202e}rtl\u{2066}", "é中😀 'x'"] {
            assert_eq!(Json::String(s.into()).describe(), format!("{s:?}"));
        }
        assert_eq!(Json::String("\u{1}".into()).describe(), "\"\\u{1}\"");
        // Unlike `{:?}`, a combining accent stays on its letter.
        assert_eq!(Json::String("e\u{301}".into()).describe(), "\"e\u{301}\"");
        let long = format!("{}\"", "x".repeat(39));
        assert_eq!(Json::String(format!("{long}tail")).describe(), format!("{long:?}…"));
    }
}
