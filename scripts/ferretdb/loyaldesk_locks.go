// loyaldesk patch 3 (copied into FerretDB v1.24.2's internal/handler by scripts/provision.sh).
//
// What: write isolation for the update, findAndModify and delete commands.
//
// Why: FerretDB 1.24 runs these commands as read-modify-write in the handler (query the
// backend, apply the update in Go, write the result back) with no isolation, so concurrent
// writes to one document lose updates (measured: 200 concurrent $inc on one document → 14)
// and a conditional findOneAndUpdate such as {_id, status: 'open'} can match more than once.
// loyaldesk relies on MongoDB's single-document atomicity for counters and claims.
//
// How: a handler-wide RWMutex plus one mutex per document, keyed by ($db, collection, _id):
//
//   - a command whose every statement's filter pins the document with a scalar _id equality
//     (update: each updates[i].q, findAndModify: query, delete: each deletes[i].q; either
//     {_id: v, ...more conditions} or {_id: {$eq: v}, ...}) takes the RWMutex shared and the
//     mutexes of its documents, in sorted order and deduplicated, so commands on different
//     documents run in parallel and commands on the same document one after another. Such a
//     filter matches at most that one document, with multi: true too, and an upsert of it
//     inserts that _id, so two racing upserts of the same new _id are serialized by its mutex;
//   - any other command (no _id in a filter, _id with $in or another operator, an _id that
//     is a document, array, null or regex, an upsert without _id…) takes the RWMutex
//     exclusively: it waits for the keyed commands in flight and runs alone.
//
// Inserts take no lock (as before): an insert racing an upsert of the same _id is caught by
// the unique _id index in SQLite, as on MongoDB (duplicate key error). Per-document mutexes
// are reference-counted and removed when the last holder or waiter releases them, so the
// table holds only documents being written at that moment.
//
// Numbers are keyed by value (int32 1, int64 1 and double 1.0 address the same document in
// an equality filter); other scalars by type and value. A Handler serves every connection of
// the process, so the lock table is package-level and needs no change to the Handler struct.

package handler

import (
	"encoding/hex"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/FerretDB/FerretDB/internal/types"
)

// loyaldeskLockTable is the RWMutex and the reference-counted per-document mutexes.
type loyaldeskLockTable struct {
	global sync.RWMutex

	mu   sync.Mutex // guards keys
	keys map[string]*loyaldeskKeyLock
}

// loyaldeskKeyLock is the mutex of one document and the number of holders and waiters.
type loyaldeskKeyLock struct {
	mu   sync.Mutex
	refs int
}

var loyaldeskLocks = loyaldeskLockTable{keys: map[string]*loyaldeskKeyLock{}}

// loyaldeskLock locks for an update, findAndModify or delete command document and returns
// the function that unlocks; it is called as
//
//	unlock := h.loyaldeskLock(document)
//	defer unlock()
//
// right after the command document is decoded. A nil document (the decoding failed and the
// command returns an error) locks nothing.
func (h *Handler) loyaldeskLock(document *types.Document) (unlock func()) {
	if document == nil {
		return func() {}
	}

	keys, ok := loyaldeskLockKeys(document)
	if !ok {
		loyaldeskLocks.global.Lock()
		return loyaldeskLocks.global.Unlock
	}

	loyaldeskLocks.global.RLock()

	held := make([]*loyaldeskKeyLock, len(keys))
	for i, key := range keys {
		held[i] = loyaldeskLocks.acquire(key)
	}

	return func() {
		for i := len(keys) - 1; i >= 0; i-- {
			loyaldeskLocks.release(keys[i], held[i])
		}

		loyaldeskLocks.global.RUnlock()
	}
}

// acquire registers interest in key, then waits for its mutex.
func (t *loyaldeskLockTable) acquire(key string) *loyaldeskKeyLock {
	t.mu.Lock()
	l := t.keys[key]
	if l == nil {
		l = new(loyaldeskKeyLock)
		t.keys[key] = l
	}
	l.refs++
	t.mu.Unlock()

	l.mu.Lock()

	return l
}

// release unlocks key's mutex and drops the entry when nobody else holds or waits for it.
func (t *loyaldeskLockTable) release(key string, l *loyaldeskKeyLock) {
	l.mu.Unlock()

	t.mu.Lock()
	l.refs--
	if l.refs == 0 {
		delete(t.keys, key)
	}
	t.mu.Unlock()
}

// loyaldeskLockKeys returns the sorted, deduplicated document keys of the command, or false
// when some statement does not pin one document by _id (the command then locks exclusively).
func loyaldeskLockKeys(document *types.Document) (keys []string, ok bool) {
	// types.Document.Get panics on duplicated keys; such a command locks exclusively and the
	// command's own parsing reports the problem.
	defer func() {
		if recover() != nil {
			keys, ok = nil, false
		}
	}()

	command := document.Command()

	collection, _ := document.Get(command)
	db, _ := document.Get("$db")

	collName, ok1 := collection.(string)
	dbName, ok2 := db.(string)
	if !ok1 || !ok2 {
		return nil, false
	}

	var filters []any

	switch strings.ToLower(command) {
	case "update", "delete":
		field := "updates"
		if strings.ToLower(command) == "delete" {
			field = "deletes"
		}

		v, _ := document.Get(field)
		statements, isArray := v.(*types.Array)
		if !isArray || statements.Len() == 0 {
			return nil, false
		}

		for i := 0; i < statements.Len(); i++ {
			s, _ := statements.Get(i)
			statement, isDoc := s.(*types.Document)
			if !isDoc {
				return nil, false
			}

			q, _ := statement.Get("q")
			filters = append(filters, q)
		}

	case "findandmodify":
		q, _ := document.Get("query")
		filters = append(filters, q)

	default:
		return nil, false
	}

	prefix := strconv.Quote(dbName) + "." + strconv.Quote(collName) + "."
	seen := make(map[string]struct{}, len(filters))

	for _, f := range filters {
		filter, isDoc := f.(*types.Document)
		if !isDoc || !filter.Has("_id") {
			return nil, false
		}

		id, _ := filter.Get("_id")

		idKey, scalar := loyaldeskIDKey(id, true)
		if !scalar {
			return nil, false
		}

		key := prefix + idKey
		if _, dup := seen[key]; !dup {
			seen[key] = struct{}{}
			keys = append(keys, key)
		}
	}

	sort.Strings(keys)

	return keys, true
}

// loyaldeskIDKey returns the key of an _id equality value, or false when the value does not
// pin one document by equality (operators other than $eq, composite values, null, regex).
func loyaldeskIDKey(v any, allowEq bool) (string, bool) {
	switch v := v.(type) {
	case *types.Document:
		// {_id: {$eq: v}}
		if !allowEq || v.Len() != 1 || !v.Has("$eq") {
			return "", false
		}

		inner, _ := v.Get("$eq")

		return loyaldeskIDKey(inner, false)

	case string:
		return "s" + v, true

	case types.ObjectID:
		return "o" + hex.EncodeToString(v[:]), true

	case int32:
		return "n" + strconv.FormatInt(int64(v), 10), true

	case int64:
		return "n" + strconv.FormatInt(v, 10), true

	case float64:
		if math.IsNaN(v) {
			return "", false
		}

		if v == math.Trunc(v) && math.Abs(v) < 1<<63 {
			return "n" + strconv.FormatInt(int64(v), 10), true
		}

		return "n" + strconv.FormatFloat(v, 'g', -1, 64), true

	case bool:
		return "b" + strconv.FormatBool(v), true

	case time.Time:
		return "t" + strconv.FormatInt(v.UnixMilli(), 10), true

	case types.Binary:
		return "x" + strconv.Itoa(int(v.Subtype)) + ":" + hex.EncodeToString(v.B), true

	case types.Timestamp:
		return "T" + strconv.FormatUint(uint64(v), 10), true

	default:
		// *types.Array, types.NullType, types.Regex
		return "", false
	}
}
