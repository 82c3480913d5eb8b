//! Reading and verifying a bundle on the reviewer's machine, in one streaming pass.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

use super::{
    BundleError, Malformation, Manifest, ManifestEntry, Tampering, MANIFEST_NAME,
    MAX_MANIFEST_BYTES, SIGNATURE_NAME,
};
use crate::util::HashingReader;

/// Receives the envelopes of a bundle, one at a time, as they stream past.
///
/// [`EnvelopeSink::receive`] gets an envelope's bytes *before* they are known to be the
/// bytes the drop signed: it must keep what it makes provisional (a temporary file) until
/// [`EnvelopeSink::commit`] or [`EnvelopeSink::discard`] is called.
pub trait EnvelopeSink {
    /// The provisional result of one envelope.
    type Pending;
    /// The sink's error type; bundle errors convert into it.
    type Error: From<BundleError>;

    /// Called once, after the manifest's signature has verified and before any envelope.
    /// Decide here whether the drop's key is trusted.
    fn manifest(
        &mut self,
        manifest: &Manifest,
        drop_key: &ed25519_dalek::VerifyingKey,
    ) -> Result<(), Self::Error>;

    /// Consumes (some or all of) one envelope's bytes. Returning `Ok(None)` skips it.
    fn receive(
        &mut self,
        entry: &ManifestEntry,
        data: &mut dyn Read,
    ) -> Result<Option<Self::Pending>, Self::Error>;

    /// The envelope's bytes were exactly those signed: keep the result.
    fn commit(&mut self, entry: &ManifestEntry, pending: Self::Pending) -> Result<(), Self::Error>;

    /// The envelope's bytes were not those signed: throw the result away.
    fn discard(&mut self, pending: Self::Pending);
}

/// Reads the manifest or the signature, `expect`, which must be the entry in hand;
/// `misplaced` says what it means when it is not.
fn read_small<R: Read>(
    entry: &mut tar::Entry<'_, R>,
    expect: &'static str,
    misplaced: Malformation,
    limit: u64,
    seen: &Seen,
) -> Result<Vec<u8>, BundleError> {
    let path = entry.path_bytes().into_owned();
    if path != expect.as_bytes() || entry.header().entry_type() != tar::EntryType::Regular {
        return Err(BundleError::Malformed(misplaced));
    }
    let size = entry.size();
    let mut buf = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| seen.error(e))?;
    if buf.len() as u64 > limit {
        return Err(BundleError::Malformed(Malformation::TooLarge {
            name: expect,
        }));
    }
    // The tar parser hands out what there is: fewer bytes than the header says is the end.
    if (buf.len() as u64) < size {
        return Err(BundleError::Malformed(Malformation::CutInFile));
    }
    Ok(buf)
}

const BLOCK: u64 = 512;

/// What [`Checked`] saw of the bytes under the tar parser.
#[derive(Default)]
struct Seen {
    /// Bytes read so far.
    pos: Cell<u64>,
    /// The range `[from, to)` that must hold only zeros: the padding after the file being
    /// read, or the end-of-archive blocks.
    zeros: Cell<(u64, u64)>,
    /// A non-zero byte turned up in `zeros`.
    dirty: Cell<bool>,
    /// The medium itself failed (as opposed to the tar parser refusing what it read).
    medium_failed: Cell<bool>,
}

/// The reader under the tar parser. The tar parser skips the padding after each file and
/// stops at the first end-of-archive block without looking at what it skips; a bundle has
/// exactly one layout, so this checks those bytes too, and any change anywhere in a bundle
/// is an error rather than a silent success. It also tells a failing medium (an I/O error)
/// apart from damaged framing, which the tar parser reports with the same error kind.
struct Checked<R> {
    inner: R,
    seen: Rc<Seen>,
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).inspect_err(|e| {
            if e.kind() != io::ErrorKind::Interrupted {
                self.seen.medium_failed.set(true);
            }
        })?;
        let start = self.seen.pos.get();
        let end = start + n as u64;
        let (from, to) = self.seen.zeros.get();
        let (lo, hi) = (from.max(start), to.min(end));
        if lo < hi
            && buf[(lo - start) as usize..(hi - start) as usize]
                .iter()
                .any(|&b| b != 0)
        {
            self.seen.dirty.set(true);
        }
        self.seen.pos.set(end);
        Ok(n)
    }
}

impl Seen {
    /// Classifies an error from the tar parser or an entry's reader.
    fn error(&self, e: io::Error) -> BundleError {
        if self.medium_failed.get() {
            BundleError::Io(e)
        } else if e.kind() == io::ErrorKind::UnexpectedEof {
            BundleError::Malformed(Malformation::CutInFile)
        } else {
            BundleError::Malformed(Malformation::Framing {
                detail: e.to_string(),
            })
        }
    }

    /// Checks that `entry` starts where the previous one ended (no extension headers or
    /// other blocks slipped in between) and that the padding before it was zeros; then
    /// marks this entry's own padding to be checked. Returns where the next header belongs.
    fn layout<R: Read>(
        &self,
        entry: &tar::Entry<'_, R>,
        expected: u64,
    ) -> Result<u64, BundleError> {
        if self.dirty.get() {
            return Err(BundleError::Malformed(Malformation::DirtyPadding));
        }
        if entry.raw_header_position() != expected || entry.raw_file_position() != expected + BLOCK
        {
            return Err(BundleError::Malformed(Malformation::StrayBlocks));
        }
        let data_end = expected + BLOCK + entry.size();
        let next = data_end.div_ceil(BLOCK) * BLOCK;
        self.zeros.set((data_end, next));
        Ok(next)
    }
}

/// Reads a bundle from `input`: verifies the manifest's signature, hands every envelope to
/// `sink`, and checks each one's size and SHA-256 against the manifest before committing it.
///
/// Envelopes are committed one by one as they verify; an error part-way leaves those already
/// committed (each is exactly what the drop signed) and discards the one in progress.
/// The tar framing must be exactly what [`super::write_bundle`] writes — zero padding, two
/// end blocks, nothing after them — so that no changed byte anywhere goes unnoticed.
/// Returns the manifest.
pub fn read_bundle<R: Read, S: EnvelopeSink>(input: R, sink: &mut S) -> Result<Manifest, S::Error> {
    let seen = Rc::new(Seen::default());
    let mut archive = tar::Archive::new(Checked {
        inner: input,
        seen: Rc::clone(&seen),
    });
    let mut entries = archive.entries().map_err(BundleError::from)?;
    let mut next_header = 0;
    let mut next_entry = |name: &'static str,
                          next_header: &mut u64|
     -> Result<tar::Entry<'_, Checked<R>>, BundleError> {
        match entries.next() {
            Some(e) => {
                let e = e.map_err(|e| seen.error(e))?;
                *next_header = seen.layout(&e, *next_header)?;
                Ok(e)
            }
            None => Err(BundleError::Malformed(Malformation::Missing { name })),
        }
    };
    let (manifest_bytes, manifest_header) = {
        let mut entry = next_entry(MANIFEST_NAME, &mut next_header)?;
        let header = *entry.header().as_bytes();
        let misplaced = Malformation::ManifestNotFirst;
        let bytes = read_small(
            &mut entry,
            MANIFEST_NAME,
            misplaced,
            MAX_MANIFEST_BYTES,
            &seen,
        )?;
        (bytes, header)
    };
    let (sig, sig_header) = {
        let mut entry = next_entry(SIGNATURE_NAME, &mut next_header)?;
        let header = *entry.header().as_bytes();
        let misplaced = Malformation::SignatureNotSecond;
        let sig = read_small(&mut entry, SIGNATURE_NAME, misplaced, 1024, &seen)?;
        (sig, header)
    };
    let (manifest, key) = Manifest::verify(&manifest_bytes, &sig)?;
    // Every tar header must be the one the drop writes (owners, mode, the manifest's day as
    // time): the tar parser forgives some changes, such as spaces for zeros in numbers.
    let mtime = crate::util::day_start_unix(&manifest.day).unwrap_or(0);
    let drop_header = |name: &str, size: u64, raw: &[u8; 512]| -> Result<(), BundleError> {
        if super::write::header(name, size, mtime)?.as_bytes() == raw {
            Ok(())
        } else {
            Err(BundleError::Malformed(Malformation::ForeignHeader {
                name: name.to_string(),
            }))
        }
    };
    drop_header(MANIFEST_NAME, manifest_bytes.len() as u64, &manifest_header)?;
    drop_header(SIGNATURE_NAME, sig.len() as u64, &sig_header)?;
    sink.manifest(&manifest, &key)?;

    let listed = manifest.envelopes.len();
    let mut expected = manifest.envelopes.iter();
    let mut delivered = 0usize;
    for entry in entries.by_ref() {
        let mut entry = entry.map_err(|e| seen.error(e))?;
        next_header = seen.layout(&entry, next_header)?;
        let path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let Some(want) = expected.next() else {
            return Err(BundleError::Tampered(Tampering::Unlisted { name: path }).into());
        };
        if path != want.file {
            let found = Tampering::Unexpected {
                expected: want.file.clone(),
                found: path,
            };
            return Err(BundleError::Tampered(found).into());
        }
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(BundleError::Tampered(Tampering::NotAFile { name: path }).into());
        }
        if entry.size() != want.size {
            let size = Tampering::Size {
                name: path,
                listed: want.size,
                actual: entry.size(),
            };
            return Err(BundleError::Tampered(size).into());
        }
        drop_header(&want.file, want.size, entry.header().as_bytes())?;
        let mut hashed = HashingReader::new(&mut entry);
        let pending = sink.receive(want, &mut hashed)?;
        let drained = io::copy(&mut hashed, &mut io::sink()).map_err(|e| seen.error(e));
        let (count, digest) = hashed.finish();
        let intact = drained.is_ok() && count == want.size && hex::encode(digest) == want.sha256;
        // The tar parser hands out what there is: fewer bytes than listed is the bundle's end.
        let refused = || {
            if count < want.size {
                BundleError::Malformed(Malformation::CutInFile)
            } else {
                BundleError::Tampered(Tampering::Differs { name: path.clone() })
            }
        };
        match (pending, intact) {
            (Some(p), true) => sink.commit(want, p)?,
            (Some(p), false) => {
                sink.discard(p);
                drained?;
                return Err(refused().into());
            }
            (None, true) => {}
            (None, false) => {
                drained?;
                return Err(refused().into());
            }
        }
        delivered += 1;
    }
    if delivered < listed {
        return Err(BundleError::Truncated {
            missing: listed - delivered,
            listed,
        }
        .into());
    }
    // The end: the padding of the last file, then exactly two zero blocks, then nothing.
    if seen.dirty.get() {
        return Err(BundleError::Malformed(Malformation::DirtyPadding).into());
    }
    seen.zeros.set((next_header, next_header + 2 * BLOCK));
    let mut rest = archive.into_inner();
    io::copy(&mut (&mut rest).take(2 * BLOCK + 1), &mut io::sink()).map_err(|e| seen.error(e))?;
    let end = seen.pos.get();
    if end < next_header + 2 * BLOCK {
        return Err(BundleError::Malformed(Malformation::EndMissing).into());
    }
    if end > next_header + 2 * BLOCK || seen.dirty.get() {
        return Err(BundleError::Malformed(Malformation::TrailingData).into());
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{write_bundle, ExportItem};
    use std::collections::BTreeMap;

    struct Collect(Vec<(String, Vec<u8>)>, usize);

    impl EnvelopeSink for Collect {
        type Pending = (String, Vec<u8>);
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
            e: &ManifestEntry,
            d: &mut dyn Read,
        ) -> Result<Option<Self::Pending>, BundleError> {
            let mut v = Vec::new();
            d.read_to_end(&mut v)?;
            Ok(Some((e.file.clone(), v)))
        }
        fn commit(&mut self, _: &ManifestEntry, p: Self::Pending) -> Result<(), BundleError> {
            self.0.push(p);
            Ok(())
        }
        fn discard(&mut self, _: Self::Pending) {
            self.1 += 1;
        }
    }

    fn bundle_of(contents: &[&[u8]]) -> (Vec<u8>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let mut items = Vec::new();
        for (i, c) in contents.iter().enumerate() {
            let path = dir.path().join(format!("{:016x}.age", i + 1));
            std::fs::write(&path, c).unwrap();
            items.push(ExportItem {
                path,
                desk: "demo".into(),
                key_ids: vec!["00".into()],
                size: c.len() as u64,
            });
        }
        let key = ed25519_dalek::SigningKey::from_bytes(&[1; 32]);
        let seq = BTreeMap::from([("demo".to_string(), 1)]);
        (write_bundle(Vec::new(), &key, &seq, &items).unwrap(), dir)
    }

    #[test]
    fn round_trip() {
        let (bytes, _dir) = bundle_of(&[b"one", b"two two"]);
        let mut sink = Collect(Vec::new(), 0);
        let m = read_bundle(&bytes[..], &mut sink).unwrap();
        assert_eq!(m.envelopes.len(), 2);
        assert_eq!(sink.0[1].1, b"two two");
    }

    #[test]
    fn a_flipped_byte_is_tampering_and_is_discarded() {
        let (mut bytes, _dir) = bundle_of(&[b"one", b"two two"]);
        let at = bytes.windows(7).position(|w| w == b"two two").unwrap();
        bytes[at] ^= 1;
        let mut sink = Collect(Vec::new(), 0);
        assert!(matches!(
            read_bundle(&bytes[..], &mut sink),
            Err(BundleError::Tampered(_))
        ));
        assert_eq!((sink.0.len(), sink.1), (1, 1));
    }

    #[test]
    fn the_signature_line_ends_in_exactly_one_newline() {
        let (bytes, _dir) = bundle_of(&[b"one"]);
        let end = bytes.windows(3).position(|w| w == b"==\n").unwrap() + 2;
        for other in [b'\x0b', b'\r', b' ', b'\0'] {
            let mut changed = bytes.clone();
            changed[end] = other;
            let mut sink = Collect(Vec::new(), 0);
            assert!(
                matches!(
                    read_bundle(&changed[..], &mut sink),
                    Err(BundleError::BadSignature)
                ),
                "{other:#x}"
            );
        }
    }

    #[test]
    fn a_changed_manifest_fails_the_signature() {
        let (mut bytes, _dir) = bundle_of(&[b"one"]);
        let at = bytes.windows(6).position(|w| w == b"\"demo\"").unwrap();
        bytes[at + 1] = b'D';
        let mut sink = Collect(Vec::new(), 0);
        assert!(matches!(
            read_bundle(&bytes[..], &mut sink),
            Err(BundleError::BadSignature)
        ));
    }

    #[test]
    fn a_cut_inside_a_file_is_truncation_not_tampering() {
        let (bytes, _dir) = bundle_of(&[b"one", b"two two"]);
        let manifest = bytes.windows(8).position(|w| w == b"\"format\"").unwrap();
        let envelope = bytes.windows(7).position(|w| w == b"two two").unwrap();
        for cut in [manifest + 10, envelope + 3] {
            let mut sink = Collect(Vec::new(), 0);
            match read_bundle(&bytes[..cut], &mut sink) {
                Err(BundleError::Malformed(Malformation::CutInFile)) => {}
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    #[test]
    fn truncation_is_detected_at_every_length() {
        let (bytes, _dir) = bundle_of(&[b"one", b"two two"]);
        let full_end = bytes.len() - 1024; // the two zero blocks are optional
        for cut in (0..full_end).step_by(97).chain([full_end - 512]) {
            let mut sink = Collect(Vec::new(), 0);
            assert!(
                read_bundle(&bytes[..cut], &mut sink).is_err(),
                "cut at {cut}"
            );
        }
    }
}
