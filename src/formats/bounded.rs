//! A reader that lets an import read at most so many bytes for any one record, so that
//! endless or absurd input (`/dev/zero`, a line of 100 MB) stops with an error naming the
//! record long before memory runs out. The parser that reads through it says where each
//! record starts ([`Budget::start`]); the reader counts the bytes since then. Parsers read
//! through a buffer, so the count is as exact as the buffer is small: with a 64 KiB buffer a
//! record is stopped within 64 KiB of the limit.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

use crate::i18n::commands::CmdMsg;
use crate::i18n::t;

/// The most one record (a client or an entry of a JSON export, a CSV row, a vCard card) may
/// take in the file. Far more than any real record (the command line takes at most 128 KiB
/// per argument), far less than would strain memory.
pub const MAX_RECORD_BYTES: u64 = 4 << 20;

/// The count shared between the reader and the parser reading through it.
#[derive(Debug)]
pub struct Budget {
    cap: u64,
    used: Cell<u64>,
    record: Cell<u64>,
    tripped: Cell<bool>,
    /// What the text before record 1 is called ("the header row").
    head: String,
}

impl Budget {
    pub fn new(cap: u64, head: impl Into<String>) -> Rc<Budget> {
        Rc::new(Budget {
            cap,
            used: Cell::new(0),
            record: Cell::new(0),
            tripped: Cell::new(false),
            head: head.into(),
        })
    }

    /// Record `n` (1-based) starts here: its count starts from nothing.
    pub fn start(&self, n: u64) {
        self.record.set(n);
        self.used.set(0);
    }

    /// The record being read (0: the text before the first).
    pub fn record(&self) -> u64 {
        self.record.get()
    }

    /// Whether the reader stopped because a record was too large.
    pub fn tripped(&self) -> bool {
        self.tripped.get()
    }

    /// The error for a record that was too large, naming it.
    pub fn message(&self) -> String {
        let size = if self.cap >= 1 << 20 {
            format!("{} MiB", self.cap >> 20)
        } else {
            format!("{} bytes", self.cap)
        };
        match self.record.get() {
            0 => t(
                CmdMsg::HeadTooLarge,
                &[("head", &self.head), ("size", &size)],
            ),
            n => t(CmdMsg::RecordTooLarge, &[("n", &n), ("size", &size)]),
        }
    }
}

/// Reads through `inner`, failing once the current record passes its budget.
pub struct Bounded<R> {
    inner: R,
    budget: Rc<Budget>,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R, budget: Rc<Budget>) -> Bounded<R> {
        Bounded { inner, budget }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let b = &self.budget;
        let used = b.used.get();
        if used > b.cap {
            b.tripped.set(true);
            return Err(io::Error::other(b.message()));
        }
        // At the budget, one byte more tells the end of the input from a record too large.
        let room = usize::try_from(b.cap.saturating_sub(used).max(1)).unwrap_or(usize::MAX);
        let want = buf.len().min(room);
        let n = self.inner.read(&mut buf[..want])?;
        b.used.set(used + n as u64);
        if b.used.get() > b.cap {
            b.tripped.set(true);
            return Err(io::Error::other(b.message()));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_a_record_past_its_budget_and_names_it() {
        let budget = Budget::new(10, "the header");
        let mut r = Bounded::new(io::repeat(b'x'), budget.clone());
        let mut buf = [0u8; 4];
        // The head: 10 bytes pass, the 11th trips.
        for _ in 0..2 {
            assert_eq!(r.read(&mut buf).expect("within budget"), 4);
        }
        assert_eq!(r.read(&mut buf).expect("within budget"), 2);
        let e = r.read(&mut buf).expect_err("past the budget");
        assert!(budget.tripped());
        assert_eq!(
            e.to_string(),
            "the header is larger than 10 bytes; is this the right file?"
        );
        // Every record gets its own budget.
        let budget = Budget::new(8, "the header");
        let mut r = Bounded::new(io::repeat(b'x'), budget.clone());
        for n in 1..=3 {
            budget.start(n);
            let mut eight = [0u8; 8];
            r.read_exact(&mut eight).expect("one record's worth");
        }
        let e = r.read(&mut buf).expect_err("past the budget");
        assert_eq!(
            e.to_string(),
            "record 3 is larger than 8 bytes; is this the right file?"
        );
        assert_eq!(
            Budget::new(MAX_RECORD_BYTES, "x").message(),
            "x is larger than 4 MiB; is this the right file?"
        );
    }

    #[test]
    fn reads_a_short_input_to_its_end() {
        let budget = Budget::new(100, "the header");
        let mut s = String::new();
        Bounded::new(&b"abc"[..], budget.clone())
            .read_to_string(&mut s)
            .expect("reads");
        assert_eq!(s, "abc");
        assert!(!budget.tripped());
    }
}
