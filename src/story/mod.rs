//! Story steps: named states of one chart (time range, highlighted series, annotations,
//! view kind, index base) that a page moves through as the reader scrolls, and the eased
//! transition between two of them.
//!
//! Everything here is plain data: the web layer asks for the [`Frame`] at a moment of a
//! [`Transition`], sets the viewport from it and mutes colours with [`apply_emphasis`].
//!
//! Beside it lives [`sound`], the sonification of a series (tones computed here, played by
//! `www/sound.js`). Steps are read from a spec by `ingest::steps`; the [`Step`] type is
//! `model`'s. May use: `model`, `layout`, `axis`, `theme`, `text`.

pub mod sound;

use crate::axis::format::{format_date, format_value};
use crate::layout::{full_x_range, Layout, Mark};
pub use crate::model::Step;
use crate::model::{Annotation, Chart, Series, View};

/// How long a transition takes, in ms. No Rust code reads it: the harness keeps time, and
/// its copy in `www/story.js` names this one as the reference.
#[allow(dead_code)]
pub const TRANSITION_MS: f64 = 400.0;
/// How much of its colour a muted series keeps (the rest is the background).
pub const MUTED: f64 = 0.28;
/// How much of its colour a muted series' text keeps (panel headings, direct labels):
/// more than its lines, so that it stays legible.
pub const MUTED_TEXT: f64 = 0.6;

/// What a transition interpolates: the time range and each series' emphasis (1 = full
/// colour, 0 = muted).
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Visible time range, epoch ms.
    pub range: (f64, f64),
    /// Per series, 0..=1.
    pub emphasis: Vec<f64>,
}

/// The time range a step shows on this chart: its dates widened by half a bar where the
/// chart draws bars (so the first and last bars are whole), within the unzoomed range.
pub fn step_range(chart: &Chart, step: &Step) -> (f64, f64) {
    let full = full_x_range(chart);
    let Some((from, to)) = step.range else { return full };
    let data = chart.x_extent().unwrap_or(full);
    let pad = (data.0 - full.0).max(0.0);
    (crate::axis::scale::clamp(from - pad, full.0, full.1), crate::axis::scale::clamp(to + pad, full.0, full.1))
}

/// The frame a step ends on.
pub fn target_frame(chart: &Chart, step: &Step) -> Frame {
    let emphasis = (0..chart.series.len())
        .map(|i| match &step.highlight {
            Some(list) if !list.contains(&i) => 0.0,
            _ => 1.0,
        })
        .collect();
    Frame { range: step_range(chart, step), emphasis }
}

/// Ease in and out (cubic): slow start, slow finish. `t` is clamped to 0..=1.
pub fn ease(t: f64) -> f64 {
    let t = if t.is_finite() { crate::axis::scale::clamp(t, 0.0, 1.0) } else { 1.0 };
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// A move from one frame to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    /// Where it starts.
    pub from: Frame,
    /// Where it ends.
    pub to: Frame,
}

impl Transition {
    /// The frame at linear progress `t` (0..=1), eased.
    pub fn at(&self, t: f64) -> Frame {
        let e = ease(t);
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        let emphasis = self
            .to
            .emphasis
            .iter()
            .enumerate()
            .map(|(i, b)| lerp(self.from.emphasis.get(i).copied().unwrap_or(1.0), *b))
            .collect();
        Frame { range: (lerp(self.from.range.0, self.to.range.0), lerp(self.from.range.1, self.to.range.1)), emphasis }
    }
}

/// Mutes series by their emphasis (1 = as drawn, 0 = mostly background): their colour in
/// the layout, and the direct labels and ringed points drawn in it. Drawing code reads
/// colours from the layout, so it needs no change.
pub fn apply_emphasis(layout: &mut Layout, emphasis: &[f64]) {
    let bg = layout.theme.background;
    for (i, e) in emphasis.iter().enumerate() {
        if *e >= 1.0 || !e.is_finite() {
            continue;
        }
        let e = crate::axis::scale::clamp(*e, 0.0, 1.0);
        let keep = MUTED + (1.0 - MUTED) * e;
        let keep_text = MUTED_TEXT + (1.0 - MUTED_TEXT) * e;
        let Some(color) = layout.colors.get_mut(i) else { continue };
        let original = *color;
        let muted = original.mix(bg, 1.0 - keep);
        *color = muted;
        let muted_text = original.mix(bg, 1.0 - keep_text);
        for t in &mut layout.texts {
            if t.color == original {
                t.color = muted_text;
            }
        }
        for m in &mut layout.marks {
            if let Mark::Point { color, .. } = m {
                if *color == original {
                    *color = muted;
                }
            }
        }
    }
}

/// What a step may change, as the spec gave it: the view kind, index base and
/// annotations. A step without its own returns to these.
#[derive(Clone, Debug, PartialEq)]
pub struct StepBase {
    view: View,
    index_base: Option<f64>,
    annotations: Vec<Annotation>,
}

impl StepBase {
    /// The spec's own view kind, index base and annotations.
    pub fn of(chart: &Chart) -> StepBase {
        StepBase { view: chart.view, index_base: chart.index_base, annotations: chart.annotations.clone() }
    }

    /// Sets on `chart` what `step` shows: its own view kind, index base and annotations,
    /// else the spec's. The time range and emphasis move through a [`Transition`].
    pub fn apply(&self, chart: &mut Chart, step: &Step) {
        chart.view = step.view.unwrap_or(self.view);
        chart.index_base = step.index_base.or(self.index_base);
        chart.annotations = step.annotations.clone().unwrap_or_else(|| self.annotations.clone());
    }
}

/// Lower-cases a name's first letter when it reads as an ordinary word ("Trade" → "trade",
/// "GDP" stays). ASCII only: Unicode case tables would add about 14 KB to the wasm, and a
/// name in another script stays as written.
fn in_sentence(name: &str) -> String {
    match name.as_bytes() {
        [a, b, ..] if a.is_ascii_uppercase() && b.is_ascii_lowercase() => {
            let mut out = name.to_string();
            if let Some(first) = out.get_mut(..1) {
                first.make_ascii_lowercase();
            }
            out
        }
        _ => name.to_string(),
    }
}

/// What the live region says when a step is shown: "Showing 2021–2023: trade rose to a
/// record $240.1bn". The step's `announce` text replaces the generated sentence.
pub fn announce(chart: &Chart, step: &Step) -> String {
    let g = chart.finest_granularity();
    let (from, to) = step.range.or_else(|| chart.x_extent()).unwrap_or((0.0, 0.0));
    let a = format_date(from, g, chart.locale);
    let b = format_date(to, g, chart.locale);
    let range = if a == b { a } else { format!("{a}–{b}") };
    let sentence = match &step.announce {
        Some(text) => text.clone(),
        None => {
            let focus = step.highlight.as_ref().and_then(|h| h.first().copied()).unwrap_or(0);
            chart.series.get(focus).map(|s| trend_sentence(chart, s, from, to)).unwrap_or_default()
        }
    };
    if sentence.is_empty() {
        format!("Showing {range}")
    } else {
        format!("Showing {range}: {sentence}")
    }
}

/// "trade rose to a record $240.1bn", "crude imports fell to 79.6 Mt", "trade was $69.5bn".
fn trend_sentence(chart: &Chart, s: &Series, from: f64, to: f64) -> String {
    let start = s.x.partition_point(|x| *x < from);
    let end = s.x.partition_point(|x| *x <= to);
    let values: Vec<f64> = crate::model::present(s.y.get(start..end.max(start)).unwrap_or(&[])).collect();
    let (Some(first), Some(last)) = (values.first().copied(), values.last().copied()) else { return String::new() };
    let decimals = s.decimals.unwrap_or(1);
    let value = format_value(last, decimals, &s.unit, chart.locale);
    let name = in_sentence(&s.name);
    let record = s.y_extent().is_some_and(|(_, max)| last >= max);
    if values.len() < 2 || first == last {
        format!("{name} was {value}")
    } else if last > first && record {
        format!("{name} rose to a record {value}")
    } else if last > first {
        format!("{name} rose to {value}")
    } else {
        format!("{name} fell to {value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ChartError;
    use crate::ingest::spec::parse_spec;
    use crate::model::View;

    const SPEC: &str = r#"{
        "series": [
            {"name": "Trade", "unit": {"prefix": "$", "suffix": "bn"}, "kind": "bar", "data": [["2016", 69.52], ["2017", 84.07], ["2021", 146.89], ["2022", 190.27], ["2023", 240.1]]},
            {"name": "Crude imports", "unit": "Mt", "data": [["2016", 52.48], ["2021", 79.64], ["2022", 86.25], ["2023", 107.02]]}
        ],
        "annotations": [{"type": "line", "x": "2022-02-04", "label": "no limits"}],
        "steps": STEPS
    }"#;

    fn with_steps(steps: &str) -> Result<Chart, ChartError> {
        parse_spec(&SPEC.replace("STEPS", steps))
    }

    #[test]
    fn reads_steps_with_ids_ranges_highlights_and_annotations() {
        let chart = with_steps(
            r#"[{"id": "start", "view": {"from": "2016", "to": "2017"}, "highlight": ["Trade"], "annotations": []},
                {"id": "record", "view": {"from": "2021", "to": "2023", "kind": "indexed"}, "indexBase": "2021",
                 "annotations": [0, {"type": "point", "series": "Trade", "x": "2023", "label": "Record"}]},
                {"view": "panels"}]"#,
        )
        .unwrap();
        assert_eq!(chart.steps.len(), 3);
        let s = &chart.steps[1];
        assert_eq!(s.id, "record");
        assert_eq!(s.view, Some(View::Indexed));
        assert_eq!(s.annotations.as_ref().unwrap().len(), 2);
        assert_eq!(chart.steps[0].highlight, Some(vec![0]));
        assert_eq!(chart.steps[2].id, "2");
        assert_eq!(chart.steps[2].range, None);
        let base = StepBase::of(&chart);
        let mut shown = chart.clone();
        base.apply(&mut shown, s);
        assert_eq!((shown.view, shown.index_base.is_some(), shown.annotations.len()), (View::Indexed, true, 2));
        // A step with an empty list of its own shows none; one without returns to the spec's.
        base.apply(&mut shown, &chart.steps[0]);
        assert_eq!((shown.index_base, shown.annotations.len()), (chart.index_base, 0));
        base.apply(&mut shown, &chart.steps[2]);
        assert_eq!((shown.view, shown.index_base, shown.annotations.len()), (View::Panels, chart.index_base, 1));
    }

    #[test]
    fn bad_steps_name_the_step_and_field() {
        let err = |steps: &str| with_steps(steps).unwrap_err().to_string();
        let e = err(r#"[{"id": "a"}, {"id": "b", "highlight": ["Oil"]}]"#);
        assert!(e.contains("step 1") && e.contains("highlight[0]") && e.contains("\"Oil\""), "{e}");
        let e = err(r#"[{"view": {"from": "2030", "to": "2031"}}]"#);
        assert!(e.contains("step 0") && e.contains("view.from") && e.contains("2016–2023"), "{e}");
        let e = err(r#"[{"view": {"from": "2001", "to": "2002"}}]"#);
        assert!(e.contains("step 0") && e.contains("view.to"), "{e}");
        let e = err(r#"[{"view": {"from": "2022", "to": "2017"}}]"#);
        assert!(e.contains("view.to") && e.contains("after view.from"), "{e}");
        let e = err(r#"[{"id": "x"}, {"id": "x"}]"#);
        assert!(e.contains("step 1") && e.contains("id"), "{e}");
        let e = err(r#"[{"colour": "red"}]"#);
        assert!(e.contains("step 0") && e.contains("colour"), "{e}");
        let e = err(r#"[{}, {"annotations": [{"type": "point", "series": "Trade", "x": "2019"}]}]"#);
        assert!(e.contains("step 1 annotation 0") && e.contains("x"), "{e}");
        let e = err(r#"[{"annotations": [5]}]"#);
        assert!(e.contains("step 0") && e.contains("annotations[0]"), "{e}");
        let e = err(r#"[{"view": "sideways"}]"#);
        assert!(e.contains("step 0") && e.contains("view"), "{e}");
        let e = err(r#""all""#);
        assert!(e.contains("steps"), "{e}");
        assert_eq!(with_steps(r#"[{"view": {"from": "2016", "to": "2017"}}]"#).map(|c| c.steps.len()), Ok(1));
    }

    #[test]
    fn a_view_reaching_past_the_data_is_clamped_to_it() {
        let chart = with_steps(r#"[{"view": {"from": "2010", "to": "2017"}}]"#).unwrap();
        let (from, _) = chart.steps[0].range.unwrap();
        assert_eq!(from, chart.x_extent().unwrap().0);
    }

    #[test]
    fn bar_charts_show_whole_bars_at_the_step_edges() {
        let chart = with_steps(r#"[{"view": {"from": "2021", "to": "2023"}}]"#).unwrap();
        let (a, b) = step_range(&chart, &chart.steps[0]);
        let (from, to) = chart.steps[0].range.unwrap();
        assert!(a < from && b > to);
        let full = full_x_range(&chart);
        assert!(a >= full.0 && b <= full.1);
    }

    #[test]
    fn transitions_ease_from_one_frame_to_the_next() {
        assert_eq!(ease(0.0), 0.0);
        assert_eq!(ease(1.0), 1.0);
        assert!((ease(0.5) - 0.5).abs() < 1e-12);
        assert!(ease(0.1) < 0.1 && ease(0.9) > 0.9);
        assert_eq!(ease(f64::NAN), 1.0);
        assert_eq!(ease(7.0), 1.0);
        let tr = Transition { from: Frame { range: (0.0, 100.0), emphasis: vec![1.0, 1.0] }, to: Frame { range: (50.0, 100.0), emphasis: vec![1.0, 0.0] } };
        assert_eq!(tr.at(0.0), tr.from);
        assert_eq!(tr.at(1.0), tr.to);
        let mid = tr.at(0.5);
        assert_eq!(mid.range, (25.0, 100.0));
        assert_eq!(mid.emphasis, vec![1.0, 0.5]);
        let mut last = -1.0;
        for k in 0..=20 {
            let f = tr.at(f64::from(k) / 20.0);
            assert!(f.range.0 >= last);
            last = f.range.0;
        }
    }

    #[test]
    fn announcements_say_the_range_and_what_the_data_did() {
        let chart = with_steps(
            r#"[{"view": {"from": "2021", "to": "2023"}, "highlight": ["Trade"]},
                {"view": {"from": "2016", "to": "2016"}},
                {"view": {"from": "2021", "to": "2023"}, "highlight": ["Crude imports"]},
                {"view": {"from": "2021", "to": "2022"}, "highlight": ["Crude imports"], "announce": "the partnership"},
                {"view": {"from": "2016", "to": "2021"}, "highlight": ["Crude imports"]}]"#,
        )
        .unwrap();
        let said: Vec<String> = chart.steps.iter().map(|s| announce(&chart, s)).collect();
        assert_eq!(said[0], "Showing 2021–2023: trade rose to a record $240.1bn");
        assert_eq!(said[1], "Showing 2016: trade was $69.5bn");
        assert_eq!(said[2], "Showing 2021–2023: crude imports rose to a record 107.0 Mt");
        assert_eq!(said[3], "Showing 2021–2022: the partnership");
        assert_eq!(said[4], "Showing 2016–2021: crude imports rose to 79.6 Mt");
        assert_eq!(in_sentence("GDP"), "GDP");
    }

    #[test]
    fn muting_blends_towards_the_background_and_leaves_the_highlight() {
        let chart = with_steps(r#"[{"highlight": ["Crude imports"]}]"#).unwrap();
        let opts = crate::layout::LayoutOptions { width: 640.0, height: None, theme: crate::theme::Theme::light(), x_range: None, visible: Vec::new() };
        let mut laid = crate::layout::layout(&chart, &opts, &crate::text::ApproxMeasure);
        let before = laid.colors.clone();
        let frame = target_frame(&chart, &chart.steps[0]);
        assert_eq!(frame.emphasis, vec![0.0, 1.0]);
        apply_emphasis(&mut laid, &frame.emphasis);
        assert_eq!(laid.colors[1], before[1]);
        assert_ne!(laid.colors[0], before[0]);
        assert_eq!(laid.colors[0], before[0].mix(laid.theme.background, 1.0 - MUTED));
        // Text in the muted colour stays more legible than the line.
        let heading = before[0].mix(laid.theme.background, 1.0 - MUTED_TEXT);
        assert!(laid.texts.iter().any(|t| t.color == heading), "a muted heading or label");
    }
}
