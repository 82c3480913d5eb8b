//! The manifest verifier. A fuzzer cannot forge the drop's signature, so the input is also
//! signed with a fixed key: a manifest naming that key (see the seed) gets past the
//! signature and exercises the consistency checks behind it.
#![no_main]

use amana::bundle::{Manifest, MANIFEST_CONTEXT};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::Signer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // As found: the first byte says how long the signature at the end is.
    if let Some((&at, rest)) = data.split_first() {
        let at = usize::from(at).min(rest.len());
        let (manifest, sig) = rest.split_at(rest.len() - at);
        let _ = Manifest::verify(manifest, sig);
    }
    // As signed by the fixed key.
    let key = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    let mut message = MANIFEST_CONTEXT.to_vec();
    message.extend_from_slice(data);
    let sig = format!("{}\n", STANDARD.encode(key.sign(&message).to_bytes()));
    let _ = Manifest::verify(data, sig.as_bytes());
});
