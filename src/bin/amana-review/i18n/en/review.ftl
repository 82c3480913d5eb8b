## amana-review: every message it prints for a person. English is complete and the fallback.
## Keep this file's output byte for byte as tests/cmd/*.md pins it.

## Any failure
error = error: { $message }
internal-error = { $detail }
io-error = { $kind ->
        [no-terminal] no terminal to ask for the passphrase: use { $option }
       *[other] { $os }
    }
path-error = { $path }: { $reason }

## Passphrases
passphrase-new = Passphrase for the new desk key:
passphrase-repeat = Repeat the passphrase:
passphrase-for = Passphrase for { $path }:
passphrases-differ = the passphrases differ
passphrase-too-short = the passphrase is too short (at least 8 characters; use a long one)

## keygen
key-exists = { $path } already exists; refusing to overwrite a key
keygen-desk = Desk { $desk }:
keygen-secret-file = secret key file: { $path } (keep it on this machine; back it up)
keygen-public-file = public file:     { $path } (copy it into the drop's keys folder)
keygen-recipient-id = recipient key id: { $id }
keygen-signing-id = signing key id:   { $id }

## A drop seen for the first time
trust-new-drop = This bundle was signed by a drop this machine has not seen before.
trust-fingerprint-is = Its fingerprint is:
trust-compare =
    Compare it, character by character, with the fingerprint the drop printed
    at its first start. Type "yes" to trust this drop from now on:
trust-yes = yes

## open
open-signed-by = Bundle signed by drop { $fingerprint }
open-counts = { $listed } envelope(s) listed; { $opened } opened now; { $before } already opened before; { $other } for other desks.
open-case = case { $case }  { $dir }  ({ $attachments } attachment(s))
open-other-desk = for desk { $desk }: { $count } envelope(s), left sealed
open-missing-bundles = WARNING: bundles { $first } to { $last } of desk { $desk } never reached this machine (withheld or lost): ask the drop's operator.
open-unknown-key = ALARM: { $file } is for desk { $desk } but sealed to keys this desk does not hold. The drop's key file may have been swapped: stop using the drop and check its keys folder.
open-wrong-key = This identity opens none of the envelopes in this bundle.
progress-decimal-mark = .
progress-size = { $n } { $unit ->
        [b] B
        [kib] KiB
        [mib] MiB
        [gib] GiB
       *[tib] TiB
    }
progress-left = { $n }{ $unit ->
        [s] s
        [m] m
       *[h] h
    }

## Table headings (list, cases)
col-case = CASE
col-desk = DESK
col-messages = MESSAGES
col-first = FIRST
col-latest = LATEST
col-arrived = ARRIVED
col-status = STATUS
col-msgs = MSGS
col-replies = REPLIES
col-acknowledgment = ACKNOWLEDGMENT
col-feedback = FEEDBACK

## list, show
list-empty = No cases in { $dir }.
show-case-error = case { $case }: { $reason }
show-bad-case-id = a case id is hexadecimal (see `{ $command }`)
show-case = Case { $case }: { $count } message(s)
show-envelope = { $day }  { $kind }  desk { $desk }  via { $channel }  envelope { $id }
kind-report = Report
kind-follow-up = FollowUp
channel-web = Web
channel-phone = Phone
channel-counter = Counter
channel-post = Post
show-folder = folder: { $dir }
show-message = message: { $size } bytes, sha256 { $sha256 }
show-contact = contact details: given (contact.txt)
show-attachment = attachment { $name }: { $size } bytes, { $media_type }, sha256 { $sha256 }
show-sent-as = (sent as "{ $name }")

## reply
reply-too-long = a reply has at most { $max } characters
reply-needs-reason = closing or referring a case needs { $option } (the reporter sees it)
reply-needs-referred-to = referring a case needs { $option }
reply-no-signing-key = this identity has no signing key: replies are signed with the desk key made by `{ $tool }`
reply-no-desk = this identity names no desk
reply-no-case = no case { $case } in the register: open its bundle first
reply-bad-recipient = the case's reply key is malformed
reply-other-bundle = { $path }: { $reason } (write replies for another drop or desk to another file)
reply-added = Reply { $id } (number { $number }) to case { $case } added to { $path }; { $replies } repl(ies) in the bundle, { $acknowledged } envelope(s) acknowledged.
reply-carry = Carry it to the drop and run: { $command }

## cases
status-received = received
status-in-review = in-review
status-referred = referred
status-closed = closed
due-met = done { $day }
due-due = due { $day }
due-overdue = OVERDUE since { $day }
due-none = -
cases-unknown-regime = unknown regime { $regime }: use { $first } or { $second }
cases-bad-today = { $option } takes YYYY-MM-DD
cases-empty = No cases in the register yet.
cases-overdue = { $count } deadline(s) overdue.

## The library's errors
error-wrong-passphrase = wrong passphrase
error-key-line = line { $line }: { $reason }
error-no-recipients = the file lists no age recipient (age1…)
error-bad-desk-name = desk names use 1–64 characters: lower-case letters, digits and hyphens
error-excessive-work = the identity file asks for too much work (scrypt 2^{ $log }); refusing
error-not-an-identity = this is not an identity file: { $reason }
error-no-identity = the identity file holds no age secret key (AGE-SECRET-KEY-1…)
error-key-too-large = the file is too large for a key file (more than { $max } bytes)
error-bundle-malformed = this is not a valid Amana bundle: { $detail }
error-bundle-signature = the bundle's signature does not verify: it was changed after the drop signed it
error-bundle-truncated = the bundle is truncated: { $missing } of its { $listed } envelopes are missing
error-bundle-tampered = the bundle was tampered with: { $detail }
error-envelope-changed = envelope { $file } changed on the drop after it was sealed
error-bad-envelope = envelope { $file } is damaged: { $reason }
error-untrusted-drop = this bundle comes from a drop this machine does not trust yet (fingerprint { $fingerprint }). Compare the fingerprint with the one the drop printed at its first start, then run again with --trust-drop "{ $fingerprint }"
error-replayed = replayed bundle: desk { $desk } bundle number { $got } is not newer than number { $last }, already opened here. Nothing was opened
error-output = cannot write the output at { $path }: { $reason }. Nothing half-written was left
error-state = reviewer state at { $path }: { $reason }
error-replies-malformed = this is not a valid reply bundle: { $detail }
error-replies-unknown-desk = the reply bundle is for desk { $desk }, which this drop does not have
error-replies-no-signing-key = desk { $desk } has no signing key matching this bundle
error-replies-signature = the reply bundle's signature does not verify: it was changed or signed by another key
error-replies-wrong-drop = the reply bundle was made for another drop
error-replies-tampered = the reply bundle was tampered with: { $detail }
error-replies-undecryptable = the reply does not open with this key

## Why a line of a key file is refused (after "line N: ")
key-line-field-syntax = an amana field needs `name: value`
key-line-bad-signing-key = not an ed25519 key
key-line-unknown-format = unknown format version "{ $version }" (this drop reads 1)
key-line-unknown-field = unknown field `amana-{ $field }`
key-line-bad-recipient = not an X25519 age recipient: { $detail }
key-line-unexpected = expected an age recipient (age1…), a comment (#) or an amana field
key-line-bad-signing-secret = not an ed25519 secret key
key-line-bad-secret-key = not an age secret key: { $detail }

## Why a file is not an identity file (after "this is not an identity file: ")
identity-not-text = not text
identity-unexpected-line = line { $line } is neither a secret key nor a comment
identity-armored = armored identity files are not supported; use the binary form
identity-encrypted-to-key = the file is encrypted to a key, not a passphrase
identity-age = age cannot read it: { $detail }

## Why a bundle is not valid (after "this is not a valid Amana bundle: ")
malformed-manifest-not-first = expected { $manifest } first
malformed-signature-not-second = expected { $signature } after { $manifest }
malformed-too-large = { $name } is too large
malformed-cut-in-file = the bundle ends in the middle of a file (truncated)
malformed-framing = damaged or truncated tar framing ({ $detail })
malformed-dirty-padding = non-zero bytes in the tar padding
malformed-stray-blocks = unexpected blocks between the bundle's files
malformed-missing = the bundle ends before { $name }
malformed-foreign-header = the tar header of { $name } is not the one the drop writes
malformed-end-missing = the bundle's end blocks are missing (truncated)
malformed-trailing-data = data after the end of the bundle
malformed-manifest-json = { $manifest } does not parse: { $detail }
malformed-not-a-manifest = not an Amana bundle manifest
malformed-unsupported-version = manifest version { $version } is not supported (this tool reads { $supported })
malformed-bad-drop-key = the drop key is not an ed25519 key
malformed-too-many-envelopes = too many envelopes ({ $count }; at most { $max })
malformed-bad-day = the manifest's day "{ $day }" is not a date
malformed-unsorted = envelopes are not sorted or are listed twice
malformed-bad-envelope-name = bad envelope name "{ $file }"
malformed-no-sequence = desk "{ $desk }" has no sequence number
malformed-bad-hash = the SHA-256 of { $file } is malformed
malformed-bad-desk-name = bad desk name "{ $desk }"
malformed-bad-envelope-file = bad envelope file name { $path }

## How a bundle was tampered with (after "the bundle was tampered with: ")
tampered-unlisted = unlisted entry "{ $name }"
tampered-unexpected = expected { $expected } but found "{ $found }" (reordered, replaced or removed)
tampered-not-a-file = { $name } is not a plain file
tampered-size = { $name } is { $actual } bytes, the manifest says { $listed }
tampered-differs = { $name } differs from the signed manifest

## Why an envelope is refused (after "envelope FILE is damaged: ")
envelope-no-matching-key = none of this identity's keys opens it, although the manifest lists it for them
envelope-undecryptable = it does not decrypt: { $reason }
envelope-contents = its contents are malformed: { $reason }
envelope-desk-mismatch = sealed for desk "{ $sealed }" but listed for "{ $listed }"

## Why an age file does not decrypt (after "it does not decrypt: "; also the case register)
age-passphrase = encrypted with a passphrase, not to a desk's keys
age-header = the age header is invalid or was changed
age-truncated = the age file ends before its last chunk (truncated)
age-authentication = the encrypted data does not authenticate: it was changed or damaged
age-unsupported = an age format this tool does not read
age-read = reading failed
age-detail = { $reason } (age: { $detail })

## Why an envelope's contents are refused (after "its contents are malformed: ")
contents-not-a-zip = not a ZIP archive (ZIP reader: { $detail })
contents-no-metadata = the metadata record { $entry } is missing
contents-metadata-too-large = the metadata record { $entry } is too large
contents-unreadable = { $entry } cannot be read (ZIP reader: { $detail })
contents-duplicate = the archive holds { $entry } twice
contents-missing = { $entry } is missing
contents-listed-twice = the metadata lists { $entry } twice
contents-wrong-size = { $entry } is { $actual } bytes, the metadata says { $recorded }
contents-hash-mismatch = { $entry } does not match the SHA-256 its metadata records
contents-metadata-json = the metadata record does not parse: { $detail }
contents-unsupported = envelope format "{ $format }" version { $version } is not supported
contents-bad-id = the envelope id is malformed
contents-bad-mailbox = the mailbox reference is malformed
contents-bad-day = the day is not a date
contents-bad-desk = the desk name is malformed

## What is wrong with the reviewer's state (after "reviewer state at PATH: ")
state-damaged = the file is damaged and does not parse: { $detail }; restore it from a backup
state-undecryptable = the case register does not decrypt: { $reason }; restore it from a backup
state-not-this-identity = this identity does not open the case register
state-seal = the case register cannot be sealed to the desk's keys (age: { $detail })

## Why a reply bundle is not valid, or was tampered with
replies-framing = damaged or truncated tar framing ({ $detail })
replies-not-a-file = "{ $name }" is not a plain file
replies-too-large = "{ $name }" is too large
replies-too-many-files = too many replies (at most { $max })
replies-cut-in-file = the bundle ends in the middle of "{ $name }" (truncated)
replies-misplaced = expected { $expected } but found "{ $found }"
replies-no-manifest = no signed manifest
replies-manifest-json = the manifest does not parse: { $detail }
replies-not-replies = not an Amana reply manifest
replies-unsupported-version = reply manifest version { $version } is not supported (this tool reads { $supported })
replies-too-many-entries = too many entries ({ $replies } replies, { $acknowledged } acknowledged envelopes)
replies-bad-acknowledged-id = bad envelope id "{ $id }"
replies-bad-entry = bad entry "{ $file }"
replies-content-json = the reply's content does not parse: { $detail }
replies-count = the manifest lists { $listed } repl(ies) but the bundle holds { $found }
replies-differs = { $file } differs from the manifest
