#!/usr/bin/env bash
# A private Tor network on 127.0.0.1, generated fresh: 3 directory authorities, relays (2 of
# them exits), the drop's embedded arti onion service, and a stock C-tor client that fetches
# the home page through the .onion address and submits a report; the export, opened by
# amana-review, must show that report. Then a slow upload through the onion is in flight when
# the drop gets SIGTERM: it must be confirmed, the drop must exit 0, and the report must open.
#
# MUST run inside a loopback-only network namespace (tests/onion/mod.rs starts it with
# `unshare -n`): it refuses to run otherwise. Nothing here may reach beyond 127.0.0.0/8; the
# namespace makes any other address fail at once, and the logs and sockets are scanned too.
#
# Environment:
#   ONION_WORK    an empty directory for everything (keys, data, logs)
#   AMANA_REVIEW  the amana-review binary
#   DROP_CMD      the command that serves the drop over the onion service, with the
#                 harness's arguments appended: --arti-config F --onion-state D --data D
#                 --keys D (e.g. "amana-drop serve --onion --listen 127.0.0.1:0")
#   AMANA_DROP    the amana-drop binary (for `export`)
#   ONION_RELAYS  relays besides the authorities (default 5, of which 2 exits)
#   ONION_DEADLINE  overall limit in seconds (default 420)
#
# Prints `ONION_TIMINGS keys=… network_up=… bootstrapped=… published=… first_fetch=…
# submitted=…` (keys: seconds spent making identities; the others: seconds since the
# network's processes were started) and exits 0 on success.
set -euo pipefail

: "${ONION_WORK:?}" "${AMANA_REVIEW:?}" "${AMANA_DROP:?}" "${DROP_CMD:?}"
RELAYS=${ONION_RELAYS:-5}
DEADLINE=${ONION_DEADLINE:-420}
W=$ONION_WORK
T0=$(date +%s.%N)
PIDS=()

elapsed() { awk -v a="$(date +%s.%N)" -v b="$T0" 'BEGIN { printf "%.1f", a - b }'; }
log() { printf '[%6ss] %s\n' "$(elapsed)" "$*"; }
fail() { log "FAIL: $*"; exit 1; }

# Stops only what this script started: TERM, up to 5 s, then KILL.
cleanup() {
  local rc=$? p alive i
  trap - EXIT TERM INT
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for i in $(seq 50); do
    alive=0
    for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$rc" != 0 ]; then
    log "logs kept in $W"
    for f in "$W"/drop.out "$W"/drop.err; do
      [ -f "$f" ] && { echo "--- tail of $f"; tail -n 40 "$f"; }
    done
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'log "stopped (deadline or signal)"; exit 124' TERM INT

# Our own deadline: the watchdog signals this shell only.
( trap 'kill "$sp" 2>/dev/null; exit 0' TERM
  sleep "$DEADLINE" &
  sp=$!
  wait "$sp" && kill -TERM $$ 2>/dev/null ) &
PIDS+=($!)

# --- 0. refuse to run anywhere but in a loopback-only namespace -----------------------
if ip -o link show | awk -F': ' '{ print $2 }' | grep -vqx 'lo'; then
  fail "this namespace has interfaces other than lo: run me under 'unshare -n'"
fi
if ip -o addr show | awk '{ print $4 }' | grep -vE '^(127\.|::1/)' | grep -q .; then
  fail "this namespace has non-loopback addresses"
fi
ip link set lo up
command -v tor >/dev/null && command -v tor-gencert >/dev/null && command -v curl >/dev/null \
  || fail "tor, tor-gencert and curl are needed (tests/setup-system.sh installs them)"

mkdir -p "$W"
chmod 700 "$W"
TOR_VERSION=$(tor --version | head -n1 | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' | head -n1)

# --- 1. identities --------------------------------------------------------------------
AUTHS=3
auth_or() { echo $((5000 + $1)); }
auth_dir() { echo $((7000 + $1)); }
relay_or() { echo $((5100 + $1)); }
relay_dir() { echo $((7100 + $1)); }
SOCKS=9150

fingerprint_of() { # datadir nick orport -> writes $dir/fingerprint and fingerprint-ed25519
  local d=$1
  printf 'DataDirectory %s\nORPort 127.0.0.1:%s\nNickname %s\nAddress 127.0.0.1\nLog err stderr\n' \
    "$d" "$3" "$2" >"$d/fp.torrc"
  tor --list-fingerprint -f "$d/fp.torrc" >/dev/null
}

make_authority_keys() { # i
  local d=$W/auth$1
  mkdir -p "$d/keys"
  chmod 700 "$d"
  (cd "$d/keys" && echo "" | tor-gencert --create-identity-key --passphrase-fd 0 -m 12 \
    -a "127.0.0.1:$(auth_dir "$1")" -i authority_identity_key -s authority_signing_key \
    -c authority_certificate >/dev/null 2>&1)
  fingerprint_of "$d" "auth$1" "$(auth_or "$1")"
}
# The three in parallel: RSA key generation is the slow part.
KEYGEN=()
for i in $(seq $AUTHS); do
  make_authority_keys "$i" &
  KEYGEN+=($!)
  PIDS+=($!)
done
for p in "${KEYGEN[@]}"; do wait "$p" || fail "making the authorities' keys"; done

DIRAUTH_LINES=""
V3IDS=()
RSAFPS=()
EDIDS=()
for i in $(seq $AUTHS); do
  d=$W/auth$i
  v3=$(awk '/^fingerprint / { print $2 }' "$d/keys/authority_certificate")
  rsa=$(awk '{ print $2 }' "$d/fingerprint")
  ed=$(awk '{ print $2 }' "$d/fingerprint-ed25519")
  V3IDS+=("$v3")
  RSAFPS+=("$rsa")
  EDIDS+=("$ed")
  DIRAUTH_LINES+="DirAuthority auth$i orport=$(auth_or "$i") no-v2 v3ident=$v3 127.0.0.1:$(auth_dir "$i") $rsa"$'\n'
done

common_torrc() { # datadir nick
  cat <<EOF
TestingTorNetwork 1
DataDirectory $1
Nickname $2
RunAsDaemon 0
Log notice file $1/notice.log
SafeLogging 0
ShutdownWaitLength 0
ContactInfo amana-test@127.0.0.1
${DIRAUTH_LINES}PathsNeededToBuildCircuits 0.67
TestingDirAuthVoteGuard *
TestingDirAuthVoteHSDir *
TestingDirAuthVoteExit *
TestingMinExitFlagThreshold 0
V3AuthNIntervalsValid 2
ClientUseIPv6 0
AddressDisableIPv6 1
EOF
}

relay_torrc() { # datadir nick orport dirport
  common_torrc "$1" "$2"
  cat <<EOF
SocksPort 0
Address 127.0.0.1
ORPort 127.0.0.1:$3
DirPort 127.0.0.1:$4
AssumeReachable 1
ServerDNSDetectHijacking 0
ServerDNSResolvConfFile /dev/null
EOF
}

start_tor() { # torrc
  tor -f "$1" >/dev/null 2>&1 &
  PIDS+=($!)
}

# --- 2. the network ---------------------------------------------------------------------
T_START=$(elapsed)
log "keys made"
for i in $(seq $AUTHS); do
  d=$W/auth$i
  {
    relay_torrc "$d" "auth$i" "$(auth_or "$i")" "$(auth_dir "$i")"
    cat <<EOF
AuthoritativeDirectory 1
V3AuthoritativeDirectory 1
ExitRelay 0
V3AuthVotingInterval 20
V3AuthVoteDelay 4
V3AuthDistDelay 4
TestingV3AuthInitialVotingInterval 20
TestingV3AuthInitialVoteDelay 4
TestingV3AuthInitialDistDelay 4
ConsensusParams hsdir_interval=8
EOF
  } >"$d/torrc"
  start_tor "$d/torrc"
done
for j in $(seq "$RELAYS"); do
  d=$W/relay$j
  mkdir -p "$d"
  chmod 700 "$d"
  {
    relay_torrc "$d" "relay$j" "$(relay_or "$j")" "$(relay_dir "$j")"
    if [ "$j" -le 2 ]; then
      printf 'ExitRelay 1\nExitPolicyRejectPrivate 0\nExitPolicy accept 127.0.0.0/8:*\nExitPolicy reject *:*\n'
    else
      printf 'ExitRelay 0\n'
    fi
  } >"$d/torrc"
  start_tor "$d/torrc"
done
log "started $AUTHS authorities and $RELAYS relays"

# Clients start only once the consensus lists every relay (started earlier they stall).
want=$((AUTHS + RELAYS))
while :; do
  n=$(curl -s --max-time 5 "http://127.0.0.1:$(auth_dir 1)/tor/status-vote/current/consensus" \
    | grep -c '^r ' || true)
  [ "$n" -ge "$want" ] && break
  sleep 1
done
T_NET=$(elapsed)
log "network up: the consensus lists $n relays"

# --- 3. the drop, on the onion service --------------------------------------------------
{
  printf '[tor_network]\nauthorities = { v3idents = ['
  sep=""
  for v in "${V3IDS[@]}"; do printf '%s"%s"' "$sep" "$v"; sep=", "; done
  for key in uploads downloads votes; do
    printf '], %s = [' "$key"
    sep=""
    for i in $(seq $AUTHS); do printf '%s["127.0.0.1:%s"]' "$sep" "$(auth_dir "$i")"; sep=", "; done
  done
  printf '] }\n'
  # Replaces arti's built-in list of public fallback caches.
  printf 'fallback_caches = [\n'
  for i in $(seq $AUTHS); do
    printf '  { rsa_identity = "%s", ed_identity = "%s", orports = ["127.0.0.1:%s"] },\n' \
      "${RSAFPS[$((i - 1))]}" "${EDIDS[$((i - 1))]}" "$(auth_or "$i")"
  done
  printf ']\n\n[path_rules]\nipv4_subnet_family_prefix = 33\nipv6_subnet_family_prefix = 129\n'
  printf 'reachable_addrs = ["127.0.0.0/8:*"]\n'
} >"$W/arti.toml"

# A desk of our own (the drop refuses the demo desk on an onion service).
head -c 24 /dev/urandom | base64 >"$W/passphrase"
"$AMANA_REVIEW" keygen --desk onion-test --out "$W/desk" --passphrase-file "$W/passphrase" >/dev/null
mkdir -p "$W/keys"
cp "$W/desk/onion-test.pub" "$W/keys/"

# shellcheck disable=SC2086 # DROP_CMD is a command line
# arti's own log: warnings, and tor_hsservice's debug lines (descriptor uploads, timed below).
AMANA_LOG=${AMANA_LOG:-warn,tor_hsservice=debug} \
  $DROP_CMD --arti-config "$W/arti.toml" --onion-state "$W/onion" \
  --data "$W/data" --keys "$W/keys" >"$W/drop.out" 2>"$W/drop.err" &
DROP_PID=$!
PIDS+=("$DROP_PID")

# The client: a stock tor with a SOCKS port.
mkdir -p "$W/client"
chmod 700 "$W/client"
{
  common_torrc "$W/client" client
  printf 'SocksPort 127.0.0.1:%s\n' "$SOCKS"
} >"$W/client/torrc"
start_tor "$W/client/torrc"

# The first descriptor upload, timed by a poller of its own (the fetch loop below blocks).
( until grep -q 'successfully uploaded descriptor to HSDir' "$W/drop.err" 2>/dev/null; do
    sleep 0.2
  done
  elapsed >"$W/t_published" ) &
PIDS+=($!)

ONION=""
T_BOOT=""
T_PUB=""
watch_drop() { # updates T_BOOT, T_PUB, ONION from the drop's output
  kill -0 "$DROP_PID" 2>/dev/null || fail "the drop exited: $(tail -n 5 "$W/drop.err")"
  if [ -z "$T_BOOT" ] && grep -q '^Tor bootstrap: done' "$W/drop.out"; then
    T_BOOT=$(elapsed)
    log "arti bootstrapped"
  fi
  if [ -z "$ONION" ]; then
    ONION=$(sed -n 's|^Onion service address: http://\([a-z2-7]*\.onion\)/$|\1|p' "$W/drop.out" | head -n1)
  fi
  if [ -z "$T_PUB" ] && [ -s "$W/t_published" ]; then
    T_PUB=$(cat "$W/t_published")
    log "descriptor published (first upload to an HSDir, at ${T_PUB}s)"
  fi
  return 0
}
until [ -n "$ONION" ]; do
  watch_drop
  sleep 0.5
done
log "onion address: $ONION"

# --- 4. through the onion: fetch, then submit -------------------------------------------
TOR_CURL=(curl -sS --max-time 45 --socks5-hostname "127.0.0.1:$SOCKS" -c "$W/jar" -b "$W/jar"
  -H "Origin: http://$ONION" -H 'Sec-Fetch-Site: same-origin')
BASE="http://$ONION"
fetch_until=$(($(date +%s) + 180))
T_FETCH=""
while :; do
  watch_drop
  if "${TOR_CURL[@]}" -o "$W/home.html" -w '%{http_code}' "$BASE/" >"$W/home.status" 2>>"$W/curl.err" \
    && [ "$(cat "$W/home.status")" = 200 ]; then
    T_FETCH=$(elapsed)
    break
  fi
  [ "$(date +%s)" -lt "$fetch_until" ] || fail "no successful fetch through $ONION in 180 s: $(tail -n 3 "$W/curl.err")"
  sleep 2
done
watch_drop
log "first successful fetch of the home page through the onion service"
grep -q '<form' "$W/home.html" || grep -qi 'amana\|report' "$W/home.html" \
  || fail "the home page does not look like the drop's"

MESSAGE="Onion report $(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf 'attached evidence over tor\n' >"$W/evidence.txt"
submit_once() {
  rm -f "$W/jar"
  "${TOR_CURL[@]}" -L --data '' -o "$W/code.html" "$BASE/code" || return 1
  grep -q 'id="receipt-code">' "$W/code.html" || return 1
  "${TOR_CURL[@]}" -o "$W/submit.html" "$BASE/submit" || return 1
  local csrf
  csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$W/submit.html" | head -n1 | sed 's/.*value="\([0-9a-f]*\)"/\1/')
  [ -n "$csrf" ] || return 1
  "${TOR_CURL[@]}" -L -o "$W/sent.html" -w '%{http_code} %{url_effective}' \
    -F "csrf=$csrf" -F desk=onion-test -F "message=$MESSAGE" -F contact= \
    -F "files=@$W/evidence.txt;filename=evidence.txt" "$BASE/submit" >"$W/sent.status" || return 1
  case "$(cat "$W/sent.status")" in "200 $BASE/sent"*) return 0 ;; *) return 1 ;; esac
}
ok=""
for attempt in 1 2 3 4 5; do
  if submit_once 2>>"$W/curl.err"; then ok=1; break; fi
  log "submission attempt $attempt failed ($(cat "$W/sent.status" 2>/dev/null || echo no answer)); retrying"
  sleep 3
done
[ -n "$ok" ] || fail "could not submit a report through the onion service"
T_SUBMIT=$(elapsed)
log "report submitted through the onion service"

# --- 5. export and open ---------------------------------------------------------------------
"$AMANA_DROP" export --data "$W/data" --keys "$W/keys" --out "$W/bundle.tar" >"$W/export.out" 2>&1 \
  || fail "export: $(cat "$W/export.out")"
FPR=$(sed -n 's/^Drop fingerprint[^:]*: *//p' "$W/drop.out" | head -n1)
[ -n "$FPR" ] || fail "the drop printed no fingerprint"
"$AMANA_REVIEW" open "$W/bundle.tar" -i "$W/desk/onion-test.key" --passphrase-file "$W/passphrase" \
  --trust-drop "$FPR" --state "$W/review-state" --out "$W/cases" >"$W/open.out" 2>&1 \
  || fail "amana-review open: $(cat "$W/open.out")"
grep -rqF "$MESSAGE" "$W/cases" || fail "the opened cases do not contain the report"
grep -rqF 'attached evidence over tor' "$W/cases" || fail "the attachment is missing"
log "amana-review opened the export and shows the report"

# --- 5b. a stop lets an upload in flight through the onion finish --------------------------
# A report whose body arrives slowly; SIGTERM reaches the drop while it streams in. The drop
# takes no new stream but lets this one finish, confirms it, and exits 0.
SLOW_MESSAGE="Slow onion report $(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
head -c $((3 * 1024 * 1024)) /dev/urandom >"$W/slow.bin"
slow_form() {
  rm -f "$W/jar"
  "${TOR_CURL[@]}" -L --data '' -o "$W/code2.html" "$BASE/code" || return 1
  grep -q 'id="receipt-code">' "$W/code2.html" || return 1
  "${TOR_CURL[@]}" -o "$W/submit2.html" "$BASE/submit" || return 1
  SLOW_CSRF=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$W/submit2.html" | head -n1 \
    | sed 's/.*value="\([0-9a-f]*\)"/\1/')
  [ -n "$SLOW_CSRF" ]
}
ok=""
for attempt in 1 2 3; do
  if slow_form 2>>"$W/curl.err"; then ok=1; break; fi
  sleep 3
done
[ -n "$ok" ] || fail "could not reach the submission form for the slow report"
uploads_before=$(find "$W/data/tmp" -type f | wc -l)
curl -sS --max-time 150 --socks5-hostname "127.0.0.1:$SOCKS" -b "$W/jar" \
  -H "Origin: http://$ONION" -H 'Sec-Fetch-Site: same-origin' --limit-rate 256k \
  -o /dev/null -w '%{http_code} %{redirect_url}' \
  -F "csrf=$SLOW_CSRF" -F desk=onion-test -F "message=$SLOW_MESSAGE" -F contact= \
  -F "files=@$W/slow.bin;filename=slow.bin" "$BASE/submit" >"$W/slow.status" 2>>"$W/curl.err" &
SLOW_PID=$!
# Signal only once the drop is sealing it (its temporary envelope file exists).
until [ "$(find "$W/data/tmp" -type f | wc -l)" -gt "$uploads_before" ]; do
  kill -0 "$SLOW_PID" 2>/dev/null || fail "the slow upload ended before it began: $(cat "$W/slow.status")"
  sleep 0.2
done
kill -TERM "$DROP_PID"
log "SIGTERM sent to the drop while a report streams in through the onion service"
wait "$SLOW_PID" || fail "the slow upload failed: $(tail -n 3 "$W/curl.err")"
case "$(cat "$W/slow.status")" in
  "303 $BASE/sent"*) ;;
  *) fail "the upload in flight was not confirmed: $(cat "$W/slow.status")" ;;
esac
drop_rc=0
wait "$DROP_PID" || drop_rc=$?
[ "$drop_rc" = 0 ] || fail "the drop exited $drop_rc after SIGTERM: $(tail -n 5 "$W/drop.err")"
[ -z "$(find "$W/data/tmp" -type f)" ] || fail "an upload's temporary file was left behind"
log "the upload in flight was confirmed, then the drop exited 0"
"$AMANA_DROP" export --data "$W/data" --keys "$W/keys" --out "$W/bundle2.tar" >"$W/export2.out" 2>&1 \
  || fail "export after the stop: $(cat "$W/export2.out")"
"$AMANA_REVIEW" open "$W/bundle2.tar" -i "$W/desk/onion-test.key" --passphrase-file "$W/passphrase" \
  --trust-drop "$FPR" --state "$W/review-state" --out "$W/cases" >"$W/open2.out" 2>&1 \
  || fail "amana-review open (after the stop): $(cat "$W/open2.out")"
grep -rqF "$SLOW_MESSAGE" "$W/cases" || fail "the slow report is missing from the opened cases"
slow_sum=$(sha256sum <"$W/slow.bin" | cut -d' ' -f1)
find "$W/cases" -type f -exec sha256sum {} + >"$W/cases.sha256"
grep -q "^$slow_sum " "$W/cases.sha256" || fail "the slow report's attachment did not arrive byte for byte"
log "the report confirmed during the stop opens with its attachment intact"

# --- 6. nothing reached beyond loopback -----------------------------------------------------
# Sockets: every TCP peer of every process here must be on 127.0.0.0/8.
if ss -Htn state all | awk '{ print $4; print $5 }' | grep -vE '^(127\.[0-9.]+|\*|0\.0\.0\.0|\[::1\]|\[::\]|::1|\[::ffff:127\.[0-9.]+\]):' \
  | grep -v '^\*$' | grep -q .; then
  ss -Htn state all
  fail "a socket to a non-loopback address"
fi
# Logs: tor's (SafeLogging 0) and the drop's must mention no IPv4 address outside 127/8.
leaks=$(cat "$W"/auth*/notice.log "$W"/relay*/notice.log "$W"/client/notice.log "$W"/drop.err "$W"/drop.out \
  | grep -Eo '(^|[^0-9.])([0-9]{1,3}\.){3}[0-9]{1,3}([^0-9.]|$)' | grep -Eo '([0-9]{1,3}\.){3}[0-9]{1,3}' \
  | grep -vE '^(127\.|0\.0\.0\.0$)' | grep -vxF "$TOR_VERSION" | sort -u || true)
[ -z "$leaks" ] || fail "addresses outside 127.0.0.0/8 in the logs: $leaks"
log "no address outside 127.0.0.0/8 in sockets or logs"

# Seconds since the network's processes were started (key generation before that excluded).
since() { [ -n "$1" ] && awk -v a="$1" -v b="$T_START" 'BEGIN { printf "%.1f", a - b }' || echo "?"; }
echo "ONION_TIMINGS keys=$T_START network_up=$(since "$T_NET") bootstrapped=$(since "$T_BOOT")" \
  "published=$(since "$T_PUB") first_fetch=$(since "$T_FETCH") submitted=$(since "$T_SUBMIT")"
