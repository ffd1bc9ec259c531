//! Colours and type for light and dark charts, and a colour-blind-safe palette.


/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses "#rgb" or "#rrggbb".
    pub fn parse_hex(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        let nibble = |c: u8| -> Option<u8> { (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok()) };
        let b = hex.as_bytes();
        match b.len() {
            3 => {
                let v = |i: usize| b.get(i).copied().and_then(nibble).map(|d| d * 17);
                Some(Rgb(v(0)?, v(1)?, v(2)?))
            }
            6 => {
                let v = |i: usize| Some(nibble(*b.get(i)?)? * 16 + nibble(*b.get(i + 1)?)?);
                Some(Rgb(v(0)?, v(2)?, v(4)?))
            }
            _ => None,
        }
    }

    /// "#rrggbb".
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Mixes towards `other` by `t` (0 = self, 1 = other).
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round().clamp(0.0, 255.0) as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// How many colours the palette has; series after that many reuse them in order.
pub const PALETTE_LEN: usize = 7;

/// The colours and type sizes a chart is drawn with.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// True for the dark scheme.
    pub dark: bool,
    /// Canvas background.
    pub background: Rgb,
    /// Title and strong text.
    pub text: Rgb,
    /// Subtitle, axis labels.
    pub muted: Rgb,
    /// Source line and notes.
    pub faint: Rgb,
    /// Gridlines.
    pub grid: Rgb,
    /// The zero line and the time axis baseline.
    pub baseline: Rgb,
    /// Shaded annotation ranges.
    pub shade: Rgb,
    /// Annotation lines and labels.
    pub annotation: Rgb,
    /// Series colours in order (Okabe–Ito based, safe for the common colour-vision deficiencies).
    pub palette: [Rgb; PALETTE_LEN],
    /// Font family list for every label.
    pub font_family: &'static str,
}

/// The font stack: system UI fonts, which news sites already load.
pub const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

impl Theme {
    /// The light theme.
    pub fn light() -> Theme {
        Theme {
            dark: false,
            background: Rgb(255, 255, 255),
            text: Rgb(18, 18, 18),
            muted: Rgb(88, 88, 88),
            faint: Rgb(110, 110, 110),
            grid: Rgb(226, 226, 226),
            baseline: Rgb(60, 60, 60),
            shade: Rgb(238, 238, 238),
            annotation: Rgb(70, 70, 70),
            palette: [
                Rgb(0, 114, 178),   // blue
                Rgb(213, 94, 0),    // vermillion
                Rgb(0, 158, 115),   // bluish green
                Rgb(204, 121, 167), // reddish purple
                Rgb(230, 159, 0),   // orange
                Rgb(86, 180, 233),  // sky blue
                Rgb(120, 120, 120), // grey
            ],
            font_family: FONT_FAMILY,
        }
    }

    /// The dark theme.
    pub fn dark() -> Theme {
        Theme {
            dark: true,
            background: Rgb(24, 26, 29),
            text: Rgb(238, 238, 238),
            muted: Rgb(180, 180, 180),
            faint: Rgb(160, 160, 160),
            grid: Rgb(58, 61, 66),
            baseline: Rgb(190, 190, 190),
            shade: Rgb(44, 47, 52),
            annotation: Rgb(200, 200, 200),
            palette: [
                Rgb(86, 180, 233),  // sky blue
                Rgb(240, 130, 60),  // light vermillion
                Rgb(60, 200, 150),  // light green
                Rgb(224, 150, 192), // light purple
                Rgb(240, 190, 60),  // amber
                Rgb(150, 200, 255), // pale blue
                Rgb(170, 170, 170), // grey
            ],
            font_family: FONT_FAMILY,
        }
    }

    /// The theme for a choice; `Auto` resolves to `prefers_dark`.
    pub fn for_choice(choice: ThemeChoice, prefers_dark: bool) -> Theme {
        match choice {
            ThemeChoice::Light => Theme::light(),
            ThemeChoice::Dark => Theme::dark(),
            ThemeChoice::Auto if prefers_dark => Theme::dark(),
            ThemeChoice::Auto => Theme::light(),
        }
    }

    /// The palette colour for series number `index` (it repeats after [`PALETTE_LEN`]).
    pub fn series_color(&self, index: usize) -> Rgb {
        self.palette.get(index % self.palette.len()).copied().unwrap_or(self.text)
    }
}

/// Which colour scheme to draw in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// Follow the host page (the web layer resolves this with `prefers-color-scheme`).
    Auto,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hex_colours() {
        assert_eq!(Rgb::parse_hex("#0072b2"), Some(Rgb(0, 114, 178)));
        assert_eq!(Rgb::parse_hex("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse_hex("red"), None);
        assert_eq!(Rgb::parse_hex("#12345"), None);
        assert_eq!(Rgb::parse_hex("#gg0000"), None);
        assert_eq!(Rgb(0, 114, 178).hex(), "#0072b2");
    }

    #[test]
    fn palette_wraps() {
        let t = Theme::light();
        assert_eq!(t.series_color(0), t.series_color(7));
    }
}
