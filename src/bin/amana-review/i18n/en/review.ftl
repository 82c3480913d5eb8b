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
