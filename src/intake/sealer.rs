//! The sealing thread: the envelope writer is synchronous (`std::io::Write`), so each upload
//! gets a blocking thread that owns it, fed through a small bounded channel. The channel's
//! bound is what keeps memory flat: when the disk or the cipher is slower than the network,
//! the request handler waits instead of buffering.
//!
//! If the handler goes away (the connection dropped, a limit was hit) the channel closes
//! without a `Finish`, the thread drops the half-written envelope and its temporary file
//! is deleted: a failed upload leaves nothing behind.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::mpsc;
use zeroize::Zeroizing;

use crate::desk::DeskPublic;
use crate::seal::{EnvelopeWriter, Header, SealError, Sealed};
use crate::store::{EnvelopeOutput, Store};

/// Chunks in flight between the handler and the thread.
const CHANNEL_DEPTH: usize = 8;

enum Command {
    Begin {
        name: String,
        media_type: String,
    },
    Chunk(Bytes),
    End,
    Finish {
        message: Zeroizing<String>,
        contact: Option<Zeroizing<String>>,
    },
}

/// A sealed and placed envelope.
pub struct Placed {
    /// Where it now lies.
    pub path: PathBuf,
    /// Its facts.
    pub sealed: Sealed,
}

/// The handler's end of one sealing thread.
pub struct Sealer {
    tx: mpsc::Sender<Command>,
    /// `None` once the thread's result has been collected (it stopped early).
    thread: Option<tokio::task::JoinHandle<Result<Placed, SealError>>>,
}

fn stopped() -> SealError {
    SealError::Io(std::io::Error::other("the sealing thread stopped"))
}

impl Sealer {
    /// Starts a thread sealing one envelope for `desk` into a temporary file of `store`.
    pub fn start(store: Arc<Store>, desk: DeskPublic, header: Header) -> Self {
        let (tx, rx) = mpsc::channel(CHANNEL_DEPTH);
        let thread = tokio::task::spawn_blocking(move || run(store, desk, header, rx));
        Sealer {
            tx,
            thread: Some(thread),
        }
    }

    async fn send(&mut self, command: Command) -> Result<(), SealError> {
        if self.tx.send(command).await.is_ok() {
            return Ok(());
        }
        // The thread stopped early: its result says why.
        match self.thread.take() {
            Some(thread) => match thread.await {
                Ok(Err(e)) => Err(e),
                _ => Err(stopped()),
            },
            None => Err(stopped()),
        }
    }

    /// Begins an attachment.
    pub async fn begin(&mut self, name: &str, media_type: &str) -> Result<(), SealError> {
        self.send(Command::Begin {
            name: name.to_string(),
            media_type: media_type.to_string(),
        })
        .await
    }

    /// Seals the next chunk of the open attachment.
    pub async fn chunk(&mut self, chunk: Bytes) -> Result<(), SealError> {
        self.send(Command::Chunk(chunk)).await
    }

    /// Ends the open attachment.
    pub async fn end(&mut self) -> Result<(), SealError> {
        self.send(Command::End).await
    }

    /// Abandons the envelope and waits until its temporary file is gone, so that an error
    /// page is only shown once nothing of the upload is left.
    pub async fn abort(self) {
        drop(self.tx);
        if let Some(thread) = self.thread {
            let _ = thread.await;
        }
    }

    /// Writes the message and contact, finishes the envelope and places it durably.
    pub async fn finish(
        mut self,
        message: Zeroizing<String>,
        contact: Option<Zeroizing<String>>,
    ) -> Result<Placed, SealError> {
        self.send(Command::Finish { message, contact }).await?;
        drop(self.tx);
        match self.thread {
            Some(thread) => thread.await.map_err(|_| stopped())?,
            None => Err(stopped()),
        }
    }
}

fn run(
    store: Arc<Store>,
    desk: DeskPublic,
    header: Header,
    mut rx: mpsc::Receiver<Command>,
) -> Result<Placed, SealError> {
    let day = header.day.clone();
    let tmp = store.temp_envelope()?;
    let out = EnvelopeOutput::new(tmp.as_file().try_clone()?);
    let mut writer = EnvelopeWriter::new(out, &desk, header)?;
    let mut in_attachment = false;
    while let Some(command) = rx.blocking_recv() {
        match command {
            Command::Begin { name, media_type } => {
                writer.begin_attachment(&name, &media_type)?;
                in_attachment = true;
            }
            Command::Chunk(bytes) => writer.write_all(&bytes)?,
            Command::End => {
                writer.end_attachment()?;
                in_attachment = false;
            }
            Command::Finish { message, contact } => {
                if in_attachment {
                    writer.end_attachment()?;
                }
                writer.write_message(&message)?;
                if let Some(contact) = contact.filter(|c| !c.trim().is_empty()) {
                    writer.write_contact(&contact)?;
                }
                let (out, sealed) = writer.finish()?;
                out.into_file()?;
                let path = store.place_envelope(tmp, &sealed, &day)?;
                return Ok(Placed { path, sealed });
            }
        }
    }
    // The handler went away without finishing: dropping `tmp` deletes the partial file.
    Err(SealError::Io(std::io::Error::other("upload abandoned")))
}
