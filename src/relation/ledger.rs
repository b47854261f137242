//! The ledger of relations judged: every relation a numeric rule checked on a report, whether it
//! held, and (when asked for with `--explain-numbers`) the arithmetic. A reviewer trusts "37
//! relations checked, 1 inconsistent" more than silence.
//!
//! Rules run one report at a time on one thread, so the ledger is kept per thread: the engine
//! opens it before a report's rules run and closes it after, taking what was written.

use std::cell::RefCell;

use crate::report::Span;

/// One relation judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    pub rule: String,
    /// The stated figure the relation was judged at.
    pub span: Span,
    pub held: bool,
    /// The numbers used and what they give, e.g. `2036/2093 = 97.28%`.
    pub arithmetic: String,
    /// Line and character column of `span`, for people (filled in by the engine).
    pub line: usize,
    pub column: usize,
}

/// What a report's relations came to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub checked: usize,
    pub held: usize,
    /// Each relation, only when details were asked for.
    pub details: Vec<Judged>,
}

thread_local! {
    static OPEN: RefCell<Option<(Tally, bool)>> = const { RefCell::new(None) };
}

/// Start a report's ledger; with `details`, every relation's arithmetic is kept.
pub fn open(details: bool) {
    OPEN.with(|o| *o.borrow_mut() = Some((Tally::default(), details)));
}

/// Close the ledger and return it (empty if none was open).
pub fn close() -> Tally {
    OPEN.with(|o| o.borrow_mut().take().map(|(t, _)| t).unwrap_or_default())
}

/// Record one relation judged by `rule` at `span`; `arithmetic` is only evaluated when details
/// are kept.
pub fn record(rule: &str, span: Span, held: bool, arithmetic: impl FnOnce() -> String) {
    OPEN.with(|o| {
        if let Some((tally, details)) = o.borrow_mut().as_mut() {
            tally.checked += 1;
            tally.held += usize::from(held);
            if *details {
                tally.details.push(Judged {
                    rule: rule.to_string(),
                    span,
                    held,
                    arithmetic: arithmetic(),
                    line: 0,
                    column: 0,
                });
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_only_while_open() {
        record("r", Span::new(0, 1), true, || unreachable!("no ledger is open"));
        open(true);
        record("r", Span::new(0, 1), true, || "1/1 = 100%".into());
        record("r", Span::new(2, 3), false, || "1/2 = 50%".into());
        let t = close();
        assert_eq!((t.checked, t.held, t.details.len()), (2, 1, 2));
        assert_eq!(close(), Tally::default());
    }
}
