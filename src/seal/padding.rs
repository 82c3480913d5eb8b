//! Padmé padding (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and
//! Communication with PURBs", 2019): a length `L` is rounded up so that, below its leading
//! 1, only the next `⌊log₂ ⌊log₂ L⌋⌋ + 1` bits may be non-zero. At most about 12% overhead,
//! and a stored size leaks O(log log L) bits instead of O(log L).

/// The Padmé length for `len` (never smaller than `len`).
pub fn padme(len: u64) -> u64 {
    if len < 2 {
        return len;
    }
    let e = 63 - u64::from(len.leading_zeros()); // ⌊log₂ L⌋
    let s = 64 - u64::from(e.leading_zeros()); // ⌊log₂ e⌋ + 1
    let last_bits = e - s;
    let mask = (1u64 << last_bits) - 1;
    (len + mask) & !mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(padme(0), 0);
        assert_eq!(padme(1), 1);
        assert_eq!(padme(9), 10);
        assert_eq!(padme(1000), 1024);
        assert_eq!(padme(1 << 30), 1 << 30);
        assert_eq!(padme((1 << 30) + 1), (1 << 30) + (1 << 25));
    }

    proptest! {
        #[test]
        fn padme_is_bounded_and_idempotent(len in 2u64..(1u64 << 40)) {
            let p = padme(len);
            prop_assert!(p >= len);
            prop_assert!((p - len) as f64 <= len as f64 * 0.12 + 1.0);
            prop_assert_eq!(padme(p), p);
        }
    }
}
