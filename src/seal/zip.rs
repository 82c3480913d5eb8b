//! A minimal streaming ZIP writer: stored (uncompressed) entries, sizes in data descriptors,
//! ZIP64 fields on every entry so that sizes are unbounded and every header has a fixed
//! length. One pass, no seeking, memory independent of entry sizes.
//!
//! The layout is the one Python's `zipfile` writes for streamed ZIP64 entries, and stock
//! `unzip`, Go's `archive/zip`, Python and the `zip` crate read it. Fixed header lengths let
//! [`ZipStreamWriter::finished_size`] predict the final size exactly, which the envelope's
//! padding needs.

use std::io::{self, Write};

const LOCAL_HEADER: u64 = 30;
const LOCAL_ZIP64_EXTRA: u64 = 20;
const DATA_DESCRIPTOR: u64 = 24;
const CENTRAL_HEADER: u64 = 46;
const CENTRAL_ZIP64_EXTRA: u64 = 28;
const END_RECORDS: u64 = 56 + 20 + 22;

/// Signature of a local header.
pub const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
/// Signature of a data descriptor.
pub const DESCRIPTOR_SIGNATURE: u32 = 0x0807_4b50;
/// Signature of a central directory record.
pub const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
/// Length of a data descriptor (ZIP64 sizes).
pub const DESCRIPTOR_LEN: usize = DATA_DESCRIPTOR as usize;

const VERSION_NEEDED: u16 = 45; // ZIP64
const VERSION_MADE_BY: u16 = (3 << 8) | 45; // Unix, 4.5
const FLAGS: u16 = 0x0008 | 0x0800; // sizes in data descriptor; UTF-8 names
const UNIX_FILE_0644: u32 = 0o100644 << 16;

/// One finished entry, as the central directory records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRecord {
    /// The entry's name.
    pub name: String,
    /// CRC-32 of its data.
    pub crc: u32,
    /// Its data's size in bytes.
    pub size: u64,
    /// Offset of its local header from the start of the archive.
    pub offset: u64,
}

struct Open {
    name: String,
    crc: crc32fast::Hasher,
    size: u64,
    offset: u64,
}

/// Writes a ZIP archive to `W` one entry at a time.
pub struct ZipStreamWriter<W: Write> {
    out: W,
    offset: u64,
    dos_date: u16,
    entries: Vec<EntryRecord>,
    open: Option<Open>,
}

/// Bytes an entry named `name_len` bytes long adds around `data_len` bytes of data
/// (local header, data descriptor and central directory record).
pub fn entry_overhead(name_len: usize) -> u64 {
    LOCAL_HEADER
        + LOCAL_ZIP64_EXTRA
        + DATA_DESCRIPTOR
        + CENTRAL_HEADER
        + CENTRAL_ZIP64_EXTRA
        + 2 * name_len as u64
}

/// The MS-DOS date field for `day`.
pub fn dos_date(day: time::Date) -> u16 {
    let year = (day.year() - 1980).clamp(0, 127) as u16;
    (year << 9) | ((u8::from(day.month()) as u16) << 5) | day.day() as u16
}

/// The local header this writer puts before an entry's data: fixed fields, so that a reader
/// can check a header byte for byte (see [`crate::review`]).
pub fn local_header(name: &str, dos_date: u16) -> Vec<u8> {
    let mut h = Vec::with_capacity(64 + name.len());
    h.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
    h.extend_from_slice(&VERSION_NEEDED.to_le_bytes());
    h.extend_from_slice(&FLAGS.to_le_bytes());
    h.extend_from_slice(&0u16.to_le_bytes()); // stored
    h.extend_from_slice(&0u16.to_le_bytes()); // time 00:00
    h.extend_from_slice(&dos_date.to_le_bytes());
    h.extend_from_slice(&0u32.to_le_bytes()); // CRC in the descriptor
    h.extend_from_slice(&u32::MAX.to_le_bytes());
    h.extend_from_slice(&u32::MAX.to_le_bytes());
    h.extend_from_slice(&(name.len() as u16).to_le_bytes());
    h.extend_from_slice(&(LOCAL_ZIP64_EXTRA as u16).to_le_bytes());
    h.extend_from_slice(name.as_bytes());
    h.extend_from_slice(&1u16.to_le_bytes()); // ZIP64 extra
    h.extend_from_slice(&16u16.to_le_bytes());
    h.extend_from_slice(&0u64.to_le_bytes());
    h.extend_from_slice(&0u64.to_le_bytes());
    h
}

/// Length of a local header for a name `name_len` bytes long.
pub fn local_header_len(name_len: usize) -> usize {
    (LOCAL_HEADER + LOCAL_ZIP64_EXTRA) as usize + name_len
}

/// The data descriptor after an entry of `size` bytes with CRC-32 `crc`.
pub fn data_descriptor(crc: u32, size: u64) -> [u8; DATA_DESCRIPTOR as usize] {
    let mut d = [0u8; DATA_DESCRIPTOR as usize];
    d[..4].copy_from_slice(&DESCRIPTOR_SIGNATURE.to_le_bytes());
    d[4..8].copy_from_slice(&crc.to_le_bytes());
    d[8..16].copy_from_slice(&size.to_le_bytes());
    d[16..24].copy_from_slice(&size.to_le_bytes());
    d
}

/// The central directory and end records for `entries`, written at `cd_offset`.
pub fn central_directory(entries: &[EntryRecord], dos_date: u16, cd_offset: u64) -> Vec<u8> {
    let mut c = Vec::new();
    for e in entries {
        c.extend_from_slice(&CENTRAL_SIGNATURE.to_le_bytes());
        c.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
        c.extend_from_slice(&VERSION_NEEDED.to_le_bytes());
        c.extend_from_slice(&FLAGS.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&dos_date.to_le_bytes());
        c.extend_from_slice(&e.crc.to_le_bytes());
        c.extend_from_slice(&u32::MAX.to_le_bytes());
        c.extend_from_slice(&u32::MAX.to_le_bytes());
        c.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        c.extend_from_slice(&(CENTRAL_ZIP64_EXTRA as u16).to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes()); // comment
        c.extend_from_slice(&0u16.to_le_bytes()); // disk
        c.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        c.extend_from_slice(&UNIX_FILE_0644.to_le_bytes());
        c.extend_from_slice(&u32::MAX.to_le_bytes());
        c.extend_from_slice(e.name.as_bytes());
        c.extend_from_slice(&1u16.to_le_bytes());
        c.extend_from_slice(&24u16.to_le_bytes());
        c.extend_from_slice(&e.size.to_le_bytes());
        c.extend_from_slice(&e.size.to_le_bytes());
        c.extend_from_slice(&e.offset.to_le_bytes());
    }
    let cd_size = c.len() as u64;
    let count = entries.len() as u64;
    let zip64_end_offset = cd_offset + cd_size;
    c.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
    c.extend_from_slice(&44u64.to_le_bytes());
    c.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
    c.extend_from_slice(&VERSION_NEEDED.to_le_bytes());
    c.extend_from_slice(&0u32.to_le_bytes());
    c.extend_from_slice(&0u32.to_le_bytes());
    c.extend_from_slice(&count.to_le_bytes());
    c.extend_from_slice(&count.to_le_bytes());
    c.extend_from_slice(&cd_size.to_le_bytes());
    c.extend_from_slice(&cd_offset.to_le_bytes());
    c.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
    c.extend_from_slice(&0u32.to_le_bytes());
    c.extend_from_slice(&zip64_end_offset.to_le_bytes());
    c.extend_from_slice(&1u32.to_le_bytes());
    c.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    c.extend_from_slice(&0u16.to_le_bytes());
    c.extend_from_slice(&0u16.to_le_bytes());
    let count16 = count.min(0xFFFF) as u16;
    c.extend_from_slice(&count16.to_le_bytes());
    c.extend_from_slice(&count16.to_le_bytes());
    c.extend_from_slice(&(cd_size.min(0xFFFF_FFFF) as u32).to_le_bytes());
    c.extend_from_slice(&(cd_offset.min(0xFFFF_FFFF) as u32).to_le_bytes());
    c.extend_from_slice(&0u16.to_le_bytes());
    c
}

/// Length of [`central_directory`]'s output for entries with these name lengths.
pub fn central_directory_len(name_lens: impl Iterator<Item = usize>) -> u64 {
    name_lens
        .map(|n| CENTRAL_HEADER + CENTRAL_ZIP64_EXTRA + n as u64)
        .sum::<u64>()
        + END_RECORDS
}

impl<W: Write> ZipStreamWriter<W> {
    /// Starts an archive whose entries all carry `day` (`YYYY-MM-DD`, time 00:00).
    pub fn new(out: W, day: time::Date) -> Self {
        ZipStreamWriter {
            out,
            offset: 0,
            dos_date: dos_date(day),
            entries: Vec::new(),
            open: None,
        }
    }

    /// Bytes written so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The archive's size if it were finished now, after one more entry named
    /// `next_name_len` bytes long holding `next_data_len` bytes.
    pub fn finished_size(&self, next_name_len: usize, next_data_len: u64) -> u64 {
        let central = central_directory_len(self.entries.iter().map(|e| e.name.len()));
        self.offset + entry_overhead(next_name_len) + next_data_len + central
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.offset += bytes.len() as u64;
        Ok(())
    }

    /// Begins an entry. Names are chosen by Amana, never by a reporter.
    pub fn start_entry(&mut self, name: &str) -> io::Result<()> {
        assert!(self.open.is_none(), "finish the previous entry first");
        assert!(name.len() < u16::MAX as usize);
        let offset = self.offset;
        self.put(&local_header(name, self.dos_date))?;
        self.open = Some(Open {
            name: name.to_string(),
            crc: crc32fast::Hasher::new(),
            size: 0,
            offset,
        });
        Ok(())
    }

    /// Ends the open entry with its data descriptor; returns its size.
    pub fn end_entry(&mut self) -> io::Result<u64> {
        let open = self.open.take().expect("an entry is open");
        let crc = open.crc.finalize();
        self.put(&data_descriptor(crc, open.size))?;
        self.entries.push(EntryRecord {
            name: open.name,
            crc,
            size: open.size,
            offset: open.offset,
        });
        Ok(open.size)
    }

    /// Writes the central directory and end records; returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        assert!(self.open.is_none(), "finish the last entry first");
        let tail = central_directory(&self.entries, self.dos_date, self.offset);
        self.put(&tail)?;
        Ok(self.out)
    }
}

impl<W: Write> Write for ZipStreamWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.offset += n as u64;
        let open = self.open.as_mut().expect("write only inside an entry");
        open.crc.update(&buf[..n]);
        open.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn zip_crate_reads_it_and_size_is_predicted() {
        let day = time::macros::date!(2026 - 11 - 30);
        let mut z = ZipStreamWriter::new(Vec::new(), day);
        z.start_entry("a.txt").unwrap();
        z.write_all(b"hello").unwrap();
        z.end_entry().unwrap();
        let predicted = z.finished_size(4, 1000);
        z.start_entry("pad0").unwrap();
        z.write_all(&[0u8; 1000]).unwrap();
        z.end_entry().unwrap();
        let bytes = z.finish().unwrap();
        assert_eq!(bytes.len() as u64, predicted);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut s = String::new();
        archive
            .by_name("a.txt")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "hello");
        assert_eq!(archive.by_name("pad0").unwrap().size(), 1000);
    }
}
