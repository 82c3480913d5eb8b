//! A decrypted envelope: anyone holding a desk's public key can seal any ZIP to it, so the
//! ZIP reader, the metadata parser and the extraction are fed arbitrary bytes.
#![no_main]

use std::io::{Seek, Write};

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut plain = tempfile::tempfile().unwrap();
    plain.write_all(data).unwrap();
    plain.rewind().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let staging = dir.path().join("message");
    if let Ok(meta) = amana::review::extract_envelope(plain, &staging) {
        // What was accepted is what the metadata describes, inside the staging folder.
        assert!(staging.join("message.txt").is_file());
        assert!(meta.attachments.is_empty() || staging.join("attachments").is_dir());
    }
});
