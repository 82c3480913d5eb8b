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

const VERSION_NEEDED: u16 = 45; // ZIP64
const VERSION_MADE_BY: u16 = (3 << 8) | 45; // Unix, 4.5
const FLAGS: u16 = 0x0008 | 0x0800; // sizes in data descriptor; UTF-8 names
const UNIX_FILE_0644: u32 = 0o100644 << 16;

struct Entry {
    name: String,
    crc: u32,
    size: u64,
    offset: u64,
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
    entries: Vec<Entry>,
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

impl<W: Write> ZipStreamWriter<W> {
    /// Starts an archive whose entries all carry `day` (`YYYY-MM-DD`, time 00:00).
    pub fn new(out: W, day: time::Date) -> Self {
        let year = (day.year() - 1980).clamp(0, 127) as u16;
        let dos_date = (year << 9) | ((u8::from(day.month()) as u16) << 5) | day.day() as u16;
        ZipStreamWriter {
            out,
            offset: 0,
            dos_date,
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
        let central: u64 = self
            .entries
            .iter()
            .map(|e| CENTRAL_HEADER + CENTRAL_ZIP64_EXTRA + e.name.len() as u64)
            .sum();
        self.offset + entry_overhead(next_name_len) + next_data_len + central + END_RECORDS
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
        let mut h = Vec::with_capacity(64 + name.len());
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&VERSION_NEEDED.to_le_bytes());
        h.extend_from_slice(&FLAGS.to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes()); // stored
        h.extend_from_slice(&0u16.to_le_bytes()); // time 00:00
        h.extend_from_slice(&self.dos_date.to_le_bytes());
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
        let offset = self.offset;
        self.put(&h)?;
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
        let mut d = Vec::with_capacity(DATA_DESCRIPTOR as usize);
        d.extend_from_slice(&0x0807_4b50u32.to_le_bytes());
        d.extend_from_slice(&crc.to_le_bytes());
        d.extend_from_slice(&open.size.to_le_bytes());
        d.extend_from_slice(&open.size.to_le_bytes());
        self.put(&d)?;
        self.entries.push(Entry {
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
        let cd_offset = self.offset;
        let entries = std::mem::take(&mut self.entries);
        for e in &entries {
            let mut c = Vec::with_capacity(80 + e.name.len());
            c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            c.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
            c.extend_from_slice(&VERSION_NEEDED.to_le_bytes());
            c.extend_from_slice(&FLAGS.to_le_bytes());
            c.extend_from_slice(&0u16.to_le_bytes());
            c.extend_from_slice(&0u16.to_le_bytes());
            c.extend_from_slice(&self.dos_date.to_le_bytes());
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
            self.put(&c)?;
        }
        let cd_size = self.offset - cd_offset;
        let count = entries.len() as u64;
        let zip64_end_offset = self.offset;
        let mut z = Vec::with_capacity(END_RECORDS as usize);
        z.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
        z.extend_from_slice(&44u64.to_le_bytes());
        z.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
        z.extend_from_slice(&VERSION_NEEDED.to_le_bytes());
        z.extend_from_slice(&0u32.to_le_bytes());
        z.extend_from_slice(&0u32.to_le_bytes());
        z.extend_from_slice(&count.to_le_bytes());
        z.extend_from_slice(&count.to_le_bytes());
        z.extend_from_slice(&cd_size.to_le_bytes());
        z.extend_from_slice(&cd_offset.to_le_bytes());
        z.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
        z.extend_from_slice(&0u32.to_le_bytes());
        z.extend_from_slice(&zip64_end_offset.to_le_bytes());
        z.extend_from_slice(&1u32.to_le_bytes());
        z.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
        let count16 = count.min(0xFFFF) as u16;
        z.extend_from_slice(&count16.to_le_bytes());
        z.extend_from_slice(&count16.to_le_bytes());
        z.extend_from_slice(&(cd_size.min(0xFFFF_FFFF) as u32).to_le_bytes());
        z.extend_from_slice(&(cd_offset.min(0xFFFF_FFFF) as u32).to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
        self.put(&z)?;
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
