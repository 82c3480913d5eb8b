//! Sealing: a report streams into an age file encrypted to every recipient of its desk.
//!
//! Inside the age file is a stored ZIP ([`zip`]) holding the message, the optional contact
//! details, the attachments, the metadata record and a padding entry that rounds the
//! plaintext's size up to a Padmé length ([`padding`]). Everything streams: memory stays flat
//! whatever the attachments' sizes, and no plaintext is ever written anywhere but into the
//! encryptor.

pub mod padding;
pub mod zip;

use std::io::{self, Write};

use self::zip::ZipStreamWriter;
use crate::desk::DeskPublic;
use crate::envelope::{self, Channel, EnvelopeMeta, Item, Kind};
use crate::util::{CountingWriter, Sha256Stream};

/// Who sent an envelope and how: everything but the content.
#[derive(Debug, Clone)]
pub struct Header {
    /// Report or follow-up.
    pub kind: Kind,
    /// How it arrived.
    pub channel: Channel,
    /// The day it arrived (`YYYY-MM-DD`).
    pub day: String,
    /// The reporter's mailbox reference (hex `lookup_id`).
    pub mailbox: String,
    /// The reporter's reply recipient (`age1…`).
    pub reply_recipient: String,
}

/// What is known of an envelope once sealed: all of it is safe to store on the drop.
///
/// The age file's SHA-256 (for the bundle manifest) is not computed here but when the
/// envelope is exported: hashing every byte once more would cost as much CPU as the
/// encryption itself, on the path a reporter waits on. Tampering in between is caught anyway:
/// age authenticates every chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The envelope's id (also inside the encrypted metadata).
    pub id: String,
    /// The desk it is sealed for.
    pub desk: String,
    /// Key ids of the recipients it is sealed to.
    pub key_ids: Vec<String>,
    /// Size of the age file in bytes.
    pub size: u64,
}

struct OpenItem {
    entry: String,
    name: Option<String>,
    media_type: Option<String>,
    hasher: Sha256Stream,
    size: u64,
}

type Inner<W> = ZipStreamWriter<age::stream::StreamWriter<CountingWriter<W>>>;

/// Streams one envelope into `W`. Call [`EnvelopeWriter::finish`]: an unfinished envelope is
/// a truncated age file that no one can open.
pub struct EnvelopeWriter<W: Write> {
    zip: Inner<W>,
    meta: EnvelopeMeta,
    key_ids: Vec<String>,
    open: Option<OpenItem>,
    message_written: bool,
}

/// Errors while sealing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SealError {
    /// Writing the envelope failed (disk full, connection to storage lost, …).
    #[error("writing the envelope failed: {0}")]
    Io(#[from] io::Error),
    /// The header's day is not `YYYY-MM-DD`.
    #[error("invalid day")]
    BadDay,
    /// The message is longer than allowed.
    #[error(
        "the message is longer than {} characters",
        envelope::MAX_MESSAGE_CHARS
    )]
    MessageTooLong,
    /// The contact details are longer than allowed.
    #[error(
        "the contact details are longer than {} characters",
        envelope::MAX_CONTACT_CHARS
    )]
    ContactTooLong,
}

impl<W: Write> EnvelopeWriter<W> {
    /// Begins an envelope for `desk`, writing the age header to `out` at once.
    pub fn new(out: W, desk: &DeskPublic, header: Header) -> Result<Self, SealError> {
        let day = crate::util::parse_day(&header.day).ok_or(SealError::BadDay)?;
        let recipients: Vec<&dyn age::Recipient> = desk
            .recipients
            .iter()
            .map(|r| &r.recipient as &dyn age::Recipient)
            .collect();
        let encryptor = age::Encryptor::with_recipients(recipients.into_iter())
            .map_err(|e| io::Error::other(e.to_string()))?;
        let age_out = encryptor.wrap_output(CountingWriter::new(out))?;
        let meta = EnvelopeMeta {
            format: envelope::FORMAT.into(),
            version: envelope::VERSION,
            id: envelope::new_envelope_id(),
            kind: header.kind,
            desk: desk.name.clone(),
            channel: header.channel,
            day: header.day,
            mailbox: header.mailbox,
            reply_recipient: header.reply_recipient,
            message: Item {
                entry: envelope::MESSAGE_ENTRY.into(),
                name: None,
                media_type: None,
                size: 0,
                sha256: hex::encode(crate::util::sha256(&[])),
            },
            contact: None,
            attachments: Vec::new(),
        };
        Ok(EnvelopeWriter {
            zip: ZipStreamWriter::new(age_out, day),
            meta,
            key_ids: desk.key_ids(),
            open: None,
            message_written: false,
        })
    }

    /// The envelope's id.
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    /// Ciphertext bytes written so far (roughly; the age layer buffers one 64 KiB chunk).
    pub fn bytes_written(&self) -> u64 {
        self.zip.offset()
    }

    fn whole_item(&mut self, entry: &str, bytes: &[u8]) -> Result<Item, SealError> {
        self.zip.start_entry(entry)?;
        self.zip.write_all(bytes)?;
        let size = self.zip.end_entry()?;
        Ok(Item {
            entry: entry.into(),
            name: None,
            media_type: None,
            size,
            sha256: hex::encode(crate::util::sha256(&[bytes])),
        })
    }

    /// Writes the message (at most 100,000 characters). Without a call, the message is empty.
    pub fn write_message(&mut self, text: &str) -> Result<(), SealError> {
        if text.chars().count() > envelope::MAX_MESSAGE_CHARS {
            return Err(SealError::MessageTooLong);
        }
        assert!(!self.message_written, "one message per envelope");
        self.meta.message = self.whole_item(envelope::MESSAGE_ENTRY, text.as_bytes())?;
        self.message_written = true;
        Ok(())
    }

    /// Writes the reporter's confidential contact details.
    pub fn write_contact(&mut self, text: &str) -> Result<(), SealError> {
        if text.chars().count() > envelope::MAX_CONTACT_CHARS {
            return Err(SealError::ContactTooLong);
        }
        self.meta.contact = Some(self.whole_item(envelope::CONTACT_ENTRY, text.as_bytes())?);
        Ok(())
    }

    /// Begins an attachment; write its bytes with [`Write`], then call
    /// [`EnvelopeWriter::end_attachment`]. `name` and `media_type` are the reporter's
    /// (untrusted) and are kept only in the metadata; the entry name is made safe.
    pub fn begin_attachment(&mut self, name: &str, media_type: &str) -> Result<(), SealError> {
        let index = self.meta.attachments.len() + 1;
        let safe = crate::names::safe_file_name(name, "attachment");
        let entry = format!("{}{index:03}-{safe}", envelope::ATTACHMENT_DIR);
        self.zip.start_entry(&entry)?;
        self.open = Some(OpenItem {
            entry,
            name: Some(name.chars().take(1024).collect()),
            media_type: Some(media_type.chars().take(255).collect()),
            hasher: Sha256Stream::new(),
            size: 0,
        });
        Ok(())
    }

    /// Ends the attachment begun last.
    pub fn end_attachment(&mut self) -> Result<(), SealError> {
        let open = self.open.take().expect("an attachment is open");
        self.zip.end_entry()?;
        self.meta.attachments.push(Item {
            entry: open.entry,
            name: open.name,
            media_type: open.media_type,
            size: open.size,
            sha256: hex::encode(open.hasher.finalize()),
        });
        Ok(())
    }

    /// Writes the metadata record and the padding, finishes the age file and returns the
    /// output writer (not yet synced: the caller makes it durable) with the envelope's facts.
    pub fn finish(mut self) -> Result<(W, Sealed), SealError> {
        assert!(self.open.is_none(), "end the attachment first");
        if !self.message_written {
            self.write_message("")?;
        }
        let meta_json = serde_json::to_vec_pretty(&self.meta).map_err(io::Error::other)?;
        self.zip.start_entry(envelope::META_ENTRY)?;
        self.zip.write_all(&meta_json)?;
        self.zip.end_entry()?;

        let unpadded = self.zip.finished_size(envelope::PADDING_ENTRY.len(), 0);
        let pad = padding::padme(unpadded) - unpadded;
        self.zip.start_entry(envelope::PADDING_ENTRY)?;
        let zeros = [0u8; 8192];
        let mut left = pad;
        while left > 0 {
            let n = left.min(zeros.len() as u64) as usize;
            self.zip.write_all(&zeros[..n])?;
            left -= n as u64;
        }
        self.zip.end_entry()?;

        let age_out = self.zip.finish()?;
        let counting = age_out.finish()?;
        let (out, size) = counting.finish();
        Ok((
            out,
            Sealed {
                id: self.meta.id.clone(),
                desk: self.meta.desk.clone(),
                key_ids: self.key_ids.clone(),
                size,
            },
        ))
    }
}

impl<W: Write> Write for EnvelopeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.zip.write(buf)?;
        let open = self.open.as_mut().expect("write only inside an attachment");
        open.hasher.update(&buf[..n]);
        open.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.zip.flush()
    }
}
