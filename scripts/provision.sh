#!/usr/bin/env bash
# Installs what loyaldesk runs on, once: redis-server (Debian package) and FerretDB built from
# the Go module proxy. Idempotent and quiet when everything is already there.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
ferretdb_version="v1.24.2"
# Bump when the build recipe below changes, so existing binaries are rebuilt.
ferretdb_build_id="$ferretdb_version+loyaldesk.7"

say() { printf '[provision] %s\n' "$*"; }
fail() { printf '[provision] error: %s\n' "$*" >&2; exit 1; }

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    fail "missing Debian package(s): $*. Install them with: sudo apt-get install -y $*"
  fi
  say "installing Debian package(s): $* (non-interactive apt)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || fail "apt-get update failed; check the package mirror"
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null || fail "apt-get install $* failed"
}

# Redis: only needed when REDIS_URL does not point at a server already.
if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server
fi

# Chromium for the browser tests (Debian's package; nothing downloads a browser).
if [ "${LOYALDESK_SKIP_BROWSER:-}" != "1" ] && ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
fi
# A Chinese font, or the browser tests' screenshots of the Chinese UI show empty boxes.
if [ "${LOYALDESK_SKIP_BROWSER:-}" != "1" ] && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  apt_install fonts-noto-cjk
fi

# The database: a real mongod is preferred when present; otherwise FerretDB is built once.
if [ -n "${MONGODB_URI:-}" ]; then exit 0; fi
if [ -n "${MONGOD_BINARY:-}" ] || command -v mongod >/dev/null 2>&1; then exit 0; fi

stamp="$tools/bin/ferretdb.build-id"
if [ -x "$tools/bin/ferretdb" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$ferretdb_build_id" ]; then
  exit 0
fi

command -v go >/dev/null 2>&1 || fail "Go is needed to build FerretDB (https://go.dev/doc/install), or set MONGODB_URI to a running MongoDB"
say "building FerretDB $ferretdb_version from the Go module proxy (first run only, about 1–2 minutes)…"
# -buildvcs=false: the build folder sits inside this checkout, whose git commit Go would stamp
# into the binary, and FerretDB refuses to start when that differs from its own commit.txt.
export GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false"
# `go install …@v1.24.2` is not usable: the proxy refuses the version-list lookup it makes, and a
# binary built that way panics at start because build/version/version.txt is not in the module.
module_dir="$(go mod download -json "github.com/FerretDB/FerretDB@$ferretdb_version" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$module_dir" ] || fail "could not download github.com/FerretDB/FerretDB@$ferretdb_version from the Go module proxy"

src="$tools/build/ferretdb-$ferretdb_version"
rm -rf "$src" && mkdir -p "$tools/build" "$tools/bin"
cp -R "$module_dir" "$src" && chmod -R u+w "$src"
echo "$ferretdb_version" > "$src/build/version/version.txt"
echo "cda72d440810406a208c4670aa7047f5bc8d528f" > "$src/build/version/commit.txt"

# Fixes. The first two are to the SQLite backend, without which every read, update and
# delete by _id scans the whole collection (measured: 89–700 ms per operation at 20,000
# documents, ~1 ms with them):
# 1. queries address _id as ->'$._id' while the unique _id index is built on ->"_id"; SQLite
#    only uses an expression index for the identical expression, so the query now uses ->'_id';
# 2. _id equality is pushed down only when it is the sole filter key; the handler re-applies the
#    whole filter to what the backend returns, so pushing it down with other keys is safe and
#    makes conditional updates such as {_id, status: 'open'} index lookups too.
# 3. update, findAndModify and delete are read-modify-write in the handler with no isolation, so
#    concurrent writes to one document lose updates (measured: 200 concurrent $inc → 14) and a
#    conditional findOneAndUpdate can match twice. scripts/ferretdb/loyaldesk_locks.go (copied
#    into the handler package; its header explains it) locks per document: commands whose every
#    filter has a scalar _id equality lock ($db, collection, _id) and run in parallel with other
#    documents' commands; any other update, findAndModify or delete runs alone. Each of the
#    three commands gets one line after it decodes its command document.
meta="$src/internal/backends/sqlite/metadata/metadata.go"
coll="$src/internal/backends/sqlite/collection.go"
sed -i "s|IDColumn = DefaultColumn + \"->'\$._id'\"|IDColumn = DefaultColumn + \"->'_id'\"|" "$meta"
sed -i 's/if params.Filter.Len() == 1 {/if params.Filter.Len() >= 1 {/' "$coll"
handler="$src/internal/handler"
# The handler package's own tests need FerretDB's git checkout; only ours run here.
rm -f "$handler"/*_test.go
cp "$root/scripts/ferretdb/loyaldesk_locks.go" "$root/scripts/ferretdb/loyaldesk_locks_test.go" "$handler/"
for command in update findandmodify delete; do
  sed -i 's/^\tdocument, err := opMsgDocument(msg)$/&\n\tunlock := h.loyaldeskLock(document)\n\tdefer unlock()/' "$handler/msg_$command.go"
done
# 4. resource.Track, FerretDB's leak detector, runs on every document and array iterator (several
#    per document read or written): it records a pprof stack and sets a finalizer each time,
#    even in release builds, where nothing ever reads them. Measured on a findOne by _id of an
#    order: 13.6% of FerretDB's CPU in stack capture, plus the finalizers' GC work. It now
#    tracks only in FerretDB's debug builds (debugbuild.Enabled), as its stack already did.
resource_go="$src/internal/util/resource/resource.go"
sed -i 's/^func \(Track\|Untrack\)(obj any, token \*Token) {$/&\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n/' "$resource_go"
# 5. SQLite admits one writer per database; FerretDB let every pooled connection try, and SQLite's
#    busy handler made the ones that found the lock taken sleep 1, 2, 5, 10… ms before trying
#    again (2-document inserts from 8 clients: p99 41 ms, max 194 ms). scripts/ferretdb/
#    loyaldesk_write_lock.go (copied into internal/util/fsql; its header explains it) queues the
#    writers of each database on a Go mutex instead (p99 15 ms, max 42 ms, 30% more inserts/s):
#    DB.ExecContext and DB.InTransaction each get one line at their start, DB.Close one that
#    drops the database's mutex.
fsql_dir="$src/internal/util/fsql"
cp "$root/scripts/ferretdb/loyaldesk_write_lock.go" "$root/scripts/ferretdb/loyaldesk_write_lock_test.go" "$fsql_dir/"
sed -i 's/^func (db \*DB) \(ExecContext\|InTransaction\)(.*{$/&\n\tdefer db.loyaldeskWriteLock()()/' "$fsql_dir/db.go"
sed -i 's/^func (db \*DB) Close() error {$/&\n\tdefer db.loyaldeskForgetWriteLock()/' "$fsql_dir/db.go"
# 6. Documents are stored as JSON with a schema ("sjson"); every read decodes them with
#    encoding/json's streaming Decoder, one per nested value, each scanning its input twice.
#    That was 22–26% of FerretDB's CPU under the chat bench (a findOne by _id of an order per
#    answer). scripts/ferretdb/loyaldesk_sjson_decoder.go (copied into the sjson package; its
#    header explains it) decodes with github.com/goccy/go-json's one-pass Unmarshal instead: the
#    package's encoding/json import and each `json.NewDecoder(r)` are swapped for it. FerretDB's
#    sjson tests run below, but for those that compare encoding/json's error text for truncated
#    or invalid JSON (EOF, InvalidData, ExtraData: still errors, worded differently).
(cd "$src" && go get github.com/goccy/go-json@v0.10.5 >/dev/null 2>&1) \
  || fail "could not get github.com/goccy/go-json@v0.10.5 from the Go module proxy (FerretDB patch 6)"
sjson_dir="$src/internal/handler/sjson"
cp "$root/scripts/ferretdb/loyaldesk_sjson_decoder.go" "$root/scripts/ferretdb/loyaldesk_sjson_decoder_test.go" "$sjson_dir/"
for file in "$sjson_dir"/*.go; do
  case "$file" in *_test.go | */loyaldesk_*) continue ;; esac
  sed -i -e 's|^\t"encoding/json"$|\tjson "github.com/goccy/go-json"|' \
    -e 's|^\t\(dec :\{0,1\}=\) json\.NewDecoder(r)$|\t\1 loyaldeskNewDecoder(r)|' \
    -e 's|^func checkConsumed(dec \*json\.Decoder, r \*bytes\.Reader) error {$|func checkConsumed(dec *loyaldeskDecoder, r *bytes.Reader) error {|' \
    "$file"
done
# 7. An insert whose documents fit in one batch runs as one autocommit INSERT instead of BEGIN;
#    INSERT; COMMIT with a statement journal (~12% of FerretDB's CPU under the chat bench).
#    scripts/ferretdb/loyaldesk_insert.go (copied into the SQLite backend; its header explains it)
#    is called by one line added to InsertAll.
sqlite_dir="$src/internal/backends/sqlite"
cp "$root/scripts/ferretdb/loyaldesk_insert.go" "$sqlite_dir/"
perl -0pi -e 's/(func \(c \*collection\) InsertAll\(.*?\n\tmeta := c\.r\.CollectionGet\(ctx, c\.dbName, c\.name\)\n)/$1\tif res, err, done := c.loyaldeskInsertOneStatement(ctx, db, meta, params); done {\n\t\treturn res, err\n\t}\n/s' "$coll"
grep -q "IDColumn = DefaultColumn + \"->'_id'\"" "$meta" || fail "FerretDB patch 1 did not apply"
[ "$(grep -c 'if params.Filter.Len() >= 1 {' "$coll")" = "2" ] || fail "FerretDB patch 2 did not apply"
[ "$(grep -c $'^\tif !debugbuild.Enabled {$' "$resource_go")" = "2" ] || fail "FerretDB patch 4 did not apply"
grep -q '^func (h \*Handler) loyaldeskLock(document \*types.Document) (unlock func()) {$' "$handler/loyaldesk_locks.go" \
  || fail "FerretDB patch 3 did not apply (loyaldesk_locks.go)"
tab=$'\t'
for command in update findandmodify delete; do
  [ "$(grep -c "^${tab}unlock := h.loyaldeskLock(document)\$" "$handler/msg_$command.go")" = "1" ] \
    && [ "$(grep -c "^${tab}defer unlock()\$" "$handler/msg_$command.go")" = "1" ] \
    || fail "FerretDB patch 3 did not apply to msg_$command.go"
done

sjson_sources="$(ls "$sjson_dir"/*.go | grep -v -e _test.go -e /loyaldesk_)"
[ "$(cat $sjson_sources | grep -c 'loyaldeskNewDecoder(r)$')" -ge 14 ] \
  && [ "$(cat $sjson_sources | grep -c '^func checkConsumed(dec \*loyaldeskDecoder')" = "1" ] \
  && ! grep -q -e $'^\t"encoding/json"$' -e 'json\.NewDecoder' $sjson_sources \
  || fail "FerretDB patch 6 did not apply"
[ "$(grep -c $'^\tif res, err, done := c.loyaldeskInsertOneStatement(ctx, db, meta, params); done {$' "$coll")" = "1" ] \
  || fail "FerretDB patch 7 did not apply"
[ "$(grep -c $'^\tdefer db.loyaldeskWriteLock()()$' "$fsql_dir/db.go")" = "2" ] \
  && [ "$(grep -c $'^\tdefer db.loyaldeskForgetWriteLock()$' "$fsql_dir/db.go")" = "1" ] \
  || fail "FerretDB patch 5 did not apply"

say "patches applied; testing the per-document write locks (patch 3), the database write lock (patch 5), the JSON decoder (6) and one-statement inserts (7)…"
# go_test "<what failed>" <go test arguments…>: runs in the FerretDB source; on failure prints Go's
# output and stops.
go_test() {
  local what="$1" output
  shift
  if ! output="$(cd "$src" && go test -count=1 "$@" 2>&1)"; then
    printf '%s\n' "$output" >&2
    fail "$what"
  fi
}
# FerretDB's test helpers look for a .git directory above the package; an empty one will do.
mkdir -p "$src/.git"
go_test "FerretDB patch 3's tests failed (scripts/ferretdb/loyaldesk_locks_test.go)" -run Loyaldesk ./internal/handler
go_test "FerretDB patch 5's tests failed (scripts/ferretdb/loyaldesk_write_lock_test.go)" -run Loyaldesk ./internal/util/fsql
go_test "FerretDB's sjson tests failed with patch 6 (scripts/ferretdb/loyaldesk_sjson_decoder.go)" \
  -skip '/^(EOF|InvalidData|ExtraData)$' ./internal/handler/sjson
go_test "FerretDB patch 7's tests failed (scripts/ferretdb/loyaldesk_insert_test.go)" -run Loyaldesk ./internal/backends/sqlite
say "compiling FerretDB…"
(cd "$src" && go build -trimpath -o "$tools/bin/ferretdb.tmp" ./cmd/ferretdb) \
  || fail "building FerretDB failed (see the Go output above)"
built_version="$("$tools/bin/ferretdb.tmp" --version 2>&1 | sed -n 's/^version: //p')"
[ "$built_version" = "$ferretdb_version" ] || fail "the FerretDB build does not start: $("$tools/bin/ferretdb.tmp" --version 2>&1 | head -n 3)"
mv "$tools/bin/ferretdb.tmp" "$tools/bin/ferretdb"
echo "$ferretdb_build_id" > "$stamp"
rm -rf "$src"
say "FerretDB $built_version ready at .tools/bin/ferretdb"
