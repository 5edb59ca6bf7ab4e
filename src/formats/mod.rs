//! File formats that other programs read or write: vCard and CSV client lists in, iCalendar
//! and hledger journals out. Pure text in, values out (and back): no ledger access here.

pub mod bounded;
pub mod clients_csv;
pub mod hledger;
pub mod ics;
pub mod vcard;
