// Tests for loyaldesk patch 3 (loyaldesk_locks.go); scripts/provision.sh copies both files into
// FerretDB's internal/handler and runs `go test -run Loyaldesk ./internal/handler` before it builds.

package handler

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

func loyaldeskDoc(pairs ...any) *types.Document {
	return must.NotFail(types.NewDocument(pairs...))
}

func loyaldeskArr(values ...any) *types.Array {
	return must.NotFail(types.NewArray(values...))
}

func TestLoyaldeskLockKeys(t *testing.T) {
	update := func(qs ...*types.Document) *types.Document {
		statements := types.MakeArray(len(qs))
		for _, q := range qs {
			statements.Append(loyaldeskDoc("q", q, "u", loyaldeskDoc("$inc", loyaldeskDoc("n", int32(1)))))
		}

		return loyaldeskDoc("update", "items", "updates", statements, "ordered", true, "$db", "test")
	}

	for name, tc := range map[string]struct {
		doc  *types.Document
		keys []string // nil: exclusive
	}{
		"update by string _id": {
			doc:  update(loyaldeskDoc("_id", "a")),
			keys: []string{`"test"."items".sa`},
		},
		"update by _id and more conditions": {
			doc:  update(loyaldeskDoc("_id", "a", "status", "open")),
			keys: []string{`"test"."items".sa`},
		},
		"update by _id $eq": {
			doc:  update(loyaldeskDoc("_id", loyaldeskDoc("$eq", "a"))),
			keys: []string{`"test"."items".sa`},
		},
		"several statements: sorted, deduplicated": {
			doc:  update(loyaldeskDoc("_id", "b"), loyaldeskDoc("_id", "a"), loyaldeskDoc("_id", "b")),
			keys: []string{`"test"."items".sa`, `"test"."items".sb`},
		},
		"numbers of every type address one document": {
			doc:  update(loyaldeskDoc("_id", int32(1)), loyaldeskDoc("_id", int64(1)), loyaldeskDoc("_id", 1.0)),
			keys: []string{`"test"."items".n1`},
		},
		"update without _id": {
			doc: update(loyaldeskDoc("status", "open")),
		},
		"update with an empty filter": {
			doc: update(loyaldeskDoc()),
		},
		"one statement of two without _id": {
			doc: update(loyaldeskDoc("_id", "a"), loyaldeskDoc("status", "open")),
		},
		"_id $in": {
			doc: update(loyaldeskDoc("_id", loyaldeskDoc("$in", loyaldeskArr("a", "b")))),
		},
		"_id $gt": {
			doc: update(loyaldeskDoc("_id", loyaldeskDoc("$gt", "a"))),
		},
		"_id $eq a document": {
			doc: update(loyaldeskDoc("_id", loyaldeskDoc("$eq", loyaldeskDoc("$eq", "a")))),
		},
		"_id a document": {
			doc: update(loyaldeskDoc("_id", loyaldeskDoc("a", int32(1)))),
		},
		"_id null": {
			doc: update(loyaldeskDoc("_id", types.Null)),
		},
		"findAndModify by _id": {
			doc: loyaldeskDoc("findAndModify", "items", "query", loyaldeskDoc("_id", "a", "status", "open"),
				"update", loyaldeskDoc("$set", loyaldeskDoc("status", "claimed")), "$db", "test"),
			keys: []string{`"test"."items".sa`},
		},
		"findAndModify without query": {
			doc: loyaldeskDoc("findAndModify", "items", "update", loyaldeskDoc(), "$db", "test"),
		},
		"delete by _id": {
			doc: loyaldeskDoc("delete", "items",
				"deletes", loyaldeskArr(loyaldeskDoc("q", loyaldeskDoc("_id", "a"), "limit", int32(1))), "$db", "test"),
			keys: []string{`"test"."items".sa`},
		},
		"delete without _id": {
			doc: loyaldeskDoc("delete", "items",
				"deletes", loyaldeskArr(loyaldeskDoc("q", loyaldeskDoc(), "limit", int32(0))), "$db", "test"),
		},
		"no $db": {
			doc: loyaldeskDoc("delete", "items", "deletes", loyaldeskArr(loyaldeskDoc("q", loyaldeskDoc("_id", "a")))),
		},
	} {
		t.Run(name, func(t *testing.T) {
			keys, ok := loyaldeskLockKeys(tc.doc)
			if ok != (tc.keys != nil) {
				t.Fatalf("keyed = %v, want %v (keys %q)", ok, tc.keys != nil, keys)
			}

			if len(keys) != len(tc.keys) {
				t.Fatalf("keys = %q, want %q", keys, tc.keys)
			}

			for i := range keys {
				if keys[i] != tc.keys[i] {
					t.Fatalf("keys = %q, want %q", keys, tc.keys)
				}
			}
		})
	}
}

func TestLoyaldeskLockConcurrency(t *testing.T) {
	h := new(Handler)
	byID := func(id string) *types.Document {
		return loyaldeskDoc("findAndModify", "items", "query", loyaldeskDoc("_id", id), "$db", "test")
	}
	all := loyaldeskDoc("update", "items", "updates", loyaldeskArr(loyaldeskDoc("q", loyaldeskDoc())), "$db", "test")

	// Two documents are locked at once.
	unlockA := h.loyaldeskLock(byID("a"))
	unlockB := h.loyaldeskLock(byID("b"))

	// The same document waits.
	var sameDone atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		h.loyaldeskLock(byID("a"))()
		sameDone.Store(true)
	}()

	time.Sleep(50 * time.Millisecond)
	if sameDone.Load() {
		t.Fatal("a second lock of document a did not wait")
	}

	// An exclusive command waits for both.
	var exclusiveDone atomic.Bool
	wg.Add(1)
	go func() {
		defer wg.Done()
		h.loyaldeskLock(all)()
		exclusiveDone.Store(true)
	}()

	time.Sleep(50 * time.Millisecond)
	unlockA()
	unlockB()
	wg.Wait()

	if !sameDone.Load() || !exclusiveDone.Load() {
		t.Fatal("waiters did not run")
	}

	// Storm: counters stay exact and the table ends empty.
	counts := make([]int, 20)
	for i := 0; i < 20*50; i++ {
		wg.Add(1)
		go func(doc int, exclusive bool) {
			defer wg.Done()
			id := string(rune('a' + doc))
			if exclusive {
				unlock := h.loyaldeskLock(all)
				counts[doc]++
				unlock()

				return
			}

			unlock := h.loyaldeskLock(byID(id))
			c := counts[doc]
			time.Sleep(time.Microsecond)
			counts[doc] = c + 1
			unlock()
		}(i%20, i%7 == 0)
	}
	wg.Wait()

	for doc, c := range counts {
		if c != 50 {
			t.Fatalf("document %d counted %d, want 50", doc, c)
		}
	}

	loyaldeskLocks.mu.Lock()
	left := len(loyaldeskLocks.keys)
	loyaldeskLocks.mu.Unlock()

	if left != 0 {
		t.Fatalf("%d per-document locks leaked", left)
	}
}
