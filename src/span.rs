//! [`Span`]: a byte range in a report's text. Its own module, so that the report model and the
//! quantities found in its prose both use it without importing each other.

/// A byte range `[start, end)` in the folded text of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}
