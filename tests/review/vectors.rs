//! Test vectors of `docs/format.md`: the values printed there are asserted here, so the
//! specification and the code cannot drift apart. Run with `--nocapture` to print them.

use amana::credential::{open_state, KdfParams, MailboxKeys, ReceiptCode, CODE_SPACE};
use amana::seal::padding::padme;

/// One credential vector: a code value and a salt in, every derived value out.
struct Vector {
    name: &'static str,
    value: u128,
    salt: [u8; 32],
    digits: &'static str,
    words: &'static str,
    lookup_id: &'static str,
    state_key: &'static str,
    reply_recipient: &'static str,
}

/// The bytes 0, 1, …, 31.
const COUNTING: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31,
];

const VECTORS: [Vector; 2] = [
    Vector {
        name: "vector 1",
        value: 1_234_567_890_123_456_789_012_345_678,
        salt: COUNTING,
        digits: "1234 5678 9012 3456 7890 1234 5678",
        words: "salt header cathedral sappy distress carpenter swiftness",
        lookup_id: "87447527674f319656979f243c7902890652d627fb410900a871680a21d225e0",
        state_key: "eef5f1f81e49cf1346f0a6cb5c7fe2606da546452f9aa88bbf90c2dd0e7e4b4d",
        reply_recipient: "age1h5kv5vvddmzynshrpd7k6xfg7m2xft5qrzcgnetza8tuaz28razqh2qvjt",
    },
    Vector {
        name: "vector 2 (the largest code)",
        value: CODE_SPACE - 1,
        salt: [0xff; 32],
        digits: "1719 0707 9974 8422 5910 2865 8175",
        words: "zoom zoom zoom zoom zoom zoom zoom",
        lookup_id: "58fe8acc7a25d762a4a11af3c954ad65f725a10f2d1ea0dbfe977e396b968c2d",
        state_key: "99ca8f5d530df1205f211d0eddbc7dfa067870fa0582e4a718d5da6652b9a596",
        reply_recipient: "age1d3t3s8ndwdlmdpzgvmgsunghrzex0crjlgatdp2llkr22rl9s30qlrxtx2",
    },
];

#[test]
fn credential_vectors_with_rfc9106_second_choice() {
    // The drop's default cost (`[kdf]` in its configuration) is this one.
    let params = KdfParams::RFC9106_SECOND;
    assert_eq!(
        (params.memory_kib, params.iterations, params.parallelism),
        (65536, 3, 4)
    );
    for v in &VECTORS {
        let name = v.name;
        let code = ReceiptCode::from_value(v.value).unwrap();
        let keys = MailboxKeys::derive(&code, &v.salt, params);
        let got = [
            code.to_digits().to_string(),
            code.to_words().to_string(),
            hex::encode(keys.lookup_id),
            hex::encode(&keys.state_key[..]),
            keys.reply_recipient().to_string(),
        ];
        eprintln!("{name}: value {}", v.value);
        eprintln!("  salt            {}", hex::encode(v.salt));
        eprintln!("  canonical       {}", code.to_canonical().as_str());
        for (label, value) in ["digits", "words", "lookup_id", "state_key", "reply"]
            .iter()
            .zip(&got)
        {
            eprintln!("  {label:<15} {value}");
        }
        assert_eq!(code.to_canonical().as_str(), v.digits.replace(' ', ""));
        assert_eq!(got[0], v.digits, "{name}: digits");
        assert_eq!(got[1], v.words, "{name}: words");
        assert_eq!(got[2], v.lookup_id, "{name}: lookup_id");
        assert_eq!(got[3], v.state_key, "{name}: state_key");
        assert_eq!(got[4], v.reply_recipient, "{name}: reply recipient");
        assert_eq!(keys.mailbox_ref(), v.lookup_id);
        // Both spellings parse back to the code.
        assert_eq!(ReceiptCode::parse(v.words).unwrap(), code);
        assert_eq!(ReceiptCode::parse(v.digits).unwrap(), code);
    }
}

#[test]
fn forgiving_spellings_of_vector_1() {
    let code = ReceiptCode::from_value(VECTORS[0].value).unwrap();
    let words = VECTORS[0].words;
    let spellings = [
        "1234567890123456789012345678".to_string(),
        " 1234-5678-9012-3456-7890-1234-5678 ".to_string(),
        "١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦ ٧٨٩٠ ١٢٣٤ ٥٦٧٨".to_string(),
        "۱۲۳۴ ۵۶۷۸ ۹۰۱۲ ۳۴۵۶ ۷۸۹۰ ۱۲۳۴ ۵۶۷۸".to_string(),
        words.to_uppercase(),
        words.replace(' ', "-"),
        format!("  {}  ", words.replace(' ', " \u{2013} ")),
    ];
    for s in &spellings {
        assert_eq!(ReceiptCode::parse(s).as_ref(), Ok(&code), "{s:?}");
    }
}

#[test]
fn state_record_vector() {
    // A record sealed by hand with XChaCha20-Poly1305 (key = state_key, a fixed nonce,
    // AAD = lookup_id), laid out as nonce || ciphertext || tag, opens with `open_state`.
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    let code = ReceiptCode::from_value(VECTORS[0].value).unwrap();
    let keys = MailboxKeys::derive(&code, &COUNTING, KdfParams::RFC9106_SECOND);
    let nonce = [0x24u8; 24];
    let cipher = chacha20poly1305::XChaCha20Poly1305::new_from_slice(&keys.state_key[..]).unwrap();
    let body = cipher
        .encrypt(
            chacha20poly1305::XNonce::from_slice(&nonce),
            Payload {
                msg: b"replies read: 3",
                aad: &keys.lookup_id,
            },
        )
        .unwrap();
    let mut record = nonce.to_vec();
    record.extend_from_slice(&body);
    eprintln!("state record: {}", hex::encode(&record));
    assert_eq!(hex::encode(&record), STATE_RECORD);
    assert_eq!(
        open_state(&keys, &record).unwrap().as_slice(),
        b"replies read: 3"
    );
}

const STATE_RECORD: &str = "242424242424242424242424242424242424242424242424\
     cca9ece3b70e48625e14e9558bbd55de59149634281068ac0f41525689e2c9";

#[test]
fn key_id_and_fingerprint_vectors() {
    let demo = "age1zmfh3c9hullp4jd36rvx7xkw5rtwc5d4ze9rpcxshmgexjxu6y9q666f4z";
    assert_eq!(amana::desk::key_id(demo), "24fbce842bc8412e");
    let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key();
    let text = amana::desk::verifying_key_text(&key);
    eprintln!("drop key {text}");
    eprintln!("fingerprint {}", amana::drop_key::fingerprint(&key));
    eprintln!("key id {}", amana::desk::key_id(&text));
    assert_eq!(text, "ed25519:6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=");
    assert_eq!(
        amana::drop_key::fingerprint(&key),
        "0DEC 45BB F30E 48AD 4137 88AF 2C13 5229 C13F 6569"
    );
    assert_eq!(amana::desk::key_id(&text), "d450653b2905769f");
}

/// The Padmé table of `docs/format.md`.
pub const PADME: &[(u64, u64)] = &[
    (0, 0),
    (1, 1),
    (9, 10),
    (100, 104),
    (1000, 1024),
    (1500, 1536),
    (70_000, 71_680),
    (1_000_000, 1_015_808),
    (10_000_000, 10_223_616),
    (500_000_000, 503_316_480),
    (1 << 30, 1 << 30),
    ((1 << 30) + 1, (1 << 30) + (1 << 25)),
    (2_500_000_000, 2_550_136_832),
];

#[test]
fn padme_table() {
    for &(len, padded) in PADME {
        eprintln!("padme({len}) = {}", padme(len));
        assert_eq!(padme(len), padded, "padme({len})");
    }
}
