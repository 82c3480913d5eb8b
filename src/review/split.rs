//! Splitting a decrypted envelope into one file per ZIP entry while it streams out of age,
//! so that the reviewer writes the plaintext once.
//!
//! The ZIP inside an envelope is written in one pass ([`crate::seal::zip`]): each entry's
//! size is known only from the data descriptor after it. A streaming reader finds the end
//! of an entry at the first data descriptor whose CRC-32 and length match the bytes read
//! since the entry's header and which is followed by another header. The fast path accepts
//! only the exact bytes Amana's writer produces: every local header, descriptor and the
//! whole central directory must equal, byte for byte, what [`crate::seal::zip`] would write
//! for the entries found. Anything else — another tool's ZIP, a hostile one, or an
//! attachment that happens to contain a matching descriptor — is not an error here: every
//! byte is kept, in order (headers in memory, entry data in files, the rest in a spill
//! file), and [`Splitter::finish`] rebuilds the whole ZIP for the general reader.
//!
//! Nothing here is trusted before age has authenticated the whole stream: the caller
//! calls [`Splitter::finish`] only after the last chunk decrypted, and throws the folder
//! away otherwise.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::envelope;
use crate::seal::zip::{self as z, EntryRecord};
use crate::write_behind::WriteBehind;

/// Most entries the fast path splits out; more go the general way.
const MAX_ENTRIES: usize = 10_000;
/// Most header bytes (local headers, descriptors, central directory) held in memory.
const MAX_HELD: usize = 16 << 20;
/// Bytes after a descriptor's first byte needed to decide on it: the descriptor and the
/// next header's signature.
const LOOKAHEAD: usize = z::DESCRIPTOR_LEN + 4;
/// Fixed part of a local header.
const LOCAL_FIXED: usize = 30;

/// One entry split out of the ZIP.
#[derive(Debug)]
pub struct SplitEntry {
    /// Name, CRC-32, size and offset, as the central directory records them.
    pub record: EntryRecord,
    /// The file holding its data (`None` for the padding entry, which is checked to be zeros
    /// and not kept).
    pub path: Option<PathBuf>,
    /// SHA-256 of its data (`None` for the padding entry).
    pub sha256: Option<[u8; 32]>,
}

/// What a finished split gives.
#[derive(Debug)]
pub enum Split {
    /// The ZIP was exactly what Amana writes: one file per entry.
    Entries(Vec<SplitEntry>),
    /// Anything else: the whole ZIP, rebuilt byte for byte, rewound.
    Whole(File),
}

enum Segment {
    Bytes(Zeroizing<Vec<u8>>),
    File(PathBuf),
    Zeros(u64),
}

// One per open entry: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
enum Sink {
    /// Written and hashed by a thread of its own, with writeback started as it grows, so
    /// that the disk works while age decrypts and the final fsync finds little left to do.
    File {
        out: WriteBehind,
        path: PathBuf,
    },
    Zeros,
}

struct OpenEntry {
    name: String,
    offset: u64,
    crc: crc32fast::Hasher,
    size: u64,
    sink: Sink,
    pending: Zeroizing<Vec<u8>>,
}

enum State {
    Header(Zeroizing<Vec<u8>>),
    Data(Box<OpenEntry>),
    Tail(Zeroizing<Vec<u8>>),
    Raw(File),
    Taken,
}

/// Receives the plaintext of one envelope ([`Write`]) and splits it into `dir`.
pub struct Splitter {
    dir: PathBuf,
    state: State,
    offset: u64,
    dos_date: Option<u16>,
    entries: Vec<SplitEntry>,
    segments: Vec<Segment>,
    held: usize,
}

impl Splitter {
    /// Splits into `dir`, an empty private folder the caller owns (and removes).
    pub fn new(dir: &Path) -> Self {
        Splitter {
            dir: dir.to_path_buf(),
            state: State::Header(Zeroizing::new(Vec::new())),
            offset: 0,
            dos_date: None,
            entries: Vec::new(),
            segments: Vec::new(),
            held: 0,
        }
    }

    fn feed(&mut self, input: &[u8]) -> io::Result<()> {
        let mut leftover = self.step(input)?;
        while let Some(bytes) = leftover {
            leftover = self.step(&bytes)?;
        }
        Ok(())
    }

    /// Consumes `input`; after a change of state, returns the bytes still to be fed.
    fn step(&mut self, input: &[u8]) -> io::Result<Option<Zeroizing<Vec<u8>>>> {
        match std::mem::replace(&mut self.state, State::Taken) {
            State::Header(buf) => self.header(buf, input),
            State::Data(entry) => self.data(entry, input),
            State::Tail(mut buf) => {
                buf.extend_from_slice(input);
                let expected =
                    z::central_directory_len(self.entries.iter().map(|e| e.record.name.len()));
                if buf.len() as u64 > expected || !self.hold(input.len()) {
                    return self.spill(&buf, &[]).map(|()| None);
                }
                self.state = State::Tail(buf);
                Ok(None)
            }
            State::Raw(mut spill) => {
                spill.write_all(input)?;
                self.state = State::Raw(spill);
                Ok(None)
            }
            State::Taken => unreachable!("state is always put back"),
        }
    }

    fn header(
        &mut self,
        mut buf: Zeroizing<Vec<u8>>,
        input: &[u8],
    ) -> io::Result<Option<Zeroizing<Vec<u8>>>> {
        let need = |buf: &[u8]| {
            if buf.len() < LOCAL_FIXED {
                LOCAL_FIXED
            } else {
                let name = u16::from_le_bytes([buf[26], buf[27]]) as usize;
                let extra = u16::from_le_bytes([buf[28], buf[29]]) as usize;
                LOCAL_FIXED + name + extra
            }
        };
        let mut used = 0;
        while used < input.len() {
            let want = need(&buf);
            if buf.len() >= want {
                break;
            }
            let take = (want - buf.len()).min(input.len() - used);
            buf.extend_from_slice(&input[used..used + take]);
            used += take;
            if buf.len() >= 4 && !buf.starts_with(&z::LOCAL_SIGNATURE.to_le_bytes()) {
                if buf.starts_with(&z::CENTRAL_SIGNATURE.to_le_bytes()) && !self.entries.is_empty()
                {
                    self.state = State::Tail(buf);
                    return Ok(rest(&input[used..]));
                }
                return self.spill(&buf, &input[used..]).map(|()| None);
            }
        }
        if buf.len() < need(&buf) {
            self.state = State::Header(buf);
            return Ok(None);
        }
        match self.open_entry(&buf)? {
            Some(entry) => {
                self.offset += buf.len() as u64;
                self.segments.push(Segment::Bytes(buf));
                if let Sink::File { path, .. } = &entry.sink {
                    self.segments.push(Segment::File(path.clone()));
                }
                self.state = State::Data(Box::new(entry));
                Ok(rest(&input[used..]))
            }
            None => self.spill(&buf, &input[used..]).map(|()| None),
        }
    }

    /// Checks a complete local header against what Amana writes and opens its entry.
    fn open_entry(&mut self, header: &[u8]) -> io::Result<Option<OpenEntry>> {
        let name_len = u16::from_le_bytes([header[26], header[27]]) as usize;
        let date = u16::from_le_bytes([header[12], header[13]]);
        let Ok(name) = std::str::from_utf8(&header[LOCAL_FIXED..LOCAL_FIXED + name_len]) else {
            return Ok(None);
        };
        let canonical = header.len() == z::local_header_len(name_len)
            && header == z::local_header(name, date).as_slice()
            && *self.dos_date.get_or_insert(date) == date
            && self.entries.len() < MAX_ENTRIES
            && self.hold(header.len() + LOOKAHEAD);
        if !canonical {
            return Ok(None);
        }
        let sink = if name == envelope::PADDING_ENTRY {
            Sink::Zeros
        } else {
            let path = self.dir.join(format!("{:05}", self.entries.len()));
            let file = crate::util::create_private_file(&path)?;
            Sink::File {
                out: WriteBehind::hashing(file),
                path,
            }
        };
        Ok(Some(OpenEntry {
            name: name.to_string(),
            offset: self.offset,
            crc: crc32fast::Hasher::new(),
            size: 0,
            sink,
            pending: Zeroizing::new(Vec::new()),
        }))
    }

    /// Consumes entry data: the bytes held back from the last call (`entry.pending`, fewer
    /// than [`LOOKAHEAD`]) followed by `input`. The two are searched as one sequence without
    /// copying `input`: only a descriptor that starts in the held-back bytes is looked at
    /// through a small joined window.
    fn data(
        &mut self,
        mut entry: Box<OpenEntry>,
        input: &[u8],
    ) -> io::Result<Option<Zeroizing<Vec<u8>>>> {
        let held = std::mem::take(&mut entry.pending);
        let work = Joined {
            head: &held,
            tail: input,
        };
        let total = work.len();
        // A descriptor may start at any position from which LOOKAHEAD bytes are available.
        let decidable = (total + 1).saturating_sub(LOOKAHEAD);
        let mut running = entry.crc.clone();
        let mut hashed = 0;
        let mut found = None;
        for p in work.signatures(decidable) {
            work.each(hashed, p, |part| running.update(part));
            hashed = p;
            let size = entry.size + p as u64;
            let descriptor = z::data_descriptor(running.clone().finalize(), size);
            let window = work.window(p);
            let next = &window[z::DESCRIPTOR_LEN..];
            if window[..z::DESCRIPTOR_LEN] == descriptor
                && (next == z::LOCAL_SIGNATURE.to_le_bytes()
                    || next == z::CENTRAL_SIGNATURE.to_le_bytes())
            {
                found = Some((p, window));
                break;
            }
        }
        match found {
            Some((p, window)) => {
                if !self.commit(&mut entry, work.range(0, p))? {
                    return self.abandon(*entry, work).map(|()| None);
                }
                entry.crc = running;
                let leftover = work.copy(p + z::DESCRIPTOR_LEN, total);
                self.close_entry(*entry, &window[..z::DESCRIPTOR_LEN])?;
                self.state = State::Header(Zeroizing::new(Vec::new()));
                Ok((!leftover.is_empty()).then_some(leftover))
            }
            None => {
                let keep_from = decidable.min(total);
                if !self.commit(&mut entry, work.range(0, keep_from))? {
                    return self.abandon(*entry, work).map(|()| None);
                }
                work.each(hashed, keep_from, |part| running.update(part));
                entry.crc = running;
                entry.pending = work.copy(keep_from, total);
                self.state = State::Data(entry);
                Ok(None)
            }
        }
    }

    /// Writes `bytes` (in two parts) into the entry; `false`, with nothing written, when the
    /// padding turns out not to be zeros.
    fn commit(&mut self, entry: &mut OpenEntry, bytes: (&[u8], &[u8])) -> io::Result<bool> {
        let (a, b) = bytes;
        match &mut entry.sink {
            Sink::File { out, .. } => {
                out.write_all(a)?;
                out.write_all(b)?;
            }
            Sink::Zeros => {
                if a.iter().chain(b).any(|&byte| byte != 0) {
                    return Ok(false);
                }
            }
        }
        let len = (a.len() + b.len()) as u64;
        entry.size += len;
        self.offset += len;
        Ok(true)
    }

    /// Gives up on the fast path inside the padding entry: the zeros it held so far stay,
    /// `uncommitted` and everything after go to the spill file.
    fn abandon(&mut self, entry: OpenEntry, uncommitted: Joined<'_>) -> io::Result<()> {
        self.end_sink(entry.sink, entry.size)?;
        self.spill(uncommitted.head, uncommitted.tail)
    }

    /// Finishes an entry's file, or records its zeros; returns the file's path and hash.
    fn end_sink(
        &mut self,
        sink: Sink,
        size: u64,
    ) -> io::Result<(Option<PathBuf>, Option<[u8; 32]>)> {
        match sink {
            Sink::File { out, path } => {
                let (_, sha256) = out.into_file_and_sha256()?;
                Ok((Some(path), sha256))
            }
            Sink::Zeros => {
                self.segments.push(Segment::Zeros(size));
                Ok((None, None))
            }
        }
    }

    fn close_entry(&mut self, entry: OpenEntry, descriptor: &[u8]) -> io::Result<()> {
        let (path, sha256) = self.end_sink(entry.sink, entry.size)?;
        self.entries.push(SplitEntry {
            record: EntryRecord {
                name: entry.name,
                crc: entry.crc.finalize(),
                size: entry.size,
                offset: entry.offset,
            },
            path,
            sha256,
        });
        self.offset += descriptor.len() as u64;
        self.segments
            .push(Segment::Bytes(Zeroizing::new(descriptor.to_vec())));
        Ok(())
    }

    /// Leaves the fast path: `held` then `input` and everything after go to a spill file.
    fn spill(&mut self, held: &[u8], input: &[u8]) -> io::Result<()> {
        let path = self.dir.join("rest");
        let mut spill = crate::util::create_private_file(&path)?;
        spill.write_all(held)?;
        spill.write_all(input)?;
        self.segments.push(Segment::File(path));
        self.state = State::Raw(spill);
        Ok(())
    }

    fn hold(&mut self, bytes: usize) -> bool {
        self.held += bytes;
        self.held <= MAX_HELD
    }

    /// Called once the whole plaintext authenticated: the entries when the ZIP is exactly
    /// what Amana writes, otherwise the whole ZIP rebuilt in `dir`.
    pub fn finish(mut self) -> io::Result<Split> {
        match std::mem::replace(&mut self.state, State::Taken) {
            State::Tail(buf) => {
                let dos_date = self.dos_date.unwrap_or_default();
                let records: Vec<EntryRecord> =
                    self.entries.iter().map(|e| e.record.clone()).collect();
                if buf.as_slice() == z::central_directory(&records, dos_date, self.offset) {
                    return Ok(Split::Entries(std::mem::take(&mut self.entries)));
                }
                self.segments.push(Segment::Bytes(buf));
            }
            State::Header(buf) => self.segments.push(Segment::Bytes(buf)),
            State::Data(mut entry) => {
                let pending = std::mem::take(&mut entry.pending);
                self.end_sink(entry.sink, entry.size)?;
                self.segments.push(Segment::Bytes(pending));
            }
            State::Raw(_) | State::Taken => {}
        }
        self.rebuild().map(Split::Whole)
    }

    fn rebuild(&mut self) -> io::Result<File> {
        let path = self.dir.join("whole.zip");
        let mut whole = crate::util::create_private_file(&path)?;
        for segment in &self.segments {
            match segment {
                Segment::Bytes(b) => whole.write_all(b)?,
                Segment::File(p) => {
                    io::copy(&mut File::open(p)?, &mut whole)?;
                }
                Segment::Zeros(n) => {
                    io::copy(&mut io::repeat(0).take(*n), &mut whole)?;
                }
            }
        }
        for segment in &self.segments {
            if let Segment::File(p) = segment {
                std::fs::remove_file(p)?;
            }
        }
        use std::io::Seek;
        whole.rewind()?;
        Ok(whole)
    }
}

/// The bytes held back from the last write followed by the new ones, seen as one sequence.
#[derive(Clone, Copy)]
struct Joined<'a> {
    head: &'a [u8],
    tail: &'a [u8],
}

impl<'a> Joined<'a> {
    fn len(&self) -> usize {
        self.head.len() + self.tail.len()
    }

    /// Bytes `from..to`, as the part in `head` and the part in `tail`.
    fn range(&self, from: usize, to: usize) -> (&'a [u8], &'a [u8]) {
        let h = self.head.len();
        let head = &self.head[from.min(h)..to.min(h)];
        let tail = &self.tail[from.max(h) - h..to.max(h) - h];
        (head, tail)
    }

    fn each(&self, from: usize, to: usize, mut f: impl FnMut(&[u8])) {
        let (a, b) = self.range(from, to);
        f(a);
        f(b);
    }

    fn copy(&self, from: usize, to: usize) -> Zeroizing<Vec<u8>> {
        let (a, b) = self.range(from, to);
        let mut out = Zeroizing::new(Vec::with_capacity(a.len() + b.len()));
        out.extend_from_slice(a);
        out.extend_from_slice(b);
        out
    }

    /// The [`LOOKAHEAD`] bytes from `at` (the caller makes sure they exist).
    fn window(&self, at: usize) -> [u8; LOOKAHEAD] {
        let mut window = [0; LOOKAHEAD];
        let (a, b) = self.range(at, at + LOOKAHEAD);
        window[..a.len()].copy_from_slice(a);
        window[a.len()..].copy_from_slice(b);
        window
    }

    /// In increasing order, every position below `before` where a descriptor's signature
    /// starts.
    fn signatures(&self, before: usize) -> impl Iterator<Item = usize> + 'a {
        const SIGNATURE: [u8; 4] = z::DESCRIPTOR_SIGNATURE.to_le_bytes();
        let signature = &SIGNATURE;
        let h = self.head.len();
        // Signatures starting in `head` may run into `tail`: search a small joined copy.
        let mut joined = Zeroizing::new(self.head.to_vec());
        joined.extend_from_slice(&self.tail[..self.tail.len().min(signature.len() - 1)]);
        let in_head: Vec<usize> = memchr::memmem::find_iter(&joined, signature)
            .filter(|&p| p < h.min(before))
            .collect();
        let tail_end = (before + signature.len() - 1)
            .saturating_sub(h)
            .min(self.tail.len());
        let in_tail = memchr::memmem::find_iter(&self.tail[..tail_end], signature)
            .map(move |p| p + h)
            .filter(move |&p| p < before);
        in_head.into_iter().chain(in_tail)
    }
}

fn rest(bytes: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    (!bytes.is_empty()).then(|| Zeroizing::new(bytes.to_vec()))
}

impl Write for Splitter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.feed(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let day = time::macros::date!(2026 - 11 - 30);
        let mut z = z::ZipStreamWriter::new(Vec::new(), day);
        for (name, data) in entries {
            z.start_entry(name).unwrap();
            z.write_all(data).unwrap();
            z.end_entry().unwrap();
        }
        z.finish().unwrap()
    }

    /// Feeds `bytes` in pieces of the given sizes (cycled) and finishes.
    fn split(bytes: &[u8], pieces: &[usize]) -> (tempfile::TempDir, Split) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Splitter::new(dir.path());
        let mut at = 0;
        for n in pieces.iter().cycle() {
            if at >= bytes.len() {
                break;
            }
            let end = (at + n.max(&1)).min(bytes.len());
            s.write_all(&bytes[at..end]).unwrap();
            at = end;
        }
        let split = s.finish().unwrap();
        (dir, split)
    }

    fn whole_bytes(split: Split) -> Vec<u8> {
        let Split::Whole(mut f) = split else {
            panic!("expected the general path")
        };
        let mut v = Vec::new();
        f.read_to_end(&mut v).unwrap();
        v
    }

    fn check_entries(split: Split, expected: &[(&str, &[u8])]) {
        let Split::Entries(entries) = split else {
            panic!("expected the fast path")
        };
        assert_eq!(entries.len(), expected.len());
        for (entry, (name, data)) in entries.iter().zip(expected) {
            assert_eq!(entry.record.name, *name);
            assert_eq!(entry.record.size, data.len() as u64);
            if *name == envelope::PADDING_ENTRY {
                assert!(entry.path.is_none());
                continue;
            }
            let on_disk = std::fs::read(entry.path.as_ref().unwrap()).unwrap();
            assert_eq!(on_disk, *data);
            assert_eq!(entry.sha256.unwrap(), crate::util::sha256(&[data]));
        }
    }

    #[test]
    fn amana_zip_splits_into_files_whatever_the_chunking() {
        let big: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let entries: [(&str, &[u8]); 5] = [
            ("message.txt", b"hello PK\x07\x08 there"),
            ("attachments/001-a.bin", &big),
            ("attachments/002-empty", b""),
            ("amana.json", b"{}"),
            ("padding", &[0u8; 5000]),
        ];
        let bytes = zip_of(&entries);
        for pieces in [
            &[1usize][..],
            &[3, 29, 65536],
            &[27, 28, 29],
            &[bytes.len()],
        ] {
            let (_dir, s) = split(&bytes, pieces);
            check_entries(s, &entries);
        }
    }

    #[test]
    fn every_cut_point_splits_the_same() {
        // Descriptors, signatures and look-ahead windows straddling two writes, at every
        // position, including a signature inside an entry's data.
        let entries: [(&str, &[u8]); 4] = [
            ("message.txt", b"PK\x07\x08PK\x07\x08 PK\x03\x04"),
            ("attachments/001-a.bin", &[0x50; 70]),
            ("amana.json", b"{}"),
            ("padding", &[0u8; 40]),
        ];
        let bytes = zip_of(&entries);
        for cut in 1..bytes.len() {
            let (_dir, s) = split(&bytes, &[cut, bytes.len()]);
            check_entries(s, &entries);
            let (_dir, s) = split(&bytes, &[cut, 1, 2, 27]);
            check_entries(s, &entries);
        }
    }

    #[test]
    fn a_descriptor_hidden_in_an_attachment_falls_back_to_the_whole_zip() {
        // The attachment ends its own "entry" early with a valid descriptor and a header.
        let prefix = b"innocent-looking prefix".to_vec();
        let mut crc = crc32fast::Hasher::new();
        crc.update(&prefix);
        let mut evil = prefix.clone();
        evil.extend_from_slice(&z::data_descriptor(crc.finalize(), prefix.len() as u64));
        evil.extend_from_slice(&z::local_header("attachments/999-x", 0x5b7e));
        evil.extend_from_slice(b"tail of the real attachment");
        let entries: [(&str, &[u8]); 3] = [
            ("attachments/001-evil", &evil),
            ("amana.json", b"{}"),
            ("padding", &[0u8; 10]),
        ];
        let bytes = zip_of(&entries);
        let (_dir, s) = split(&bytes, &[4096]);
        assert_eq!(whole_bytes(s), bytes);
    }

    #[test]
    fn padding_that_is_not_zeros_falls_back_to_the_whole_zip() {
        let entries: [(&str, &[u8]); 2] = [("amana.json", b"{}"), ("padding", b"\0\0\0x\0")];
        let bytes = zip_of(&entries);
        let (_dir, s) = split(&bytes, &[2]);
        assert_eq!(whole_bytes(s), bytes);
    }

    #[test]
    fn a_zip_written_by_another_tool_falls_back_to_the_whole_zip() {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("message.txt", opts).unwrap();
        w.write_all(b"hi").unwrap();
        w.finish().unwrap();
        let bytes = out.into_inner();
        let (_dir, s) = split(&bytes, &[7]);
        assert_eq!(whole_bytes(s), bytes);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever comes in, nothing is lost: either exactly the entries, or the same bytes.
        #[test]
        fn nothing_is_lost(
            datas in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..3000), 0..4),
            flip in any::<prop::sample::Index>(),
            do_flip in any::<bool>(),
            pieces in prop::collection::vec(1usize..5000, 1..6),
        ) {
            let names = ["message.txt", "attachments/001-a", "attachments/002-b", "amana.json"];
            let entries: Vec<(&str, &[u8])> =
                datas.iter().enumerate().map(|(i, d)| (names[i], d.as_slice())).collect();
            let mut bytes = zip_of(&entries);
            if do_flip {
                let i = flip.index(bytes.len());
                bytes[i] ^= 0x5a;
            }
            let (_dir, s) = split(&bytes, &pieces);
            match s {
                Split::Entries(_) if !do_flip => check_entries(s, &entries),
                Split::Entries(got) => {
                    // A flip inside an entry's data is caught later, by its SHA-256.
                    let changed = got.iter().zip(&entries).any(|(g, (_, d))| {
                        g.sha256 != Some(crate::util::sha256(&[d]))
                    });
                    prop_assert!(changed || got.len() != entries.len());
                }
                Split::Whole(_) => prop_assert_eq!(whole_bytes(s), bytes),
            }
        }
    }
}
