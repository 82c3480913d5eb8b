//! Receipt codes: generation, the two spellings, and forgiving parsing.

use rand::RngCore;
use zeroize::{Zeroize, Zeroizing};

/// How many words a code has.
pub const CODE_WORDS: usize = 7;
/// How many digits a code has (shown in seven groups of four).
pub const CODE_DIGITS: usize = 28;
/// Size of the EFF long list.
const LIST_LEN: u128 = 7776;
/// The number of distinct codes: 7776⁷.
pub const CODE_SPACE: u128 = LIST_LEN.pow(CODE_WORDS as u32);

fn word_list() -> &'static [&'static str] {
    diceware_wordlists::Wordlist::EffLong.get_list()
}

/// Why a typed code was refused before any key derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// Nothing was typed.
    #[error("no code was entered")]
    Empty,
    /// Digits, but not 28 of them.
    #[error("a code in digits has exactly 28 digits")]
    WrongDigitCount,
    /// 28 digits whose value is not a code.
    #[error("these digits are not a receipt code")]
    OutOfRange,
    /// Words, but not seven known words.
    #[error("a code in words has exactly seven words from the list")]
    UnknownWords,
}

/// A receipt code. Its value is wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq, Zeroize, zeroize::ZeroizeOnDrop)]
pub struct ReceiptCode(u128);

impl std::fmt::Debug for ReceiptCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptCode(<secret>)")
    }
}

impl ReceiptCode {
    /// Draws a fresh code from the operating system's CSPRNG (rejection sampling, so
    /// every code is equally likely).
    pub fn generate() -> Self {
        let mut rng = rand::rngs::OsRng;
        loop {
            let mut bytes = Zeroizing::new([0u8; 16]);
            rng.fill_bytes(bytes.as_mut());
            // 2^91 > 7776^7: keep 91 bits and reject values outside the code space.
            let value = u128::from_be_bytes(*bytes) >> (128 - 91);
            if value < CODE_SPACE {
                return ReceiptCode(value);
            }
        }
    }

    /// Builds a code from its integer value, if it is below 7776⁷.
    pub fn from_value(value: u128) -> Option<Self> {
        (value < CODE_SPACE).then_some(ReceiptCode(value))
    }

    /// The code's integer value.
    pub fn value(&self) -> u128 {
        self.0
    }

    /// The seven words, separated by single spaces.
    pub fn to_words(&self) -> Zeroizing<String> {
        let list = word_list();
        let mut indices = [0usize; CODE_WORDS];
        let mut v = self.0;
        for slot in indices.iter_mut().rev() {
            *slot = (v % LIST_LEN) as usize;
            v /= LIST_LEN;
        }
        let mut out = Zeroizing::new(String::with_capacity(80));
        for (i, idx) in indices.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(list[*idx]);
        }
        indices.zeroize();
        out
    }

    /// The 28 digits without separators: the canonical form fed to the key derivation.
    pub fn to_canonical(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(CODE_DIGITS));
        let mut digits = [0u8; CODE_DIGITS];
        let mut v = self.0;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (v % 10) as u8;
            v /= 10;
        }
        for d in digits.iter() {
            out.push(*d as char);
        }
        digits.zeroize();
        out
    }

    /// The 28 digits in seven groups of four, separated by spaces.
    pub fn to_digits(&self) -> Zeroizing<String> {
        let canonical = self.to_canonical();
        let mut out = Zeroizing::new(String::with_capacity(CODE_DIGITS + 6));
        for (i, c) in canonical.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// Parses a code typed by a person, in words or in digits.
    ///
    /// Forgives case, extra spaces, hyphens and dashes between words or digit groups, and
    /// Arabic-Indic digits. Anything else is refused at once, without a key derivation.
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let mut cleaned = Zeroizing::new(String::with_capacity(input.len()));
        for c in input.chars() {
            cleaned.push(normalise_char(c));
        }
        let trimmed = cleaned.trim();
        if trimmed.is_empty() {
            return Err(CodeError::Empty);
        }
        let is_digit_form = trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
        if is_digit_form {
            parse_digits(trimmed)
        } else {
            parse_words(trimmed)
        }
    }
}

/// Maps Arabic-Indic digits to ASCII, dashes and odd spaces to `-` and ` `, and letters to
/// lower case.
fn normalise_char(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '_' => '-',
        c if c.is_whitespace() => ' ',
        c => c.to_ascii_lowercase(),
    }
}

fn parse_digits(s: &str) -> Result<ReceiptCode, CodeError> {
    let mut count = 0usize;
    let mut value: u128 = 0;
    for c in s.chars().filter(char::is_ascii_digit) {
        count += 1;
        if count > CODE_DIGITS {
            return Err(CodeError::WrongDigitCount);
        }
        value = value * 10 + u128::from(c as u8 - b'0');
    }
    if count != CODE_DIGITS {
        return Err(CodeError::WrongDigitCount);
    }
    ReceiptCode::from_value(value).ok_or(CodeError::OutOfRange)
}

fn word_index(word: &str) -> Option<usize> {
    word_list().binary_search(&word).ok()
}

/// Splits on spaces and hyphens, then finds the one way to read the tokens as seven list
/// words, where a word may be two tokens joined by a hyphen (the list has `drop-down`,
/// `felt-tip`, `t-shirt` and `yo-yo`).
fn parse_words(s: &str) -> Result<ReceiptCode, CodeError> {
    let tokens: Vec<&str> = s.split([' ', '-']).filter(|t| !t.is_empty()).collect();
    if tokens.len() < CODE_WORDS || tokens.len() > 2 * CODE_WORDS {
        return Err(CodeError::UnknownWords);
    }
    let mut indices = Vec::with_capacity(CODE_WORDS);
    if !segment(&tokens, &mut indices) {
        return Err(CodeError::UnknownWords);
    }
    let mut value: u128 = 0;
    for idx in &indices {
        value = value * LIST_LEN + *idx as u128;
    }
    indices.zeroize();
    ReceiptCode::from_value(value).ok_or(CodeError::OutOfRange)
}

fn segment(tokens: &[&str], out: &mut Vec<usize>) -> bool {
    if tokens.is_empty() {
        return out.len() == CODE_WORDS;
    }
    if out.len() == CODE_WORDS {
        return false;
    }
    if tokens.len() >= 2 {
        let mut joined = Zeroizing::new(format!("{}-{}", tokens[0], tokens[1]));
        if let Some(idx) = word_index(&joined) {
            out.push(idx);
            if segment(&tokens[2..], out) {
                return true;
            }
            out.pop();
        }
        joined.zeroize();
    }
    if let Some(idx) = word_index(tokens[0]) {
        out.push(idx);
        if segment(&tokens[1..], out) {
            return true;
        }
        out.pop();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_complete() {
        let list = word_list();
        assert_eq!(list.len(), 7776);
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "binary search needs a sorted list"
        );
    }

    #[test]
    fn both_spellings_parse_to_the_same_code() {
        for _ in 0..50 {
            let code = ReceiptCode::generate();
            assert_eq!(ReceiptCode::parse(&code.to_words()).unwrap(), code);
            assert_eq!(ReceiptCode::parse(&code.to_digits()).unwrap(), code);
            assert_eq!(ReceiptCode::parse(&code.to_canonical()).unwrap(), code);
        }
    }

    #[test]
    fn forgiving_parse() {
        let code = ReceiptCode::from_value(CODE_SPACE - 1).unwrap();
        let words = code.to_words().to_uppercase().replace(' ', " -  ");
        assert_eq!(ReceiptCode::parse(&format!("  {words} ")).unwrap(), code);
        let arabic: String = code
            .to_digits()
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap(),
                _ => '\u{2013}',
            })
            .collect();
        assert_eq!(ReceiptCode::parse(&arabic).unwrap(), code);
    }

    #[test]
    fn hyphenated_words_parse() {
        let list = word_list();
        let drop_down = list.binary_search(&"drop-down").unwrap() as u128;
        let value = (0..7).fold(0u128, |v, _| v * 7776 + drop_down);
        let code = ReceiptCode::from_value(value).unwrap();
        assert!(code.to_words().starts_with("drop-down drop-down"));
        assert_eq!(ReceiptCode::parse(&code.to_words()).unwrap(), code);
        assert_eq!(
            ReceiptCode::parse(&code.to_words().replace(' ', "-")).unwrap(),
            code
        );
    }

    #[test]
    fn malformed_codes_are_refused() {
        assert_eq!(ReceiptCode::parse("   "), Err(CodeError::Empty));
        assert_eq!(
            ReceiptCode::parse("1234 5678"),
            Err(CodeError::WrongDigitCount)
        );
        assert_eq!(
            ReceiptCode::parse(&"9".repeat(28)),
            Err(CodeError::OutOfRange)
        );
        assert_eq!(
            ReceiptCode::parse("apple banana cherry"),
            Err(CodeError::UnknownWords)
        );
        assert_eq!(
            ReceiptCode::parse("abacus abacus abacus abacus abacus abacus zzzz"),
            Err(CodeError::UnknownWords)
        );
    }

    #[test]
    fn digits_are_28_in_groups_of_4() {
        let code = ReceiptCode::from_value(5).unwrap();
        assert_eq!(
            code.to_digits().as_str(),
            "0000 0000 0000 0000 0000 0000 0005"
        );
        assert!(CODE_SPACE > 10u128.pow(27) && CODE_SPACE < 10u128.pow(28));
    }
}
