//! Sonification: the visible series as a schedule of tones that the harness plays with
//! the Web Audio API. Time runs left to right (and the stereo pan with it), value maps to
//! pitch on a logarithmic (perceptual) frequency scale, gaps are silent, annotated points
//! get a short tick, and several series play one after another.
//!
//! The schedule is computed here, from the data, and tested natively; the browser only
//! turns it into oscillator and gain automation.

use crate::axis::format::{format_date, format_value};
use crate::model::{AnnotationKind, Chart, ScaleKind};
use crate::to_json::json_object;

/// Most notes one series plays: longer series are averaged into this many time slots.
pub const MAX_NOTES: usize = 240;
/// Seconds of silence before each series, while its name is announced.
pub const LEAD_IN: f64 = 0.8;
/// The tick's frequency in Hz: above the pitch range, so it reads as a different sound.
pub const TICK_HZ: f64 = 2400.0;
/// How long a tick lasts, in seconds.
pub const TICK_SECONDS: f64 = 0.03;

/// What the caller may choose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SoundOptions {
    /// Seconds per series; chosen from the number of points when None (1.5 to 4 s).
    pub duration: Option<f64>,
    /// Lowest pitch, Hz.
    pub low_hz: f64,
    /// Highest pitch, Hz.
    pub high_hz: f64,
}

impl Default for SoundOptions {
    fn default() -> Self {
        // A3 to A5: two octaves that small speakers play and ears find comfortable.
        SoundOptions { duration: None, low_hz: 220.0, high_hz: 880.0 }
    }
}

impl SoundOptions {
    /// Options from possibly missing or nonsensical numbers (NaN means "default"): the
    /// duration is kept within 0.5–60 s per series, the pitches within 80–4000 Hz.
    pub fn from_numbers(duration: f64, low_hz: f64, high_hz: f64) -> SoundOptions {
        let d = SoundOptions::default();
        let pick = |v: f64, default: f64| if v.is_finite() && v > 0.0 { crate::axis::scale::clamp(v, 80.0, 4000.0) } else { default };
        let (lo, hi) = (pick(low_hz, d.low_hz), pick(high_hz, d.high_hz));
        let (lo, hi) = if hi > lo { (lo, hi) } else { (d.low_hz, d.high_hz) };
        let duration = if duration.is_finite() && duration > 0.0 { Some(crate::axis::scale::clamp(duration, 0.5, 60.0)) } else { None };
        SoundOptions { duration, low_hz: lo, high_hz: hi }
    }
}

/// One tone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Note {
    /// Start, seconds from the beginning of playback.
    pub t: f64,
    /// Length, seconds.
    pub dur: f64,
    /// Pitch, Hz.
    pub freq: f64,
    /// Stereo position, -1 (left) to 1 (right).
    pub pan: f64,
    /// Whether it follows the previous note with no silence between (the harness glides
    /// instead of starting a new tone).
    pub joined: bool,
}

/// A short click marking an annotated point or event.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    /// When, seconds.
    pub t: f64,
    /// Stereo position.
    pub pan: f64,
}

/// One series' turn.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// Series index.
    pub series: usize,
    /// When its name is announced, seconds.
    pub announce_at: f64,
    /// What is announced: "Trade, 2016 to 2023, from $69.5bn to $240.1bn".
    pub label: String,
    /// When its first note starts.
    pub start: f64,
    /// When its last note ends.
    pub end: f64,
    /// Its tones, in time order.
    pub notes: Vec<Note>,
    /// Its ticks, in time order.
    pub ticks: Vec<Tick>,
}

/// Everything the harness plays.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// The series, one after another.
    pub parts: Vec<Part>,
    /// Total length, seconds.
    pub duration: f64,
    /// Tick pitch, Hz.
    pub tick_hz: f64,
    /// Tick length, seconds.
    pub tick_seconds: f64,
}

/// Seconds a series of `n` points takes by default: longer for more points, 1.5 to 4 s.
pub fn default_duration(n: usize) -> f64 {
    crate::axis::scale::clamp(0.3 * n as f64, 1.5, 4.0)
}

/// The schedule for the series shown in `visible` within `range` (epoch ms).
pub fn schedule(chart: &Chart, visible: &[bool], range: (f64, f64), opts: &SoundOptions) -> Schedule {
    let mut parts = Vec::new();
    let mut clock = 0.0;
    let log = chart.scale == ScaleKind::Log;
    let span = range.1 - range.0;
    let pan_of = |x: f64| if span > 0.0 { crate::axis::scale::clamp((x - range.0) / span * 2.0 - 1.0, -1.0, 1.0) } else { 0.0 };
    for (i, s) in chart.series.iter().enumerate() {
        if !crate::model::is_shown(visible, i) {
            continue;
        }
        let start = s.x.partition_point(|x| *x < range.0);
        let end = s.x.partition_point(|x| *x <= range.1).max(start);
        let n = end - start;
        let (Some(xs), Some(ys)) = (s.x.get(start..end), s.y.get(start..end)) else { continue };
        let Some((lo, hi)) = crate::model::extent(crate::model::present(ys)) else { continue };
        // Slots: one per point, or averages of runs of points for long series.
        let slots = n.min(MAX_NOTES);
        if slots == 0 {
            continue;
        }
        let per_slot = |k: usize| (k * n / slots, ((k + 1) * n / slots).max(k * n / slots + 1).min(n));
        let duration = opts.duration.unwrap_or_else(|| default_duration(n));
        let slot_len = duration / slots as f64;
        let part_start = clock + LEAD_IN;
        let pitch = |v: f64| {
            let (a, b, v) = if log && lo > 0.0 && v > 0.0 { (lo.log10(), hi.log10(), v.log10()) } else { (lo, hi, v) };
            let u = if b > a { crate::axis::scale::clamp((v - a) / (b - a), 0.0, 1.0) } else { 0.5 };
            opts.low_hz * (opts.high_hz / opts.low_hz).powf(u)
        };
        let mut notes: Vec<Note> = Vec::with_capacity(slots);
        let mut previous_slot: Option<usize> = None;
        for k in 0..slots {
            let (a, b) = per_slot(k);
            let (Some(xk), Some(yk)) = (xs.get(a..b), ys.get(a..b)) else { continue };
            let (sum, count) = crate::model::present(yk).fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
            if count == 0 {
                continue; // a gap: silence
            }
            let mid_x = match (xk.first(), xk.last()) {
                (Some(f), Some(l)) => (f + l) / 2.0,
                _ => range.0,
            };
            let joined = previous_slot.is_some_and(|p| p + 1 == k);
            notes.push(Note { t: part_start + k as f64 * slot_len, dur: slot_len, freq: pitch(sum / count as f64), pan: pan_of(mid_x), joined });
            previous_slot = Some(k);
        }
        // Ticks: labelled points of this series and event lines, at their time slot.
        let slot_of_index = |idx: usize| (idx.checked_sub(start)?).checked_mul(slots).map(|v| v / n.max(1)).filter(|k| *k < slots);
        let mut ticks: Vec<Tick> = Vec::new();
        for a in &chart.annotations {
            let (slot, x) = match a.kind {
                AnnotationKind::Point { series, index } if series == i && index >= start && index < end => (slot_of_index(index), s.x.get(index).copied()),
                AnnotationKind::Line { x } if x >= range.0 && x <= range.1 => {
                    let idx = s.x.partition_point(|v| *v < x).min(end.saturating_sub(1)).max(start);
                    (slot_of_index(idx), Some(x))
                }
                _ => (None, None),
            };
            if let (Some(k), Some(x)) = (slot, x) {
                // Kept in time order by inserting in place (annotations are few; a sort
                // would add a monomorphised sort to the wasm).
                let tick = Tick { t: part_start + k as f64 * slot_len, pan: pan_of(x) };
                let at = ticks.partition_point(|o| o.t <= tick.t);
                ticks.insert(at, tick);
            }
        }
        let part_end = part_start + duration;
        let g = s.granularity;
        let (Some(x0), Some(x1)) = (xs.first(), xs.last()) else { continue };
        let first = crate::model::present(ys).next().unwrap_or(lo);
        let last = crate::model::present(ys).last().unwrap_or(hi);
        let decimals = s.decimals.unwrap_or(1);
        let label = format!(
            "{}, {} to {}, from {} to {}",
            s.name,
            format_date(*x0, g, chart.locale),
            format_date(*x1, g, chart.locale),
            format_value(first, decimals, &s.unit, chart.locale),
            format_value(last, decimals, &s.unit, chart.locale)
        );
        parts.push(Part { series: i, announce_at: clock, label, start: part_start, end: part_end, notes, ticks });
        clock = part_end;
    }
    Schedule { parts, duration: clock, tick_hz: TICK_HZ, tick_seconds: TICK_SECONDS }
}

json_object!(Note { t, dur, freq, pan, joined });

json_object!(Tick { t, pan });

json_object!(Part { series, announce_at, label, start, end, notes, ticks });

json_object!(Schedule { parts, duration, tick_hz, tick_seconds });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::spec::parse_spec;

    fn chart(extra: &str) -> Chart {
        parse_spec(&format!(
            r#"{{"series": [
                {{"name": "Rising", "unit": "Mt", "data": [["2016", 1], ["2017", 2], ["2018", 3], ["2019", 5], ["2020", 8], ["2021", 13]]}},
                {{"name": "Gappy", "unit": "Mt", "data": [["2016", 4], ["2017", 5], ["2018", null], ["2019", null], ["2020", 6], ["2021", 2]]}}
            ]{extra}}}"#
        ))
        .unwrap()
    }

    fn full(c: &Chart) -> (f64, f64) {
        c.x_extent().unwrap()
    }

    #[test]
    fn a_rising_series_rises_in_pitch_within_the_range_left_to_right() {
        let c = chart("");
        let s = schedule(&c, &[true, false], full(&c), &SoundOptions::default());
        assert_eq!(s.parts.len(), 1);
        let notes = &s.parts[0].notes;
        assert_eq!(notes.len(), 6);
        assert!(notes.windows(2).all(|w| w[1].freq > w[0].freq && w[1].t > w[0].t && w[1].pan > w[0].pan));
        assert!((notes[0].freq - 220.0).abs() < 1e-9 && (notes[5].freq - 880.0).abs() < 1e-9);
        assert_eq!((notes[0].pan, notes[5].pan), (-1.0, 1.0));
        assert!(notes.iter().skip(1).all(|n| n.joined) && !notes[0].joined);
        assert!(s.parts[0].label.starts_with("Rising, 2016 to 2021, from 1"), "{}", s.parts[0].label);
    }

    #[test]
    fn pitch_is_logarithmic_in_frequency() {
        // Equal value steps are equal musical intervals: 1→2→3 spans ratios, not hertz.
        let c = parse_spec(r#"{"series": [{"name": "A", "data": [["2016", 0], ["2017", 1], ["2018", 2]]}]}"#).unwrap();
        let s = schedule(&c, &[true], full(&c), &SoundOptions::default());
        let f: Vec<f64> = s.parts[0].notes.iter().map(|n| n.freq).collect();
        assert!((f[1] / f[0] - f[2] / f[1]).abs() < 1e-9);
        assert!((f[1] - 440.0).abs() < 1e-9);
    }

    #[test]
    fn a_gap_is_silence() {
        let c = chart("");
        let s = schedule(&c, &[false, true], full(&c), &SoundOptions::default());
        let part = &s.parts[0];
        assert_eq!(part.notes.len(), 4);
        let slot = (part.end - part.start) / 6.0;
        let (gap_from, gap_to) = (part.start + 2.0 * slot, part.start + 4.0 * slot);
        assert!(part.notes.iter().all(|n| n.t + n.dur <= gap_from + 1e-9 || n.t >= gap_to - 1e-9));
        // The note after the gap starts a new tone.
        assert!(!part.notes[2].joined && part.notes[3].joined);
    }

    #[test]
    fn each_annotated_point_gets_a_tick_at_its_time() {
        let c = chart(r#", "annotations": [
            {"type": "point", "series": "Rising", "x": "2019", "label": "a"},
            {"type": "point", "series": "Rising", "x": "2021", "label": "b"},
            {"type": "point", "series": "Gappy", "x": "2016", "label": "c"},
            {"type": "line", "x": "2017", "label": "event"}]"#);
        let s = schedule(&c, &[true, true], full(&c), &SoundOptions::default());
        let rising = &s.parts[0];
        let at = |k: usize| rising.notes[k].t;
        let ticks: Vec<f64> = rising.ticks.iter().map(|t| t.t).collect();
        assert_eq!(ticks, vec![at(1), at(3), at(5)]);
        assert_eq!(s.parts[1].ticks.len(), 2);
        assert_eq!(s.parts[1].ticks[0].t, s.parts[1].notes[0].t);
    }

    #[test]
    fn series_play_one_after_another_within_a_few_seconds() {
        let c = chart("");
        let s = schedule(&c, &[true, true], full(&c), &SoundOptions::default());
        assert_eq!(s.parts.len(), 2);
        assert!(s.parts[1].announce_at >= s.parts[0].end);
        assert!(s.parts[1].start > s.parts[1].announce_at);
        assert_eq!(s.duration, s.parts[1].end);
        assert!(s.duration < 10.0);
        assert_eq!(default_duration(8), 2.4);
        assert_eq!(default_duration(166_650), 4.0);
        assert_eq!(default_duration(1), 1.5);
    }

    #[test]
    fn long_series_are_averaged_into_a_bounded_number_of_notes() {
        let n = 100_000;
        let data: Vec<String> = (0..n).map(|i| format!("[{}, {}]", 1_600_000_000_000i64 + i * 60_000, i % 1000)).collect();
        let c = parse_spec(&format!(r#"{{"series": [{{"name": "Price", "data": [{}]}}]}}"#, data.join(","))).unwrap();
        let s = schedule(&c, &[true], full(&c), &SoundOptions::default());
        assert_eq!(s.parts[0].notes.len(), MAX_NOTES);
        assert!(s.parts[0].notes.iter().all(|n| n.freq >= 220.0 && n.freq <= 880.0));
        assert_eq!(s.parts[0].end - s.parts[0].start, 4.0);
    }

    #[test]
    fn only_the_visible_range_plays() {
        let c = chart("");
        let (a, b) = full(&c);
        let s = schedule(&c, &[true, false], (a + (b - a) * 0.5, b), &SoundOptions::default());
        assert_eq!(s.parts[0].notes.len(), 3);
        let empty = schedule(&c, &[true, true], (b + 1.0, b + 2.0), &SoundOptions::default());
        assert!(empty.parts.is_empty() && empty.duration == 0.0);
    }

    #[test]
    fn options_are_kept_sane() {
        let o = SoundOptions::from_numbers(f64::NAN, f64::NAN, f64::NAN);
        assert_eq!(o, SoundOptions::default());
        let o = SoundOptions::from_numbers(1000.0, 900.0, 100.0);
        assert_eq!(o.duration, Some(60.0));
        assert_eq!((o.low_hz, o.high_hz), (220.0, 880.0));
        assert_eq!(SoundOptions::from_numbers(2.0, 300.0, 600.0).high_hz, 600.0);
    }
    #[test]
    fn the_harness_reads_the_schedule_as_json_with_these_keys() {
        use crate::to_json::ToJson;
        let s = schedule(&chart(""), &[true, true], (f64::NEG_INFINITY, f64::INFINITY), &SoundOptions::from_numbers(f64::NAN, f64::NAN, f64::NAN));
        let json: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
        // serde_json lists keys sorted.
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["duration", "parts", "tick_hz", "tick_seconds"]);
        let part: Vec<&String> = json["parts"][0].as_object().unwrap().keys().collect();
        assert_eq!(part, ["announce_at", "end", "label", "notes", "series", "start", "ticks"]);
        let note: Vec<&String> = json["parts"][0]["notes"][0].as_object().unwrap().keys().collect();
        assert_eq!(note, ["dur", "freq", "joined", "pan", "t"]);
        assert_eq!(json["parts"][1]["series"], 1);
        assert_eq!(json["parts"][0]["notes"].as_array().unwrap().len(), s.parts[0].notes.len());
        assert_eq!(json["parts"][0]["notes"][2]["freq"].as_f64(), Some(s.parts[0].notes[2].freq));
    }
}
