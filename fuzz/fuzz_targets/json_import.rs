//! `export::read_document` (the JSON import's streaming reader) on arbitrary bytes, with
//! every client and entry checked as `import` checks them before storing: must return Ok or
//! Err, never panic, and never hand over a record after the first error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relaties::export::{self, ClientDoc, DocumentSink, EntryDoc};
use relaties::model::ClientRef;

#[derive(Default)]
struct Check {
    records: u64,
}

impl DocumentSink for Check {
    fn client(&mut self, record: u64, doc: ClientDoc) -> anyhow::Result<()> {
        assert_eq!(record, self.records + 1, "records are numbered in order");
        self.records = record;
        doc.to_client().check().map_err(anyhow::Error::msg)?;
        export::check_recorded(&doc.recorded_at)?;
        Ok(())
    }

    fn entry(&mut self, record: u64, doc: EntryDoc) -> anyhow::Result<()> {
        assert_eq!(record, self.records + 1, "records are numbered in order");
        self.records = record;
        let e = doc.to_entry(ClientRef {
            id: doc.client_id,
            name: String::new(),
        })?;
        assert_eq!(e.id, doc.id);
        export::check_recorded(&doc.recorded_at)?;
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = export::read_document(data, "fuzz input", &mut Check::default());
});
