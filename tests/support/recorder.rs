//! A `DrawingBackend` that draws nothing and records every call, so tests can assert rules
//! about what the renderer draws (where lines go, how many rectangles, which texts) instead
//! of comparing whole pictures. Coordinates are device pixels, as the renderer emits them.
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// One recorded drawing call.
#[derive(Clone, Debug, PartialEq)]
pub enum Call {
    /// A straight segment.
    Line { from: BackendCoord, to: BackendCoord, rgb: (u8, u8, u8), width: u32 },
    /// A rectangle, filled or outlined.
    Rect { a: BackendCoord, b: BackendCoord, rgb: (u8, u8, u8), fill: bool },
    /// A stroked polyline.
    Path { points: Vec<BackendCoord>, rgb: (u8, u8, u8), width: u32 },
    /// A filled polygon.
    Polygon { points: Vec<BackendCoord>, rgb: (u8, u8, u8) },
    /// A circle.
    Circle { center: BackendCoord, radius: u32, rgb: (u8, u8, u8), fill: bool },
    /// A text run at its anchor.
    Text { text: String, at: BackendCoord, size: f64 },
    /// A single pixel.
    Pixel { at: BackendCoord },
}

/// Records calls; its size is the canvas size in device pixels. The calls are shared
/// with [`Recorder::calls`], so they can be read after plotters has taken the backend
/// into a `DrawingArea`.
pub struct Recorder {
    pub size: (u32, u32),
    calls: Rc<RefCell<Vec<Call>>>,
}

/// The calls a [`Recorder`] saw, readable after the drawing area is gone.
#[derive(Clone, Default)]
pub struct Calls(Rc<RefCell<Vec<Call>>>);

impl Calls {
    pub fn take(&self) -> Vec<Call> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

impl Recorder {
    /// A recorder of `width` × `height` device pixels and the handle to read its calls.
    pub fn new(width: u32, height: u32) -> (Self, Calls) {
        let calls = Calls::default();
        (Recorder { size: (width, height), calls: calls.0.clone() }, calls)
    }

    fn push(&mut self, call: Call) {
        self.calls.borrow_mut().push(call);
    }
}

/// Queries over recorded calls.
pub trait CallsExt {
    fn paths_in(&self, rgb: (u8, u8, u8)) -> Vec<&[BackendCoord]>;
    fn filled_rects_in(&self, rgb: (u8, u8, u8)) -> Vec<(BackendCoord, BackendCoord)>;
    fn texts(&self) -> Vec<&str>;
}

impl CallsExt for [Call] {

    /// Every stroked polyline drawn in `rgb`.
    fn paths_in(&self, rgb: (u8, u8, u8)) -> Vec<&[BackendCoord]> {
        self.iter()
            .filter_map(|c| match c {
                Call::Path { points, rgb: c, .. } if *c == rgb => Some(points.as_slice()),
                _ => None,
            })
            .collect()
    }

    /// Every filled rectangle drawn in `rgb`.
    fn filled_rects_in(&self, rgb: (u8, u8, u8)) -> Vec<(BackendCoord, BackendCoord)> {
        self.iter()
            .filter_map(|c| match c {
                Call::Rect { a, b, rgb: c, fill: true } if *c == rgb => Some((*a, *b)),
                _ => None,
            })
            .collect()
    }

    /// Every text drawn, in order.
    fn texts(&self) -> Vec<&str> {
        self.iter()
            .filter_map(|c| match c {
                Call::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

fn rgb(c: BackendColor) -> (u8, u8, u8) {
    c.rgb
}

/// The recorder never fails.
#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}

impl std::error::Error for Never {}

type Res = Result<(), DrawingErrorKind<Never>>;

impl DrawingBackend for Recorder {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }

    fn present(&mut self) -> Res {
        Ok(())
    }

    fn draw_pixel(&mut self, at: BackendCoord, _color: BackendColor) -> Res {
        self.push(Call::Pixel { at });
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Res {
        self.push(Call::Line { from, to, rgb: rgb(style.color()), width: style.stroke_width() });
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, style: &S, fill: bool) -> Res {
        self.push(Call::Rect { a, b, rgb: rgb(style.color()), fill });
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Res {
        self.push(Call::Path { points: path.into_iter().collect(), rgb: rgb(style.color()), width: style.stroke_width() });
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Res {
        self.push(Call::Circle { center, radius, rgb: rgb(style.color()), fill });
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Res {
        self.push(Call::Polygon { points: vert.into_iter().collect(), rgb: rgb(style.color()) });
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, at: BackendCoord) -> Res {
        self.push(Call::Text { text: text.to_string(), at, size: style.size() });
        Ok(())
    }
}
