// Tests for loyaldesk patch 7 (loyaldesk_insert.go), copied beside it by scripts/provision.sh.

package sqlite

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/iterator"
	"github.com/FerretDB/FerretDB/internal/util/must"
	"github.com/FerretDB/FerretDB/internal/util/state"
	"github.com/FerretDB/FerretDB/internal/util/testutil"
)

func TestLoyaldeskInsertOneStatement(t *testing.T) {
	t.Parallel()

	ctx := testutil.Ctx(t)

	sp, err := state.NewProvider("")
	require.NoError(t, err)

	// A batch of 2: inserts of up to 2 documents take the one-statement path, more the transaction.
	b, err := NewBackend(&NewBackendParams{URI: testutil.TestSQLiteURI(t, ""), L: testutil.Logger(t), P: sp, BatchSize: 2})
	require.NoError(t, err)
	t.Cleanup(b.Close)

	db, err := b.Database(testutil.DatabaseName(t))
	require.NoError(t, err)

	coll, err := db.Collection(testutil.CollectionName(t))
	require.NoError(t, err)

	doc := func(id string) *types.Document { return must.NotFail(types.NewDocument("_id", id, "v", int32(1))) }
	ids := func() []string {
		res, err := coll.Query(ctx, nil)
		require.NoError(t, err)
		docs, err := iterator.ConsumeValues[struct{}, *types.Document](res.Iter)
		require.NoError(t, err)
		out := make([]string, len(docs))
		for i, d := range docs {
			out[i] = must.NotFail(d.Get("_id")).(string)
		}
		return out
	}

	// One statement, into a collection that does not exist yet.
	_, err = coll.InsertAll(ctx, &backends.InsertAllParams{Docs: []*types.Document{doc("a"), doc("b")}})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"a", "b"}, ids())

	// A duplicate _id in one statement: the duplicate error, and nothing of that batch stored.
	_, err = coll.InsertAll(ctx, &backends.InsertAllParams{Docs: []*types.Document{doc("c"), doc("a")}})
	require.True(t, backends.ErrorCodeIs(err, backends.ErrorCodeInsertDuplicateID), "got %v", err)
	require.ElementsMatch(t, []string{"a", "b"}, ids())

	// More than one batch: the transaction as before, all or nothing.
	_, err = coll.InsertAll(ctx, &backends.InsertAllParams{Docs: []*types.Document{doc("d"), doc("e"), doc("f"), doc("b")}})
	require.True(t, backends.ErrorCodeIs(err, backends.ErrorCodeInsertDuplicateID), "got %v", err)
	require.ElementsMatch(t, []string{"a", "b"}, ids())

	_, err = coll.InsertAll(ctx, &backends.InsertAllParams{Docs: []*types.Document{doc("d"), doc("e"), doc("f")}})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"a", "b", "d", "e", "f"}, ids())
}
