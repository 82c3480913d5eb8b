## amana-drop: every message it prints for the operator. English is complete and the fallback.
## The reporter's pages have their own messages (src/intake/i18n/). Log lines stay in English.

## Any failure
error = amana-drop: { $message }
io-error = { $kind ->
       *[other] { $os }
    }
path-error = { $path }: { $reason }
cannot-start = cannot start: { $reason }

## The configuration file
config-unreadable = cannot read the configuration file { $path }: { $reason }
config-invalid-at = the configuration file { $path } is invalid at line { $line }, column { $column }: { $problem }
config-invalid = the configuration file { $path } is invalid: { $problem }
config-invalid-values = invalid configuration: { $problem }
problem-syntax = the text is not valid TOML: { $detail }
problem-unknown-key = unknown key `{ $key }`
problem-unknown-key-in = unknown key `{ $key }` in { $table }
problem-allowed-keys = { $problem }; the keys allowed there are { $keys }
problem-missing-key = the key `{ $key }` is missing
problem-missing-key-in = the key `{ $key }` is missing from { $table }
problem-bad-value = the value { $value } of `{ $key }` is refused: { $detail }
problem-bad-value-no-key = the value { $value } is refused: { $detail }
problem-unknown-language = default_language "{ $value }" is not offered; use one of { $offered }
problem-weak-kdf = `{ $key }`: the key derivation needs at least { $memory } KiB of memory and { $passes } passes, with a parallelism Argon2 accepts
problem-zero-limit = `{ $key }` must be greater than zero

## Desks, secrets, data folder
keys-folder-unreadable = cannot read the keys folder { $path }: { $reason }
desk-file-unreadable = cannot read the desk key file { $path }: { $reason }
desk-file-line = the desk key file { $path } is invalid at line { $line }: { $reason }
desk-file-no-recipient = the desk key file { $path } lists no age recipient (a line starting with age1)
desk-file-bad-name = the desk key file { $path } names its desk wrongly: desk names use 1–64 characters: lower-case letters, digits and hyphens
desk-file-too-large = the desk key file { $path } is too large for a key file (more than { $max } bytes)
desk-file-not-public = the desk key file { $path } is not a desk's public key file
desk-file-mismatch = the desk key file { $path } is for desk `{ $in_file }`, but the configuration says `{ $configured }`
no-desks = no desk: put a desk's NAME.pub file in { $path } or list desks in the configuration
demo-not-loopback = the demo desk's secret key is public: the drop refuses to run it on { $addr }. Listen on 127.0.0.1, or replace keys/demo.pub with your own desk keys
secrets-error = the drop's secrets in { $path }: { $reason }
data-folder-error = the data folder { $path }: { $reason }
data-folder-in-use = cannot open the data folder { $path }: { $reason }. Is a drop running on it without its admin socket?
store-database = the record database failed: { $detail }
store-damaged = a stored record is damaged: { $detail }
store-refused = the mailbox refused the message
damage-mailbox = the mailbox record is damaged or belongs to another mailbox
damage-note-tag-taken = a sent note exists under that tag
damage-envelope-id = an envelope record's id is not text
damage-envelope-record = an envelope record does not parse: { $detail }
damage-sequence = the bundle number of desk "{ $desk }"
damage-reply = a stored reply is too short
damage-reply-key = a stored reply's key has the wrong length

## serve
cannot-listen = cannot listen on { $addr }: { $reason }
new-secrets =
    New drop signing key and install salt created in { $path }.
    Back up that folder now: losing the salt cuts every reporter off from their mailbox.
new-fingerprint = Drop fingerprint (the reviewer will ask you to confirm it): { $fingerprint }
demo-warning =
    DEMO MODE: reports are sealed to the DEMO desk, whose secret key is
    published with Amana. Anyone can read them. Never give this address
    to a real reporter. Put your own desk keys in the keys folder.
insecure-kdf = WARNING: insecure key derivation for tests: receipt codes are easy to guess.
cleanup = Start-up clean-up: { $uploads } unfinished upload(s) and { $envelopes } unrecorded envelope(s) deleted.
missing-envelopes = WARNING: { $count } recorded envelope(s) are missing from the data folder; restore them from the backup: { $ids }
admin-socket = cannot open the admin socket: { $reason }
listening = Amana drop listening on { $url }
stopping = Stopping: no new connections or uploads; uploads in flight have { $seconds } s to finish (a second signal cuts them off now).
serve-failed = the server stopped on an error: { $reason }
flush-failed = writing the records to disk failed: { $reason }
stopped = Amana drop stopped.

## export and import
no-data-folder = no data folder at { $path } (give the drop's --data or --config)
cannot-reach = cannot reach the running drop: { $reason }
ask-stopped = the request stopped unexpectedly: { $detail }
running-drop-garbled = the running drop's answer cannot be read (is it another version of amana-drop?): { $detail }
running-drop-bad-request = the running drop did not understand the request (is it another version of amana-drop?): { $detail }
running-drop-unexpected = the drop answered something unexpected
exported = Wrote { $count } envelope(s) to { $path }.
exported-desk = {"  "}desk { $desk }: bundle number { $number }
nothing-to-export = Nothing to export: every envelope has been exported (use { $option } to export again).
export-exists = { $path } exists already; choose another file name
export-write = writing the bundle failed, nothing was marked exported: { $detail }
imported = Imported { $path }: { $added } new { $added ->
        [one] reply
       *[other] replies
    }, { $seen } already seen (left as they are), { $deleted } acknowledged envelope(s) deleted.
import-refused = reply bundle refused, nothing was stored: { $reason }
import-stopped = reading the reply bundle stopped unexpectedly, nothing was stored: { $detail }
replies-malformed = this is not a valid reply bundle: { $detail }
replies-unknown-desk = the reply bundle is for desk { $desk }, which this drop does not have
replies-no-signing-key = desk { $desk } has no signing key matching this bundle
replies-signature = the reply bundle's signature does not verify: it was changed or signed by another key
replies-wrong-drop = the reply bundle was made for another drop
replies-tampered = the reply bundle was tampered with: { $detail }
replies-undecryptable = the reply does not open with this key

write-envelope-changed = envelope { $file } changed on the drop after it was sealed
write-bad-envelope-name = bad envelope file name { $path }
write-stopped = the writing stopped unexpectedly: { $detail }

## Why a reply bundle is refused (after "reply bundle refused, nothing was stored: ")
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

## Why a line of a desk key file is refused (after "at line N: ")
key-line-field-syntax = an amana field needs `name: value`
key-line-bad-signing-key = not an ed25519 key
key-line-unknown-format = unknown format version "{ $version }" (this drop reads 1)
key-line-unknown-field = unknown field `amana-{ $field }`
key-line-bad-recipient = not an X25519 age recipient: { $detail }
key-line-unexpected = expected an age recipient (age1…), a comment (#) or an amana field
key-line-bad-signing-secret = not an ed25519 secret key
key-line-bad-secret-key = not an age secret key: { $detail }

## The onion service (serve --onion, onion-address)
onion-demo = { $option } refuses the demo desk: its secret key is public, so anyone could read what reporters send. Put your own desks' NAME.pub files in the keys folder ({ $command })
tor-bootstrap = Tor bootstrap: { $status }
tor-bootstrapped = Tor bootstrap: done
onion-address = Onion service address: { $url }
onion-status = Onion service status: { $state }
onion-status-problem = Onion service status: { $state } ({ $problem })
onion-config-file = the arti configuration { $path }: { $detail }
onion-config = the arti configuration: { $detail }
onion-state-dir = the onion state directory { $path }: { $detail }. It must be a directory owned by this user and not writable (for the keystore: not readable) by anyone else (chmod 700)
onion-locked = the onion state directory { $path } is in use by another process (another amana-drop or arti). Stop that process first. The lock (amana-onion.lock) is released when its holder exits, so a crashed process leaves no stale lock: if this persists, look for a process still running with `{ $command }`
onion-no-network = could not reach the Tor network within { $seconds } s (last status: { $status }). Check that this machine can reach the Tor network (network, firewall, proxy), or for a private network the arti configuration's `authorities` and `fallback_caches`
onion-no-address = no onion service key in { $path } yet: start `amana-drop serve --onion` once (or run `{ $command }`) to create it
onion-arti = arti: { $detail }
onion-stopped = the onion service stopped: { $detail }
