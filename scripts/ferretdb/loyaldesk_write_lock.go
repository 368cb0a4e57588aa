// loyaldesk patch 5 (copied into FerretDB v1.24.2's internal/util/fsql by scripts/provision.sh).
//
// What: one writer at a time per SQLite database, queued in Go.
//
// Why: SQLite admits one writer per database file; FerretDB lets every connection of its pool
// try, and a writer that finds the write lock taken is put to sleep by SQLite's busy handler
// (busy_timeout) for 1, 2, 5, 10, 15, 20, 25… ms before it tries again, whenever the lock came
// free meanwhile. Concurrent inserts therefore waited in those steps (measured, 2-document
// insertMany from N concurrent clients, p99 / max: 2 clients 8.9 / 81 ms, 8 clients 41 / 194 ms).
// A Go mutex hands the lock to the next writer the moment it is released (with it: 5.4 / 14 ms
// and 15 / 42 ms, and 30% more inserts per second).
//
// How: DB.ExecContext (FerretDB's SQLite backend uses it only for writes and DDL) and
// DB.InTransaction (its only use: insert and update batches) hold the database's mutex for their
// whole run, commit included. Reads (QueryContext, QueryRowContext) take no lock: in WAL mode
// they never wait for a writer. The mutex is per *sql.DB, i.e. per database file, kept in a
// package-level map so that the DB struct needs no change, and dropped by DB.Close (databases are
// created and dropped all the time in tests); nothing inside a held section calls back into
// DB.ExecContext or DB.InTransaction (only Tx methods), so it cannot deadlock.

package fsql

import "sync"

// loyaldeskWriteLocks maps each open database's *sql.DB to its *sync.Mutex.
var loyaldeskWriteLocks sync.Map

// loyaldeskWriteLock takes db's write mutex and returns its release.
func (db *DB) loyaldeskWriteLock() (unlock func()) {
	mutex, ok := loyaldeskWriteLocks.Load(db.sqlDB)
	if !ok {
		mutex, _ = loyaldeskWriteLocks.LoadOrStore(db.sqlDB, new(sync.Mutex))
	}

	m := mutex.(*sync.Mutex)
	m.Lock()

	return m.Unlock
}

// loyaldeskForgetWriteLock drops db's write mutex when db is closed.
func (db *DB) loyaldeskForgetWriteLock() {
	loyaldeskWriteLocks.Delete(db.sqlDB)
}
