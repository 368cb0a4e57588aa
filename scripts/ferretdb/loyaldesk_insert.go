// loyaldesk patch 7 (copied into FerretDB v1.24.2's internal/backends/sqlite by scripts/provision.sh).
//
// What: an insert whose documents fit in one batch runs as one INSERT statement in autocommit
// mode, instead of BEGIN; INSERT; COMMIT.
//
// Why: SQLite makes a single statement atomic on its own, so the explicit transaction buys
// nothing for one batch. It cost two more statements to prepare and run, and, inside an
// explicit transaction, a multi-row INSERT that may fail on the unique _id index writes a
// statement journal (an in-memory file, allocated and freed per insert) so that it can undo
// itself without undoing the transaction. In a profile of FerretDB under the chat bench
// (`npm run bench -- chat`: a find and a 2-document insert per answer), BEGIN/COMMIT and the
// statement journal were ~12% of FerretDB's CPU.
//
// How: InsertAll calls loyaldeskInsertOneStatement first (one line added after it looks up the
// collection's metadata); it does the insert and returns done=true when the documents fit in
// one batch, else false and InsertAll goes on with its transaction over several batches. Same
// errors as InsertAll's: a duplicate _id is ErrorCodeInsertDuplicateID and nothing of the batch
// is stored. DB.ExecContext holds the database's write lock (patch 5), as InTransaction did.

package sqlite

import (
	"context"
	"errors"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// loyaldeskInsertOneStatement inserts params.Docs with one autocommit statement when they fit in
// one batch (done=true), or does nothing (done=false).
func (c *collection) loyaldeskInsertOneStatement(
	ctx context.Context, db *fsql.DB, meta *metadata.Collection, params *backends.InsertAllParams,
) (res *backends.InsertAllResult, err error, done bool) { //nolint:revive // three results read best here
	if c.r.BatchSize < 1 || len(params.Docs) == 0 || len(params.Docs) > c.r.BatchSize {
		return nil, nil, false
	}

	q, args, err := prepareInsertStatement(meta.TableName, meta.Capped(), params.Docs)
	if err != nil {
		return nil, lazyerrors.Error(err), true
	}

	if _, err = db.ExecContext(ctx, q, args...); err != nil {
		var se *sqlite3.Error
		if errors.As(err, &se) && se.Code() == sqlite3lib.SQLITE_CONSTRAINT_UNIQUE {
			return nil, backends.NewError(backends.ErrorCodeInsertDuplicateID, err), true
		}

		return nil, lazyerrors.Error(err), true
	}

	return new(backends.InsertAllResult), nil, true
}
