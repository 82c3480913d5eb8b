//! Small helpers shared by several stages: days, hex, durable file writes.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Today's date (UTC) as `YYYY-MM-DD`. Amana stores days, never times of day.
pub fn today() -> String {
    day_of(time::OffsetDateTime::now_utc())
}

/// Formats the day part of a timestamp as `YYYY-MM-DD`.
pub fn day_of(t: time::OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// Parses `YYYY-MM-DD` into a date, or `None` when malformed.
pub fn parse_day(s: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &format).ok()
}

/// Seconds since the Unix epoch at the start (00:00 UTC) of a `YYYY-MM-DD` day.
pub fn day_start_unix(day: &str) -> Option<u64> {
    let date = parse_day(day)?;
    let ts = date.midnight().assume_utc().unix_timestamp();
    u64::try_from(ts).ok()
}

/// Writes `bytes` to `path` durably: a temporary file in the same folder, fsync, rename,
/// fsync of the folder. Readers see the old file or the new one, never half of one.
pub fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".amana-tmp-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// The folder a file is in: `.` for a bare file name such as `replies.tar`, whose
/// [`Path::parent`] is empty.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Fsyncs a directory so that a rename inside it survives a crash.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Creates a directory (and parents) readable only by its owner where the platform allows.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Creates `dir`, which must not exist yet, readable only by its owner (0700) whatever the
/// umask allows others.
pub fn create_new_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates `dir` and the folders missing above it; those it creates are readable only by
/// their owner (0700). Folders that exist already are left as they are.
pub fn create_private_dirs(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates a new file, which must not exist yet, readable and writable only by its owner
/// (0600): decrypted reports are written this way.
pub fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// A writer that counts what passes through it.
pub struct CountingWriter<W> {
    inner: W,
    written: u64,
}

impl<W: Write> CountingWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        CountingWriter { inner, written: 0 }
    }

    /// Returns the inner writer and the byte count.
    pub fn finish(self) -> (W, u64) {
        (self.inner, self.written)
    }
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A writer that counts and hashes (SHA-256) what passes through it.
pub struct HashingWriter<W> {
    inner: W,
    hasher: Sha256Stream,
    written: u64,
}

impl<W: Write> HashingWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256Stream::new(),
            written: 0,
        }
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Returns the inner writer, the byte count and the SHA-256 of everything written.
    pub fn finish(self) -> (W, u64, [u8; 32]) {
        (self.inner, self.written, self.hasher.finalize())
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A reader that counts and hashes (SHA-256) what passes through it.
pub struct HashingReader<R> {
    inner: R,
    hasher: Sha256Stream,
    read: u64,
}

impl<R: io::Read> HashingReader<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Sha256Stream::new(),
            read: 0,
        }
    }

    /// Bytes read so far.
    pub fn read_count(&self) -> u64 {
        self.read
    }

    /// Returns the byte count and the SHA-256 of everything read.
    pub fn finish(self) -> (u64, [u8; 32]) {
        (self.read, self.hasher.finalize())
    }
}

impl<R: io::Read> io::Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

/// Bytes hashed on the caller's thread before [`Sha256Stream`] moves to a helper thread.
const BACKGROUND_AFTER: u64 = 1 << 20;
/// Size of each buffer handed to the helper thread.
const HASH_BLOCK: usize = 256 * 1024;
/// Most buffers one stream owns: its memory is bounded by `HASH_POOL * HASH_BLOCK`.
const HASH_POOL: usize = 4;

/// SHA-256 of a stream, computed beside the caller's own work.
///
/// SHA-256 costs about as much per byte as age's ChaCha20-Poly1305, so sealing or opening a
/// large file that is hashed on the same thread runs at half the cipher's speed. The first
/// [`BACKGROUND_AFTER`] bytes are hashed inline (small items never start a thread); after
/// that, the hash state moves to a helper thread and [`Sha256Stream::update`] only copies
/// the bytes into one of a few pooled buffers and sends it through a bounded channel. When
/// the helper falls behind, `update` waits for a free buffer, so memory stays bounded. The
/// buffers are wiped when the stream ends or is dropped (they may hold plaintext). If no thread can
/// be started, hashing simply stays inline. The digest is the same either way.
pub struct Sha256Stream {
    state: HashState,
}

enum HashState {
    /// Hashing on the caller's thread; the count of bytes seen so far.
    Inline(sha2::Sha256, u64),
    /// No helper thread could be started: inline for good.
    InlineOnly(sha2::Sha256),
    Background(BackgroundHash),
    Finished,
}

struct BackgroundHash {
    current: Vec<u8>,
    full: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    empty: std::sync::mpsc::Receiver<Vec<u8>>,
    allocated: usize,
    thread: Option<std::thread::JoinHandle<[u8; 32]>>,
}

impl Default for Sha256Stream {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha256Stream {
    /// A new, empty hash.
    pub fn new() -> Self {
        use sha2::Digest;
        Sha256Stream {
            state: HashState::Inline(sha2::Sha256::new(), 0),
        }
    }

    /// Hashes `data`.
    pub fn update(&mut self, data: &[u8]) {
        use sha2::Digest;
        if let HashState::Inline(hasher, seen) = &mut self.state {
            *seen += data.len() as u64;
            if *seen > BACKGROUND_AFTER {
                let hasher = std::mem::take(hasher);
                self.state = match BackgroundHash::start(hasher.clone()) {
                    Some(background) => HashState::Background(background),
                    None => HashState::InlineOnly(hasher),
                };
            }
        }
        match &mut self.state {
            HashState::Inline(hasher, _) | HashState::InlineOnly(hasher) => hasher.update(data),
            HashState::Background(background) => background.update(data),
            HashState::Finished => unreachable!("finalize consumes the stream"),
        }
    }

    /// The digest of everything hashed.
    pub fn finalize(mut self) -> [u8; 32] {
        use sha2::Digest;
        match std::mem::replace(&mut self.state, HashState::Finished) {
            HashState::Inline(hasher, _) | HashState::InlineOnly(hasher) => {
                hasher.finalize().into()
            }
            HashState::Background(mut background) => background.finish(),
            HashState::Finished => unreachable!("finalize consumes the stream"),
        }
    }
}

impl BackgroundHash {
    fn start(hasher: sha2::Sha256) -> Option<Self> {
        use sha2::Digest;
        let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(HASH_POOL);
        let (empty_tx, empty_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(HASH_POOL);
        let thread = std::thread::Builder::new()
            .name("amana-sha256".into())
            .spawn(move || {
                let mut hasher = hasher;
                for mut buf in full_rx {
                    hasher.update(&buf);
                    buf.clear();
                    // Back to the pool; wiped there when the stream ends. A buffer the pool
                    // cannot take (the stream is gone) is wiped now.
                    if let Err(e) = empty_tx.try_send(buf) {
                        let mut buf = match e {
                            std::sync::mpsc::TrySendError::Full(b)
                            | std::sync::mpsc::TrySendError::Disconnected(b) => b,
                        };
                        zeroize::Zeroize::zeroize(&mut buf);
                    }
                }
                hasher.finalize().into()
            })
            .ok()?;
        Some(BackgroundHash {
            current: Vec::with_capacity(HASH_BLOCK),
            full: Some(full_tx),
            empty: empty_rx,
            allocated: 1,
            thread: Some(thread),
        })
    }

    fn update(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let take = (HASH_BLOCK - self.current.len()).min(data.len());
            self.current.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.current.len() == HASH_BLOCK {
                self.send_current();
            }
        }
    }

    fn send_current(&mut self) {
        let next = match self.empty.try_recv() {
            Ok(buf) => buf,
            Err(_) if self.allocated < HASH_POOL => {
                self.allocated += 1;
                Vec::with_capacity(HASH_BLOCK)
            }
            Err(_) => match self.empty.recv() {
                Ok(buf) => buf,
                Err(_) => self.helper_failed(),
            },
        };
        let full = std::mem::replace(&mut self.current, next);
        let sent = self.full.as_ref().map(|tx| tx.send(full));
        if !matches!(sent, Some(Ok(()))) {
            self.helper_failed();
        }
    }

    /// The helper thread can only stop early by panicking: pass the panic on.
    fn helper_failed(&mut self) -> ! {
        self.full = None;
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            _ => panic!("the SHA-256 helper thread stopped"),
        }
    }

    fn finish(&mut self) -> [u8; 32] {
        if !self.current.is_empty() {
            let last = std::mem::take(&mut self.current);
            if let Some(tx) = &self.full {
                if tx.send(last).is_err() {
                    self.helper_failed();
                }
            }
        }
        self.full = None;
        let joined = self.thread.take().map(std::thread::JoinHandle::join);
        self.wipe_pool();
        match joined {
            Some(Ok(digest)) => digest,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => unreachable!("finished once"),
        }
    }
}

impl BackgroundHash {
    /// Wipes the buffers waiting in the pool (they may hold plaintext).
    fn wipe_pool(&mut self) {
        for mut buf in self.empty.try_iter() {
            zeroize::Zeroize::zeroize(&mut buf);
        }
    }
}

impl Drop for BackgroundHash {
    fn drop(&mut self) {
        // Also when abandoned (an upload that failed): wipe what is here. Dropping the
        // sender lets the helper hash what it holds, then end; buffers it returns after the
        // pool is gone are wiped by the helper itself.
        zeroize::Zeroize::zeroize(&mut self.current);
        self.wipe_pool();
    }
}

/// SHA-256 of `parts` concatenated.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn background_hash_equals_inline_hash() {
        let data: Vec<u8> = (0..5_000_000u32).map(|i| (i * 31 % 251) as u8).collect();
        for (len, chunk) in [(0, 1), (1000, 7), (1 << 20, 4096), (5_000_000, 65_552)] {
            let mut stream = Sha256Stream::new();
            for piece in data[..len].chunks(chunk) {
                stream.update(piece);
            }
            assert_eq!(stream.finalize(), sha256(&[&data[..len]]), "{len} bytes");
        }
        let mut w = HashingWriter::new(Vec::new());
        w.write_all(&data).unwrap();
        let (out, n, digest) = w.finish();
        assert_eq!(
            (out.len() as u64, n, digest),
            (5_000_000, 5_000_000, sha256(&[&data]))
        );
        let mut r = HashingReader::new(&data[..]);
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(r.finish(), (5_000_000, sha256(&[&data])));
        let mut abandoned = Sha256Stream::new();
        abandoned.update(&data);
        drop(abandoned);
        let mut short = HashingReader::new((&data[..]).take(10));
        io::copy(&mut short, &mut io::sink()).unwrap();
        assert_eq!(short.finish(), (10, sha256(&[&data[..10]])));
    }
}
