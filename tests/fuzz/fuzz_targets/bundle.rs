//! A bundle from removable media: the tar framing, the manifest and the envelope checks.
#![no_main]

use std::io::Read;

use amana::bundle::{read_bundle, BundleError, EnvelopeSink, Manifest, ManifestEntry};
use libfuzzer_sys::fuzz_target;

/// Reads every envelope to its end, so that the size and hash checks always run.
struct ReadAll;

impl EnvelopeSink for ReadAll {
    type Pending = ();
    type Error = BundleError;
    fn manifest(
        &mut self,
        _: &Manifest,
        _: &ed25519_dalek::VerifyingKey,
    ) -> Result<(), BundleError> {
        Ok(())
    }
    fn receive(
        &mut self,
        _: &ManifestEntry,
        data: &mut dyn Read,
    ) -> Result<Option<()>, BundleError> {
        std::io::copy(data, &mut std::io::sink())?;
        Ok(Some(()))
    }
    fn commit(&mut self, _: &ManifestEntry, _: ()) -> Result<(), BundleError> {
        Ok(())
    }
    fn discard(&mut self, _: ()) {}
}

fuzz_target!(|data: &[u8]| {
    let _ = read_bundle(data, &mut ReadAll);
});
