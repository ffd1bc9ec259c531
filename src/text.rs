//! Measuring and fitting text. Layout asks one trait for widths, so the browser can
//! measure with the canvas (`measureText`) while native tests and the SVG renderer use
//! a deterministic table of glyph widths.

/// A font as layout sees it: size in CSS pixels and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    /// Size in CSS pixels.
    pub size: f64,
    /// Bold weight.
    pub bold: bool,
}

impl Font {
    /// A regular-weight font of `size` px.
    pub fn regular(size: f64) -> Font {
        Font { size, bold: false }
    }

    /// A bold font of `size` px.
    pub fn bold(size: f64) -> Font {
        Font { size, bold: true }
    }
}

/// Measures the advance width of text in CSS pixels.
pub trait TextMeasure {
    /// Width of `text` set in `font`.
    fn width(&self, text: &str, font: Font) -> f64;
}

/// Deterministic widths from a sans-serif (Arial/Helvetica-like) glyph table.
/// Slightly generous, so that text measured here never overflows a real system font.
#[derive(Clone, Copy, Debug, Default)]
pub struct ApproxMeasure;

/// Advance width of one character in thousandths of an em.
fn glyph_width(c: char) -> f64 {
    // Close to DejaVu Sans, the widest common fallback for `sans-serif`, so that text
    // measured here fits whatever font the reader's system substitutes.
    match c {
        'i' | 'j' | 'l' | '\'' | '|' | '!' | '.' | ',' | ':' | ';' => 300.0,
        ' ' | 'f' | 't' | 'I' | '(' | ')' | '[' | ']' | '/' | '\u{a0}' | '\u{202f}' => 360.0,
        'r' | '-' | '"' => 420.0,
        'm' | 'M' | 'W' => 960.0,
        'w' => 820.0,
        '%' => 950.0,
        '—' => 1000.0,
        '0'..='9' | '$' | '€' | '£' | '¥' | '₽' | '+' | '−' | '–' | '=' | '#' | '_' | '?' => 640.0,
        'a'..='z' => 610.0,
        'A'..='Z' => 720.0,
        c if is_wide(c) => 1000.0,
        _ => 640.0,
    }
}

/// CJK and other full-width characters.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

impl TextMeasure for ApproxMeasure {
    fn width(&self, text: &str, font: Font) -> f64 {
        let em: f64 = text.chars().map(glyph_width).sum();
        let weight = if font.bold { 1.1 } else { 1.0 };
        em / 1000.0 * font.size * weight
    }
}

/// How far (px) a line's width may be from the sum of its words' and spaces' widths
/// (kerning across a space, rounding). Within it, [`wrap`] measures the whole line.
const WRAP_SLACK: f64 = 1.0;

/// The byte offset of the last ASCII `byte` in `s` (`s.rfind(char)` for an ASCII char,
/// without core's reverse char searcher).
pub fn rfind_ascii(s: &str, byte: u8) -> Option<usize> {
    debug_assert!(byte.is_ascii());
    s.as_bytes().iter().rposition(|b| *b == byte)
}

/// The byte offset of the first `needle` in `hay`: a scan for its first byte, then a
/// compare. The wasm's only substring searches use it, so core's two-way searcher is not
/// in the binary.
pub fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some(first) = needle.first() else { return Some(0) };
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|rest| rest.iter().position(|b| b == first)) {
        let at = from + i;
        if hay.get(at..).is_some_and(|rest| rest.starts_with(needle)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Breaks `text` into lines no wider than `max_width`, at spaces where possible and
/// inside over-long words otherwise. Never returns an empty list for non-empty text.
///
/// Each word is measured once (and the space once): a line's width is taken as the sum,
/// and only a line whose sum lies within [`WRAP_SLACK`] of `max_width` is measured whole.
/// Measuring every growing prefix instead cost a title of ten words ten browser calls.
pub fn wrap(text: &str, max_width: f64, font: Font, measure: &dyn TextMeasure) -> Vec<String> {
    let space = measure.width(" ", font);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word_width = measure.width(word, font);
            if line.is_empty() {
                if word_width <= max_width {
                    line.push_str(word);
                    line_width = word_width;
                } else {
                    line_width = break_word(word, &mut line, &mut lines, max_width, font, measure);
                }
                continue;
            }
            let sum = line_width + space + word_width;
            let candidate = || format!("{line} {word}");
            let fits = sum <= max_width - WRAP_SLACK || (sum <= max_width + WRAP_SLACK && measure.width(&candidate(), font) <= max_width);
            if fits {
                line.push(' ');
                line.push_str(word);
                line_width = sum;
                continue;
            }
            lines.push(std::mem::take(&mut line));
            if word_width <= max_width {
                line.push_str(word);
                line_width = word_width;
            } else {
                line_width = break_word(word, &mut line, &mut lines, max_width, font, measure);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// A word wider than the line (a URL, CJK text): broken between characters into `lines`,
/// its last piece left in `line`. Returns that piece's width.
fn break_word(word: &str, line: &mut String, lines: &mut Vec<String>, max_width: f64, font: Font, measure: &dyn TextMeasure) -> f64 {
    for c in word.chars() {
        let mut next = line.clone();
        next.push(c);
        if !line.is_empty() && measure.width(&next, font) > max_width {
            lines.push(std::mem::take(line));
            line.push(c);
        } else {
            *line = next;
        }
    }
    measure.width(line, font)
}

/// Shortens `text` with an ellipsis so that it fits `max_width`.
pub fn truncate(text: &str, max_width: f64, font: Font, measure: &dyn TextMeasure) -> String {
    if measure.width(text, font) <= max_width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut next = out.clone();
        next.push(c);
        next.push('…');
        if measure.width(&next, font) > max_width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfind_ascii_is_rfind() {
        for (s, c) in [("a (b) (c)", '('), ("none", '('), ("", ' '), ("Jan 1, 2000 09:00", ' '), ("é[x]", '[')] {
            assert_eq!(rfind_ascii(s, c as u8), s.rfind(c));
        }
    }

    #[test]
    fn find_str_finds_the_first_occurrence_as_str_find_does() {
        for (hay, needle) in [("font-size=\"12\"", "font-size=\""), ("aab", "ab"), ("abc", "d"), ("", "a"), ("a", ""), ("ffont", "font"), ("é font", "font"), ("fon", "font")] {
            assert_eq!(find_str(hay, needle), hay.find(needle), "{hay} / {needle}");
        }
    }

    #[test]
    fn widths_scale_with_size_and_weight() {
        let m = ApproxMeasure;
        let a = m.width("2023", Font::regular(10.0));
        assert!((a - 25.6).abs() < 1e-9);
        assert!(m.width("2023", Font::regular(20.0)) > a * 1.99);
        assert!(m.width("2023", Font::bold(10.0)) > a);
        assert!(m.width("中国", Font::regular(10.0)) >= 20.0);
    }

    #[test]
    fn wraps_at_spaces_and_inside_long_words() {
        let m = ApproxMeasure;
        let lines = wrap("China and Russia trade hit a record", 100.0, Font::regular(14.0), &m);
        assert!(lines.len() >= 2);
        for l in &lines {
            assert!(m.width(l, Font::regular(14.0)) <= 100.0, "{l}");
        }
        assert_eq!(lines.join(" "), "China and Russia trade hit a record");
        let long = wrap(&"x".repeat(200), 50.0, Font::regular(10.0), &m);
        assert!(long.len() > 5);
        assert!(wrap("", 50.0, Font::regular(10.0), &m).is_empty());
        assert_eq!(wrap("a\nb", 500.0, Font::regular(10.0), &m), vec!["a", "b"]);
    }

    /// ApproxMeasure with a kerning pair across each space (-0.6 px per space, +0.6 px when
    /// a word starts with "W"), counting its calls: a browser's widths are not additive.
    struct Kerned(std::cell::Cell<usize>);
    impl TextMeasure for Kerned {
        fn width(&self, text: &str, font: Font) -> f64 {
            self.0.set(self.0.get() + 1);
            let spaces = text.matches(' ').count() as f64;
            ApproxMeasure.width(text, font) - 0.6 * spaces + 0.6 * text.matches(" W").count() as f64
        }
    }

    #[test]
    fn wrapping_measures_each_word_once_and_never_overflows_a_kerned_font() {
        let title = "China imported a record amount of Russian crude in 2023 While West watched";
        let font = Font::bold(21.0);
        for max in (60..=700).step_by(7) {
            let m = Kerned(std::cell::Cell::new(0));
            let lines = wrap(title, f64::from(max), font, &m);
            let words = title.split_whitespace().count();
            let widest = title.split_whitespace().map(|w| ApproxMeasure.width(w, font)).fold(0.0, f64::max);
            if widest <= f64::from(max) {
                assert!(m.0.get() <= words + 1 + lines.len(), "{max} px: {} calls for {words} words", m.0.get());
            }
            assert_eq!(lines.concat().replace(' ', ""), title.replace(' ', ""));
            for l in lines.iter().filter(|l| l.contains(' ')) {
                assert!(m.width(l, font) <= f64::from(max), "{max} px: {l:?} overflows");
            }
            // Greedy: the next line's first word would not have fitted on this one.
            for pair in lines.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let first = b.split(' ').next().unwrap_or_default();
                assert!(m.width(&format!("{a} {first}"), font) > f64::from(max) - WRAP_SLACK, "{max} px: {a:?} + {first:?} fitted");
            }
        }
    }

    #[test]
    fn truncates_with_ellipsis() {
        let m = ApproxMeasure;
        let t = truncate("Crude imports from Russia", 60.0, Font::regular(12.0), &m);
        assert!(t.ends_with('…'));
        assert!(m.width(&t, Font::regular(12.0)) <= 60.0);
        assert_eq!(truncate("Oil", 60.0, Font::regular(12.0), &m), "Oil");
    }
}
