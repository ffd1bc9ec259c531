//! JSON text of what the harness reads back from a chart: tooltips, overlay marks, the
//! data table and sound schedules. The web layer hands the text to the browser's
//! `JSON.parse`, which builds the objects in one call.
//!
//! One small writer over `&dyn ToJson` instead of serde's `Serialize` through
//! serde-wasm-bindgen: each struct lists its fields once, beside its definition, and the
//! wasm carries no serializer per type (BENCHMARKS.md "Bytes for one chart").

use std::fmt::Write;

/// A value that writes itself as JSON.
pub trait ToJson {
    /// Appends this value's JSON to `out`.
    fn write_json(&self, out: &mut String);

    /// This value as JSON text.
    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

/// Writes a JSON object's fields, in the order given.
pub struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl Object<'_> {
    /// Adds `"key": value`.
    pub fn field(&mut self, key: &str, value: &dyn ToJson) -> &mut Self {
        self.out.push(if self.first { '{' } else { ',' });
        self.first = false;
        key.write_json(self.out);
        self.out.push(':');
        value.write_json(self.out);
        self
    }
}

/// `impl ToJson` for a struct written as an object of the named fields, in that order,
/// each under its Rust name: `json_object!(Note { t, dur, freq, pan, joined });`.
macro_rules! json_object {
    ($ty:ty { $($field:ident),+ $(,)? }) => {
        impl $crate::to_json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                $crate::to_json::object(out, |o| {
                    $(o.field(stringify!($field), &self.$field);)+
                });
            }
        }
    };
}
pub(crate) use json_object;

/// Writes the object whose fields `fields` adds (`{}` when it adds none).
pub fn object(out: &mut String, fields: impl FnOnce(&mut Object)) {
    let mut o = Object { out, first: true };
    fields(&mut o);
    if o.first {
        o.out.push('{');
    }
    o.out.push('}');
}

impl ToJson for f64 {
    /// Shortest round-trip digits; NaN and infinities, which JSON lacks, as `null`.
    fn write_json(&self, out: &mut String) {
        if self.is_finite() {
            let _ = write!(out, "{self}");
        } else {
            out.push_str("null");
        }
    }
}

impl ToJson for usize {
    fn write_json(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// Appends the backslash escape that JSON and Rust share for `c` (`\"`, `\\`, `\n`,
/// `\r`, `\t`); false, appending nothing, for any other character.
pub fn push_common_escape(out: &mut String, c: char) -> bool {
    let escaped = match c {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => return false,
    };
    out.push_str(escaped);
    true
}

impl ToJson for str {
    /// Quoted, with `"`, `\` and control characters escaped.
    fn write_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                c if push_common_escape(out, c) => {}
                c if (c as u32) < 0x20 => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl ToJson for &str {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<const N: usize> ToJson for [f64; N] {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_json_that_a_parser_reads_back() {
        let mut out = String::new();
        object(&mut out, |o| {
            o.field("name", &"Trade \"total\"\\\n\u{1}é")
                .field("values", &vec![1.5, -0.0, f64::NAN, 1e21, f64::INFINITY])
                .field("box", &[1.0, 2.0, 3.0, 4.0])
                .field("n", &3usize)
                .field("on", &true)
                .field("empty", &Vec::<String>::new());
        });
        assert_eq!(out, r#"{"name":"Trade \"total\"\\\n\u0001é","values":[1.5,-0,null,1000000000000000000000,null],"box":[1,2,3,4],"n":3,"on":true,"empty":[]}"#);
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        assert_eq!(parsed["name"], "Trade \"total\"\\\n\u{1}é");
        assert_eq!(parsed["values"][3], 1e21);
        let mut empty = String::new();
        object(&mut empty, |_| {});
        assert_eq!(empty, "{}");
    }
}
