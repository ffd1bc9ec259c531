//! The pure core through its public API: ticks, locale formatting, derived values
//! (year-on-year, indexed) and layout of the demo charts at several widths.
#![cfg(not(target_arch = "wasm32"))] // native tests; wasm-pack builds every test target

use trade_chart::{ms_from_civil, year_start, Civil, Granularity};
use trade_chart::{decimals_for_step, format_change, format_date, format_number, format_value, Locale, Unit};
use trade_chart::{bar_offset, layout, Layout, LayoutOptions, Rect, TextItem};
use trade_chart::{AnnotationKind, Chart, SeriesKind};
use trade_chart::parse_spec;
use trade_chart::{ApproxMeasure, TextMeasure};
use trade_chart::Theme;
use trade_chart::{choose_time_ticks, log_ticks, number_ticks, time_ticks, NumberTicks, TimeStep, TimeTick, TimeUnit};

fn loc(tag: &str) -> &'static Locale {
    Locale::from_tag(tag).unwrap_or_else(|| panic!("locale {tag}"))
}

const DEMO: &[&str] = &[
    "china-russia-trade",
    "russian-crude",
    "trade-vs-crude-dual-axis",
    "trade-vs-crude-indexed",
    "trade-vs-crude-panels",
];

fn demo(name: &str) -> Chart {
    let path = format!("{}/www/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_spec(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// ---------------------------------------------------------------- number ticks

/// The mantissa of a nice step: step = m × 10^k with m in {1, 2, 2.5, 5}.
fn is_nice(step: f64) -> bool {
    let k = step.log10().floor();
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().any(|m| {
        let nice = m * 10f64.powf(k);
        (step - nice).abs() <= nice * 1e-9
    })
}

fn check_number_ticks(t: &NumberTicks, lo: f64, hi: f64, max_count: usize) {
    let ctx = format!("range {lo}..{hi} max {max_count}: {t:?}");
    assert!(t.values.len() >= 2, "{ctx}");
    assert!(t.values.len() <= max_count, "{ctx}");
    assert!(t.values.windows(2).all(|w| w[0] < w[1]), "not strictly increasing: {ctx}");
    assert!(t.values.iter().all(|v| *v >= t.domain.0 && *v <= t.domain.1), "tick outside domain: {ctx}");
    assert!(t.domain.0 <= lo && t.domain.1 >= hi, "domain does not contain the data: {ctx}");
    assert!(t.step > 0.0 && is_nice(t.step), "step not nice: {ctx}");
    for v in &t.values {
        let k = v / t.step;
        assert!((k - k.round()).abs() < 1e-6, "{v} is not a multiple of {}: {ctx}", t.step);
        assert!(!(*v == 0.0 && v.is_sign_negative()), "-0 tick: {ctx}");
    }
}

#[test]
fn nice_steps_over_many_ranges() {
    let ranges: &[(f64, f64)] = &[
        (0.0, 1.0),
        (0.0, 240.1),
        (69.52, 240.1),
        (52.48, 107.02),
        (0.0, 345.37),
        (75.5, 345.4),
        (-3.2, 7.9),
        (-0.3, 0.1),
        (-250.0, -12.0),
        (0.001, 0.0097),
        (1.0, 1.5),
        (99.0, 101.0),
        (1e6, 1e6 + 3.0),
        (0.0, 1e9),
        (12_345.0, 98_765.0),
        (-1e-6, 4e-6),
        (3.0, 3.0001),
        (0.0, 7.0),
        (17.0, 83.0),
        (-47.0, 113.0),
        (2.2e12, 3.1e12),
        (0.0, 0.7),
        (1999.0, 2024.0),
    ];
    for &(lo, hi) in ranges {
        for max_count in 3..=12 {
            for include_zero in [false, true] {
                let t = number_ticks(lo, hi, max_count, include_zero);
                let (a, b) = if include_zero { (lo.min(0.0), hi.max(0.0)) } else { (lo, hi) };
                check_number_ticks(&t, a, b, max_count);
            }
        }
    }
    // A deterministic pseudo-random sweep on top of the hand-picked list.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as f64 / (1u64 << 31) as f64
    };
    for _ in 0..2000 {
        let scale = 10f64.powi((next() * 16.0) as i32 - 8);
        let a = (next() - 0.5) * 200.0 * scale;
        let b = a + next() * 100.0 * scale + scale * 1e-3;
        let n = 3 + (next() * 10.0) as usize;
        let t = number_ticks(a, b, n, false);
        check_number_ticks(&t, a, b, n);
    }
}

#[test]
fn number_ticks_for_trade_values() {
    let t = number_ticks(0.0, 240.1, 6, true);
    assert_eq!(t.values, vec![0.0, 50.0, 100.0, 150.0, 200.0, 250.0]);
    assert_eq!(t.step, 50.0);
    let t = number_ticks(0.0, 1.0, 5, false);
    assert_eq!(t.values, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    assert_eq!(decimals_for_step(t.step), 2);
    let t = number_ticks(0.0, 0.3, 4, false);
    assert_eq!(t.values, vec![0.0, 0.1, 0.2, 0.3], "no 0.30000000000000004");
}

#[test]
fn one_point_and_all_equal_values() {
    let t = number_ticks(240.1, 240.1, 6, false);
    check_number_ticks(&t, 240.1, 240.1, 6);
    assert_eq!(t.domain.0, 0.0, "a single value sits mid-axis above zero");
    assert!(t.domain.1 >= 480.2);
    let t = number_ticks(5.0, 5.0, 6, false);
    assert_eq!(t.domain, (0.0, 10.0));
    let t = number_ticks(0.0, 0.0, 5, false);
    assert_eq!(t.domain, (0.0, 1.0));
    check_number_ticks(&t, 0.0, 0.0, 5);
    let t = number_ticks(-3.0, -3.0, 5, false);
    check_number_ticks(&t, -3.0, -3.0, 5);
    assert_eq!(t.domain.1, 0.0);
    // One time point: a single tick labelled for its granularity.
    let at = ms_from_civil(2023, 6, 1);
    let one = choose_time_ticks(at, at, Granularity::Month, loc("en-GB"), |_| true);
    assert_eq!(one, vec![TimeTick { value: at, label: "Jun 2023".into(), major: true }]);
    let one = choose_time_ticks(year_start(2023), year_start(2023), Granularity::Year, loc("en-US"), |_| false);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].label, "2023");
}

#[test]
fn negative_values() {
    let t = number_ticks(-5.0, -1.0, 5, false);
    assert_eq!(t.values, vec![-5.0, -4.0, -3.0, -2.0, -1.0]);
    let t = number_ticks(-5.0, -1.0, 5, true);
    check_number_ticks(&t, -5.0, 0.0, 5);
    assert_eq!(t.domain.1, 0.0);
    let t = number_ticks(-12.5, 30.0, 6, false);
    check_number_ticks(&t, -12.5, 30.0, 6);
    assert!(t.values.contains(&0.0), "a range across zero has a zero tick: {t:?}");
    // Reversed bounds are the same range.
    assert_eq!(number_ticks(-1.0, -5.0, 5, false), number_ticks(-5.0, -1.0, 5, false));
}

#[test]
fn log_ticks_are_powers_and_inside_domain() {
    let t = log_ticks(52.48, 240.1, 8);
    assert_eq!(t.domain, (10.0, 1000.0));
    assert!(t.values.windows(2).all(|w| w[0] < w[1]));
    assert!(t.values.iter().all(|v| *v >= t.domain.0 && *v <= t.domain.1));
    let t = log_ticks(3.0, 700.0, 4);
    assert_eq!(t.values, vec![1.0, 10.0, 100.0, 1000.0]);
}

// ---------------------------------------------------------------- time ticks

fn assert_january_first(ticks: &[TimeTick], ctx: &str) {
    assert!(!ticks.is_empty(), "no ticks: {ctx}");
    for t in ticks {
        let c = Civil::from_ms(t.value);
        assert_eq!((c.month, c.day, c.hour, c.minute), (1, 1, 0, 0), "tick {t:?} not on 1 January: {ctx}");
        // Tight annual axes abbreviate all but the first year ("2016 17 18").
        let full = c.year.to_string();
        let short = format!("{:02}", c.year % 100);
        assert!(t.label == full || (t.label == short && ticks.first().map(|f| f.value) != Some(t.value)), "label {:?} for {full}: {ctx}", t.label);
    }
    assert!(ticks.windows(2).all(|w| w[0].value < w[1].value), "{ctx}");
}

#[test]
fn century_of_annual_data() {
    let (lo, hi) = (year_start(1924), year_start(2023));
    for limit in 2..=12 {
        let ticks = choose_time_ticks(lo, hi, Granularity::Year, loc("en-US"), |t| t.len() <= limit);
        assert!(ticks.len() <= limit, "{limit}: {ticks:?}");
        assert_january_first(&ticks, &format!("limit {limit}"));
        // Evenly spaced years.
        let years: Vec<i64> = ticks.iter().map(|t| Civil::from_ms(t.value).year).collect();
        let gaps: Vec<i64> = years.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.windows(2).all(|g| g[0] == g[1]), "{years:?}");
        assert!(years.iter().all(|y| y % gaps.first().copied().unwrap_or(1) == 0), "aligned: {years:?}");
    }
    let ticks = choose_time_ticks(lo, hi, Granularity::Year, loc("en-US"), |t| t.len() <= 10);
    let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["1930", "1940", "1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"]);
}

#[test]
fn annual_data_never_gets_non_january_ticks() {
    for start in [1990, 2016, 2020, 2022] {
        for span in [1, 2, 3, 7, 8, 15, 33] {
            let (lo, hi) = (year_start(start), year_start(start + span));
            for limit in 1..=14 {
                for tag in ["en-US", "en-GB", "de-DE", "fr-FR"] {
                    let ticks = choose_time_ticks(lo, hi, Granularity::Year, loc(tag), |t| t.len() <= limit);
                    assert_january_first(&ticks, &format!("{start}+{span} limit {limit} {tag}"));
                }
            }
            // Padding of half a year either side (bars) still gives January ticks only.
            let half = 182.5 * 86_400_000.0;
            let ticks = choose_time_ticks(lo - half, hi + half, Granularity::Year, loc("en-GB"), |t| t.len() <= 9);
            assert_january_first(&ticks, &format!("padded {start}+{span}"));
        }
    }
}

#[test]
fn three_days_of_daily_data() {
    let (lo, hi) = (ms_from_civil(2024, 5, 15), ms_from_civil(2024, 5, 17));
    let ticks = choose_time_ticks(lo, hi, Granularity::Day, loc("en-GB"), |_| true);
    let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["15 May", "16 May", "17 May"]);
    let ticks = choose_time_ticks(lo, hi, Granularity::Day, loc("en-US"), |_| true);
    let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["May 15", "May 16", "May 17"]);
    let ticks = choose_time_ticks(lo, hi, Granularity::Day, loc("de-DE"), |_| true);
    assert_eq!(ticks[1].label, "16. Mai");
    for t in &ticks {
        let c = Civil::from_ms(t.value);
        assert_eq!((c.hour, c.minute), (0, 0), "daily ticks at midnight");
    }
    // Too little room: every second day.
    let ticks = choose_time_ticks(lo, hi, Granularity::Day, loc("en-GB"), |t| t.len() <= 2);
    assert!(ticks.len() <= 2 && !ticks.is_empty(), "{ticks:?}");
}

#[test]
fn monthly_and_quarterly_ticks() {
    let lo = ms_from_civil(2022, 7, 1);
    let hi = ms_from_civil(2023, 7, 1);
    let q = time_ticks(lo, hi, TimeStep { unit: TimeUnit::Quarter, count: 1 }, loc("fr-FR"));
    let labels: Vec<&str> = q.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["T3 2022", "T4", "T1 2023", "T2", "T3"]);
    let m = time_ticks(lo, hi, TimeStep { unit: TimeUnit::Month, count: 6 }, loc("en-GB"));
    let labels: Vec<&str> = m.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["Jul 2022", "Jan 2023", "Jul"]);
}

// ---------------------------------------------------------------- formatting

#[test]
fn values_with_units_per_locale() {
    let usd_bn = Unit::new("$", "bn");
    let mt = Unit::new("", " Mt");
    let mbd = Unit::new("", "m b/d");
    let cases: &[(&str, &str, &str, &str)] = &[
        // locale, $240.1bn, 107 Mt, 1.2m b/d
        ("en-US", "$240.1bn", "107 Mt", "1.2m b/d"),
        ("en-GB", "$240.1bn", "107 Mt", "1.2m b/d"),
        ("de-DE", "$240,1bn", "107 Mt", "1,2m b/d"),
        ("fr-FR", "$240,1bn", "107 Mt", "1,2m b/d"),
    ];
    for &(tag, trade, crude, oil) in cases {
        let l = loc(tag);
        assert_eq!(format_value(240.1, 1, &usd_bn, l), trade, "{tag}");
        assert_eq!(format_value(107.02, 0, &mt, l), crude, "{tag}");
        assert_eq!(format_value(1.2, 1, &mbd, l), oil, "{tag}");
    }
    // Grouping and the minus sign.
    assert_eq!(format_value(1234.5, 1, &usd_bn, loc("en-US")), "$1,234.5bn");
    assert_eq!(format_value(1234.5, 1, &usd_bn, loc("de-DE")), "$1.234,5bn");
    assert_eq!(format_value(1234.5, 1, &usd_bn, loc("fr-FR")), "$1\u{202f}234,5bn");
    assert_eq!(format_value(-3.25, 1, &usd_bn, loc("en-GB")), "\u{2212}$3.3bn");
    assert_eq!(format_number(-0.04, 1, loc("de-DE")), "0,0");
}

#[test]
fn changes_per_locale() {
    assert_eq!(format_change(26.19, 0, loc("en-US")), "+26%");
    assert_eq!(format_change(26.19, 0, loc("en-GB")), "+26%");
    assert_eq!(format_change(26.19, 0, loc("de-DE")), "+26\u{a0}%");
    assert_eq!(format_change(26.19, 0, loc("fr-FR")), "+26\u{202f}%");
    assert_eq!(format_change(26.19, 1, loc("de-DE")), "+26,2\u{a0}%");
    assert_eq!(format_change(-7.66, 1, loc("en-GB")), "\u{2212}7.7%");
    assert_eq!(format_change(0.01, 0, loc("en-GB")), "0%");
}

#[test]
fn dates_per_locale() {
    let y = year_start(2023);
    let jun = ms_from_civil(2023, 6, 1);
    let may16 = ms_from_civil(2024, 5, 16);
    for tag in ["en-US", "en-GB", "de-DE", "fr-FR"] {
        assert_eq!(format_date(y, Granularity::Year, loc(tag)), "2023", "{tag}");
    }
    assert_eq!(format_date(jun, Granularity::Month, loc("en-US")), "Jun 2023");
    assert_eq!(format_date(jun, Granularity::Month, loc("en-GB")), "Jun 2023");
    assert_eq!(format_date(jun, Granularity::Month, loc("de-DE")), "Jun 2023");
    assert_eq!(format_date(jun, Granularity::Month, loc("fr-FR")), "juin 2023");
    assert_eq!(format_date(may16, Granularity::Day, loc("en-GB")), "16 May 2024");
    assert_eq!(format_date(may16, Granularity::Day, loc("en-US")), "May 16, 2024");
    assert_eq!(format_date(may16, Granularity::Day, loc("de-DE")), "16. Mai 2024");
    assert_eq!(format_date(may16, Granularity::Day, loc("fr-FR")), "16 mai 2024");
    assert_eq!(format_date(ms_from_civil(2023, 4, 1), Granularity::Quarter, loc("en-GB")), "Q2 2023");
}

// ---------------------------------------------------------------- derived values

fn index_of_year(chart: &Chart, series: usize, year: i64) -> usize {
    chart.series[series].index_of(year_start(year)).unwrap_or_else(|| panic!("no {year}"))
}

#[test]
fn year_on_year_from_demo_data() {
    let trade = demo("china-russia-trade");
    let i = index_of_year(&trade, 0, 2023);
    let yoy = trade.series[0].yoy_percent(i).expect("2023 has a 2022 to compare with");
    assert!((yoy - 26.189_099).abs() < 1e-4, "{yoy}");
    assert_eq!(format_change(yoy, 1, trade.locale), "+26.2%");
    assert_eq!(format_change(yoy, 0, trade.locale), "+26%");
    assert_eq!(trade.series[0].yoy_percent(0), None, "2016 has no 2015");

    let crude = demo("russian-crude");
    let i = index_of_year(&crude, 0, 2023);
    let yoy = crude.series[0].yoy_percent(i).expect("yoy");
    assert_eq!(format_change(yoy, 1, crude.locale), "+24.1%");
    // 2021 fell from 2020.
    let i = index_of_year(&crude, 0, 2021);
    assert_eq!(format_change(crude.series[0].yoy_percent(i).expect("yoy"), 1, crude.locale), "\u{2212}4.7%");
}

#[test]
fn indexed_from_demo_data() {
    let chart = demo("trade-vs-crude-indexed");
    let (base_x, trade) = chart.series[0].indexed_from(year_start(2016)).expect("indexed");
    assert_eq!(base_x, year_start(2016));
    assert_eq!(trade[0], 100.0);
    let last = trade[index_of_year(&chart, 0, 2023)];
    assert!(!last.is_nan(), "2023");
    assert!((last - 345.368).abs() < 0.01, "{last}");
    assert_eq!(format_number(last, 1, chart.locale), "345.4");
    let (_, crude) = chart.series[1].indexed_from(year_start(2016)).expect("indexed");
    let last = crude[index_of_year(&chart, 1, 2023)];
    assert!(!last.is_nan(), "2023");
    assert_eq!(format_number(last, 1, chart.locale), "203.9");
    // The base may fall between points: the next value is the base.
    let (base_x, _) = chart.series[0].indexed_from(ms_from_civil(2019, 6, 1)).expect("indexed");
    assert_eq!(base_x, year_start(2020));
}

// ---------------------------------------------------------------- layout

const WIDTHS: [f64; 4] = [320.0, 480.0, 640.0, 1200.0];

fn laid(chart: &Chart, width: f64) -> Layout {
    let opts = LayoutOptions { width, height: None, theme: Theme::light(), x_range: None, visible: Vec::new() };
    layout(chart, &opts, &ApproxMeasure)
}

fn bounds(t: &TextItem) -> Rect {
    t.bounds(ApproxMeasure.width(&t.text, t.font))
}

#[test]
fn demo_texts_do_not_overlap() {
    let mut failures = Vec::new();
    for name in DEMO {
        let chart = demo(name);
        for width in WIDTHS {
            let l = laid(&chart, width);
            for (i, a) in l.texts.iter().enumerate() {
                for b in l.texts.iter().skip(i + 1) {
                    if bounds(a).overlaps(&bounds(b)) {
                        failures.push(format!("{name} @{width}: {:?} {:?} overlaps {:?} {:?}", a.text, bounds(a), b.text, bounds(b)));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} overlaps:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn demo_texts_stay_inside_the_chart() {
    let mut failures = Vec::new();
    for name in DEMO {
        let chart = demo(name);
        for width in WIDTHS {
            let l = laid(&chart, width);
            assert_eq!(l.width, width);
            for t in &l.texts {
                let r = bounds(t);
                if r.x < 0.0 || r.right() > width || r.y < 0.0 || r.bottom() > l.height {
                    failures.push(format!("{name} @{width}x{}: {:?} at {r:?}", l.height, t.text));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} texts outside:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn demo_time_axes() {
    for name in DEMO {
        let chart = demo(name);
        assert_eq!(chart.finest_granularity(), Granularity::Year);
        for width in WIDTHS {
            let l = laid(&chart, width);
            let ctx = format!("{name} @{width}");
            assert!(l.x_ticks.len() >= 2, "{ctx}: {:?}", l.x_ticks);
            let ticks: Vec<TimeTick> = l.x_ticks.iter().map(|(t, _)| t.clone()).collect();
            assert_january_first(&ticks, &ctx);
            // Pixel positions follow the scale, and the labels do not touch.
            let font_px = if width < 520.0 { 12.0 } else { 13.0 };
            let mut last_right = f64::NEG_INFINITY;
            for (t, px) in &l.x_ticks {
                assert!((l.x.to_px(t.value) - px).abs() < 1e-9, "{ctx}");
                let w = ApproxMeasure.width(&t.label, trade_chart::Font::regular(font_px));
                assert!(px - w / 2.0 > last_right, "{ctx}: tick label {:?} overlaps the one before", t.label);
                last_right = px + w / 2.0;
            }
            // At 1200 px every year fits.
            if width >= 1200.0 {
                assert_eq!(l.x_ticks.len(), 8, "{ctx}");
            }
            let label_texts: Vec<&TextItem> = l.texts.iter().filter(|t| l.x_ticks.iter().any(|(k, _)| k.label == t.text)).collect();
            assert!(label_texts.len() >= l.x_ticks.len(), "{ctx}: tick labels missing from texts");
        }
    }
}

/// Bars of every bar series, computed from the layout's scales.
fn bar_rects(chart: &Chart, l: &Layout) -> Vec<(usize, usize, Rect)> {
    let mut out = Vec::new();
    for (si, s) in chart.series.iter().enumerate() {
        if s.kind != SeriesKind::Bar {
            continue;
        }
        let (panel, scale) = l.scale_of(si).expect("series has a panel");
        let base = panel.baseline.unwrap_or(panel.rect.bottom());
        for (k, (x, v)) in s.x.iter().zip(l.values(chart, si).expect("values").iter()).enumerate() {
            if v.is_nan() {
                continue;
            }
            let cx = l.x.to_px(*x) + bar_offset(chart, si, &l.visible, l.bar_width);
            let top = scale.to_px(*v);
            out.push((si, k, Rect { x: cx - l.bar_width / 2.0, y: top.min(base), w: l.bar_width, h: (top - base).abs() }));
        }
    }
    out
}

#[test]
fn record_label_does_not_cover_the_bars() {
    let chart = demo("china-russia-trade");
    let label = match &chart.annotations[0] {
        a @ trade_chart::Annotation { kind: AnnotationKind::Point { series: 0, index: 7 }, .. } => a.label.clone(),
        other => panic!("unexpected annotation {other:?}"),
    };
    assert_eq!(label, "Record: $240.1bn");
    for width in WIDTHS {
        let l = laid(&chart, width);
        let bars = bar_rects(&chart, &l);
        assert_eq!(bars.len(), 8);
        let label_items: Vec<&TextItem> = l.texts.iter().filter(|t| label.contains(t.text.as_str()) && t.text.len() > 3).collect();
        assert!(!label_items.is_empty(), "@{width}: label not placed; texts {:?}", l.texts.iter().map(|t| &t.text).collect::<Vec<_>>());
        for t in &label_items {
            let r = bounds(t);
            for (_, k, bar) in &bars {
                assert!(!r.overlaps(bar), "@{width}: label line {:?} {r:?} covers bar {k} {bar:?}", t.text);
            }
            let plot = l.plot_bounds();
            assert!(plot.contains_rect(&r), "@{width}: label {r:?} outside the plot {plot:?}");
        }
        // The bars stand on the zero line inside the plot.
        let plot = l.plot_bounds();
        for (_, k, bar) in &bars {
            assert!(plot.contains_rect(bar), "@{width}: bar {k} {bar:?} outside the plot {plot:?}");
        }
    }
}
