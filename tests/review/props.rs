//! Property tests of the three framings a second implementation must get right: the
//! envelope (age + stored ZIP + padding), the bundle (tar + signed manifest) and the
//! receipt code (value ⇄ words ⇄ digits).

use std::collections::BTreeMap;
use std::io::{Read, Write};

use amana::bundle::{read_bundle, write_bundle, BundleError, EnvelopeSink, ExportItem};
use amana::credential::ReceiptCode;
use amana::envelope::{Channel, EnvelopeMeta, Kind};
use amana::seal::{EnvelopeWriter, Header};
use proptest::prelude::*;

use super::tools::identities;
use crate::support::new_desk;

fn fill(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn attachment() -> impl Strategy<Value = (String, usize, u8)> {
    (
        prop_oneof![
            "[a-zA-Z0-9 ._-]{0,30}",
            "[\\u{0600}-\\u{06FF} .]{1,20}",
            "\\PC{0,40}",
            any::<String>(),
        ],
        prop_oneof![0usize..100, 0usize..70_000, 65_530usize..65_545],
        any::<u8>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the reporter sends, the reviewer's ZIP reader gets it back byte for byte,
    /// and the plaintext's size is a Padmé length.
    #[test]
    fn envelope_round_trips(
        message in prop_oneof!["[\\u{0600}-\\u{06FF}\\u{0660}-\\u{0669} \\n.،؟]{0,400}", "\\PC{0,400}"],
        attachments in prop::collection::vec(attachment(), 0..4),
    ) {
        let (secret, desk) = new_desk("props");
        let mut w = EnvelopeWriter::new(Vec::new(), &desk, Header {
            kind: Kind::Report,
            channel: Channel::Web,
            day: "2026-11-30".into(),
            mailbox: "cd".repeat(32),
            reply_recipient: age::x25519::Identity::generate().to_public().to_string(),
        }).unwrap();
        w.write_message(&message).unwrap();
        let datas: Vec<Vec<u8>> = attachments.iter().map(|(_, len, seed)| fill(*len, *seed)).collect();
        for ((name, _, _), data) in attachments.iter().zip(&datas) {
            w.begin_attachment(name, "application/octet-stream").unwrap();
            // Uneven writes, as an upload arrives.
            for chunk in data.chunks(7_777) {
                w.write_all(chunk).unwrap();
            }
            w.end_attachment().unwrap();
        }
        let (sealed_bytes, sealed) = w.finish().unwrap();
        prop_assert_eq!(sealed.size, sealed_bytes.len() as u64);

        let scratch = tempfile::tempdir().unwrap();
        let ids = identities(&secret);
        let plain = amana::review::decrypt_to_file(&mut &sealed_bytes[..], &ids, scratch.path()).unwrap();
        let len = plain.as_file().metadata().unwrap().len();
        prop_assert_eq!(amana::seal::padding::padme(len), len);

        let mut zip = zip::ZipArchive::new(plain.reopen().unwrap()).unwrap();
        let mut read = |name: &str| {
            let mut v = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut v).unwrap();
            v
        };
        prop_assert_eq!(read("message.txt"), message.as_bytes());
        let meta: EnvelopeMeta = serde_json::from_slice(&read("amana.json")).unwrap();
        prop_assert_eq!(meta.id, sealed.id);
        prop_assert_eq!(meta.attachments.len(), attachments.len());
        for (item, ((name, _, _), data)) in meta.attachments.iter().zip(attachments.iter().zip(&datas)) {
            let kept: String = name.chars().take(1024).collect();
            prop_assert_eq!(item.name.as_deref(), Some(kept.as_str()));
            prop_assert_eq!(item.size, data.len() as u64);
            prop_assert_eq!(&item.sha256, &hex::encode(amana::util::sha256(&[data])));
            prop_assert_eq!(&read(&item.entry), data);
        }
        // Every entry but the padding is described by the metadata.
        prop_assert_eq!(zip.len(), 3 + attachments.len());
    }
}

/// Collects every envelope a bundle hands over.
#[derive(Default)]
struct Collect(Vec<(String, Vec<u8>)>);

impl EnvelopeSink for Collect {
    type Pending = (String, Vec<u8>);
    type Error = BundleError;
    fn manifest(
        &mut self,
        _: &amana::bundle::Manifest,
        _: &ed25519_dalek::VerifyingKey,
    ) -> Result<(), BundleError> {
        Ok(())
    }
    fn receive(
        &mut self,
        e: &amana::bundle::ManifestEntry,
        d: &mut dyn Read,
    ) -> Result<Option<Self::Pending>, BundleError> {
        let mut v = Vec::new();
        d.read_to_end(&mut v)?;
        Ok(Some((e.file.clone(), v)))
    }
    fn commit(
        &mut self,
        _: &amana::bundle::ManifestEntry,
        p: Self::Pending,
    ) -> Result<(), BundleError> {
        self.0.push(p);
        Ok(())
    }
    fn discard(&mut self, _: Self::Pending) {}
}

/// A bundle of `contents` (each stored under a random envelope name), and what a reader
/// must hand back: `(file, bytes)` sorted by file.
fn bundle_of(contents: &[Vec<u8>], seq: u64) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut items = Vec::new();
    let mut expected = Vec::new();
    for c in contents {
        let id = amana::envelope::new_envelope_id();
        let path = dir.path().join(format!("{id}.age"));
        std::fs::write(&path, c).unwrap();
        items.push(ExportItem {
            path,
            desk: "demo".into(),
            key_ids: vec!["0011223344556677".into()],
            size: c.len() as u64,
        });
        expected.push((format!("envelopes/{id}.age"), c.clone()));
    }
    expected.sort();
    let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let seq = BTreeMap::from([("demo".to_string(), seq)]);
    (
        write_bundle(Vec::new(), &key, &seq, &items).unwrap(),
        expected,
    )
}

fn contents() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..600),
            (0usize..3000, any::<u8>()).prop_map(|(n, s)| fill(n, s)),
        ],
        0..5,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bundle_round_trips(contents in contents(), seq in 1u64..1_000_000) {
        let (bytes, expected) = bundle_of(&contents, seq);
        let mut sink = Collect::default();
        let manifest = read_bundle(&bytes[..], &mut sink).unwrap();
        prop_assert_eq!(manifest.sequences["demo"], seq);
        prop_assert_eq!(manifest.envelopes.len(), contents.len());
        prop_assert_eq!(sink.0, expected);
    }

    /// A bundle is written in exactly one layout; any changed byte anywhere — data, tar
    /// header, padding or end blocks — is an error, never a silent success.
    #[test]
    fn any_flipped_byte_is_an_error(
        contents in contents(),
        at in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let (mut bytes, _) = bundle_of(&contents, 1);
        let at = at.index(bytes.len());
        bytes[at] ^= 1 << bit;
        let mut sink = Collect::default();
        let result = read_bundle(&bytes[..], &mut sink);
        prop_assert!(result.is_err(), "flip at {} of {} went unnoticed", at, bytes.len());
    }

    /// So is a bundle cut short anywhere, even in its end blocks.
    #[test]
    fn any_truncation_is_an_error(contents in contents(), cut in any::<prop::sample::Index>()) {
        let (bytes, _) = bundle_of(&contents, 1);
        let cut = cut.index(bytes.len());
        let mut sink = Collect::default();
        let result = read_bundle(&bytes[..cut], &mut sink);
        prop_assert!(result.is_err(), "cut at {} of {} went unnoticed", cut, bytes.len());
    }

    /// Bytes appended after the end of the archive are refused too: nothing may ride along.
    #[test]
    fn trailing_bytes_are_an_error(contents in contents(), extra in prop::collection::vec(any::<u8>(), 1..1100)) {
        let (mut bytes, _) = bundle_of(&contents, 1);
        bytes.extend_from_slice(&extra);
        let mut sink = Collect::default();
        prop_assert!(read_bundle(&bytes[..], &mut sink).is_err());
    }
}

/// Indices of the words with a hyphen (`drop-down`, `felt-tip`, `t-shirt`, `yo-yo`): the
/// only words the parser must put back together, so they get extra weight.
fn hyphenated_word_values() -> Vec<u128> {
    (0u128..7776)
        .filter(|&i| {
            let code = ReceiptCode::from_value(i).unwrap();
            code.to_words()
                .split(' ')
                .next_back()
                .unwrap()
                .contains('-')
        })
        .collect()
}

fn word_index() -> impl Strategy<Value = u128> {
    let hyphenated = hyphenated_word_values();
    assert_eq!(hyphenated.len(), 4);
    prop_oneof![0u128..7776, prop::sample::select(hyphenated)]
}

fn arabic_indic(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap(),
            None => c,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn receipt_code_round_trips(
        words in prop::collection::vec(word_index(), 7),
        separators in prop::collection::vec(prop::sample::select(vec![" ", "  ", "-", " - ", "\t", "\u{2013}"]), 7),
        upper in any::<bool>(),
    ) {
        let value = words.iter().fold(0u128, |v, w| v * 7776 + w);
        let code = ReceiptCode::from_value(value).unwrap();
        prop_assert_eq!(ReceiptCode::parse(&code.to_words()).unwrap().value(), value);
        prop_assert_eq!(ReceiptCode::parse(&code.to_digits()).unwrap().value(), value);
        prop_assert_eq!(ReceiptCode::parse(&code.to_canonical()).unwrap().value(), value);

        // As a person might type them.
        let mut typed = String::from("  ");
        for (w, sep) in code.to_words().split(' ').zip(&separators) {
            typed.push_str(&if upper { w.to_uppercase() } else { w.to_string() });
            typed.push_str(sep);
        }
        prop_assert_eq!(ReceiptCode::parse(&typed).unwrap().value(), value);
        let digits = code.to_digits().replace(' ', separators[0]);
        prop_assert_eq!(ReceiptCode::parse(&arabic_indic(&digits)).unwrap().value(), value);
    }

    #[test]
    fn every_value_below_the_code_space_round_trips(value in 0u128..amana::credential::CODE_SPACE) {
        let code = ReceiptCode::from_value(value).unwrap();
        prop_assert_eq!(code.to_words().split(' ').count(), 7);
        prop_assert_eq!(code.to_canonical().len(), 28);
        prop_assert_eq!(ReceiptCode::parse(&code.to_words()).unwrap().value(), value);
        prop_assert_eq!(ReceiptCode::parse(&code.to_digits()).unwrap().value(), value);
    }
}
