//! A large file being written: its bytes go out in 256 KiB writes from a thread of its own,
//! and every few MiB the kernel is asked to start writing what is already there to disk. The
//! drop writes each envelope's ciphertext this way, the reviewer each attachment's plaintext
//! (the buffers are wiped after each write). The same thread can also compute the file's
//! SHA-256 ([`WriteBehind::hashing`]), so that the bytes are copied once for both.
//!
//! Without that, Linux keeps a whole upload's ciphertext dirty in the page cache (the
//! background writeback threshold is a tenth of the memory) and writes all of it to disk in
//! the final fsync, after the last byte has arrived: a 1 GiB upload then costs its network
//! and sealing time *plus* the disk's time for 1 GiB, one after the other. Starting the
//! writeback as the upload goes lets the disk work while the network and the cipher do, so
//! the fsync that confirms the upload only waits for the last few MiB.
//!
//! `posix_fadvise(POSIX_FADV_DONTNEED)` is the safe-code way to do it on Linux: for a range
//! with dirty pages it starts their writeback without waiting, and it drops the pages that
//! are already clean (ciphertext the drop will not read again until export). It changes
//! nothing about what is written or when the upload counts as durable: only the fsync does.

use std::fs::File;
use std::io::{self, Write};
use std::num::NonZeroU64;
use std::sync::mpsc;

/// Ciphertext buffered before each write to the file.
const FILE_BUFFER: usize = 256 * 1024;
/// Buffers in all: one being filled, the others queued for or in the writing thread.
const BUFFERS: usize = 8;
/// Bytes written between two requests to start writeback.
const WRITEBACK_WINDOW: u64 = 8 << 20;

/// Where an envelope's ciphertext goes: a file, written in 256 KiB pieces by a thread of its
/// own (so that the sealing thread does not wait on the kernel's page-cache copies and
/// writeback), with writeback started as it grows. Memory is bounded: eight buffers of
/// 256 KiB.
/// Call [`WriteBehind::into_file`] to finish the writes, then fsync the file.
pub struct WriteBehind {
    filling: Vec<u8>,
    /// Full buffers to the writing thread; `None` once it is finished.
    full: Option<mpsc::SyncSender<Vec<u8>>>,
    /// Empty buffers back from it.
    empty: mpsc::Receiver<Vec<u8>>,
    allocated: usize,
    thread: Option<std::thread::JoinHandle<io::Result<Written>>>,
}

/// What the writing thread hands back: the file and, when asked for, the SHA-256 of every
/// byte written.
type Written = (File, Option<[u8; 32]>);

impl WriteBehind {
    /// Writes into `file` from its current position.
    pub fn new(file: File) -> Self {
        Self::start(file, None)
    }

    /// Writes into `file` from its current position and computes the SHA-256 of what is
    /// written, on the writing thread ([`WriteBehind::into_file_and_sha256`]).
    pub fn hashing(file: File) -> Self {
        use sha2::Digest;
        Self::start(file, Some(sha2::Sha256::new()))
    }

    fn start(file: File, mut hasher: Option<sha2::Sha256>) -> Self {
        let (full, full_rx) = mpsc::sync_channel::<Vec<u8>>(BUFFERS - 1);
        let (empty_tx, empty) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("amana-write".into())
            .spawn(move || {
                use sha2::Digest;
                let mut out = Advised {
                    file,
                    written: 0,
                    advised: 0,
                };
                for mut buffer in full_rx {
                    if let Some(hasher) = &mut hasher {
                        hasher.update(&buffer);
                    }
                    let written = out.write_all(&buffer);
                    zeroize::Zeroize::zeroize(&mut buffer);
                    written?;
                    // The sealing side may be gone already: then the buffer is freed here.
                    let _ = empty_tx.send(buffer);
                }
                Ok((out.file, hasher.map(|h| h.finalize().into())))
            });
        let (thread, full) = match thread {
            Ok(thread) => (Some(thread), Some(full)),
            // No thread: every write will fail with "the writing thread stopped".
            Err(_) => (None, None),
        };
        WriteBehind {
            filling: Vec::with_capacity(FILE_BUFFER),
            full,
            empty,
            allocated: 1,
            thread,
        }
    }

    /// Hands the filled buffer to the writing thread and takes an empty one.
    fn send_filled(&mut self) -> io::Result<()> {
        let next = if self.allocated < BUFFERS {
            self.allocated += 1;
            Vec::with_capacity(FILE_BUFFER)
        } else {
            match self.empty.recv() {
                Ok(buffer) => buffer,
                Err(_) => return Err(self.stopped()),
            }
        };
        let filled = std::mem::replace(&mut self.filling, next);
        let sent = self.full.as_ref().map(|full| full.send(filled));
        match sent {
            Some(Ok(())) => Ok(()),
            _ => Err(self.stopped()),
        }
    }

    /// The writing thread's error (it stopped on one).
    fn stopped(&mut self) -> io::Error {
        self.full = None;
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(Err(e))) => e,
            _ => io::Error::other("the envelope's writing thread stopped"),
        }
    }

    /// Writes out everything and returns the file (not yet synced).
    pub fn into_file(self) -> io::Result<File> {
        self.finish().map(|(file, _)| file)
    }

    /// Writes out everything and returns the file (not yet synced) with the SHA-256 of what
    /// was written; `None` unless made by [`WriteBehind::hashing`].
    pub fn into_file_and_sha256(self) -> io::Result<(File, Option<[u8; 32]>)> {
        self.finish()
    }

    fn finish(mut self) -> io::Result<Written> {
        if !self.filling.is_empty() {
            self.send_filled()?;
        }
        self.full = None;
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(result)) => result,
            _ => Err(io::Error::other("the envelope's writing thread stopped")),
        }
    }
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = buf.len().min(FILE_BUFFER - self.filling.len());
        self.filling.extend_from_slice(&buf[..n]);
        if self.filling.len() == FILE_BUFFER {
            self.send_filled()?;
        }
        Ok(n)
    }

    /// Nothing to do: the file is written by [`WriteBehind::into_file`].
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for WriteBehind {
    /// An abandoned envelope: the writing thread finishes what it was given, and is waited
    /// for, so that nothing of it outlives the upload.
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.filling);
        self.full = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Advised {
    file: File,
    /// Bytes written to the file.
    written: u64,
    /// Where the last request to start writeback ended.
    advised: u64,
}

impl Advised {
    /// Starts writeback of everything written since the window before the last request, and
    /// lets the kernel drop that earlier window's pages, written back by now.
    fn start_writeback(&mut self) {
        let from = self.advised.saturating_sub(WRITEBACK_WINDOW);
        if let Some(len) = NonZeroU64::new(self.written - from) {
            // Advice only: if the kernel ignores it, the final fsync writes everything.
            let _ = rustix::fs::fadvise(&self.file, from, Some(len), rustix::fs::Advice::DontNeed);
        }
        self.advised = self.written;
    }
}

impl Write for Advised {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.advised >= WRITEBACK_WINDOW {
            self.start_writeback();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_written_reaches_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let mut out = WriteBehind::new(File::create(&path).unwrap());
        let mut expected = Vec::new();
        for i in 0..(3 * WRITEBACK_WINDOW / 100_003 + 5) {
            let piece = vec![(i % 251) as u8; 100_003];
            out.write_all(&piece).unwrap();
            expected.extend_from_slice(&piece);
        }
        out.into_file().unwrap().sync_all().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), expected);
    }

    #[test]
    fn the_hash_is_of_exactly_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let mut out = WriteBehind::hashing(File::create(&path).unwrap());
        for i in 0..40u32 {
            out.write_all(&vec![(i % 7) as u8; 65_537 + i as usize])
                .unwrap();
        }
        let (file, digest) = out.into_file_and_sha256().unwrap();
        drop(file);
        let written = std::fs::read(&path).unwrap();
        assert_eq!(digest, Some(crate::util::sha256(&[&written])));
        let plain = WriteBehind::new(File::create(dir.path().join("b")).unwrap());
        assert_eq!(plain.into_file_and_sha256().unwrap().1, None);
    }

    #[test]
    fn a_failed_write_is_an_error_not_a_short_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("read-only");
        std::fs::write(&path, b"").unwrap();
        let mut out = WriteBehind::new(File::open(&path).unwrap());
        let piece = vec![7u8; 100_003];
        let written = (0..20).try_for_each(|_| out.write_all(&piece));
        assert!(written.is_err() || out.into_file().is_err());
    }
}
