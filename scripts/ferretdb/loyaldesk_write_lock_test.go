// Tests for loyaldesk patch 5 (copied beside loyaldesk_write_lock.go by scripts/provision.sh).

package fsql

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

func openLoyaldeskTestDB(t *testing.T) *DB {
	t.Helper()

	uri := "file:" + filepath.Join(t.TempDir(), "test.sqlite") + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)"

	sqlDB, err := sql.Open("sqlite", uri)
	if err != nil {
		t.Fatal(err)
	}

	sqlDB.SetMaxOpenConns(20)
	t.Cleanup(func() { _ = sqlDB.Close() })

	db := WrapDB(sqlDB, "test", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if _, err = db.ExecContext(context.Background(), "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"); err != nil {
		t.Fatal(err)
	}

	return db
}

// Writers never overlap, every write lands, and no writer fails with SQLITE_BUSY.
func TestLoyaldeskWriteLockSerializesWriters(t *testing.T) {
	db := openLoyaldeskTestDB(t)
	ctx := context.Background()

	const writers, perWriter = 16, 25

	var inside, overlaps atomic.Int32

	var wg sync.WaitGroup

	errs := make(chan error, writers*perWriter)

	for w := 0; w < writers; w++ {
		wg.Add(1)

		go func(w int) {
			defer wg.Done()

			for i := 0; i < perWriter; i++ {
				err := db.InTransaction(ctx, func(tx *Tx) error {
					if inside.Add(1) > 1 {
						overlaps.Add(1)
					}
					defer inside.Add(-1)

					_, err := tx.ExecContext(ctx, "INSERT INTO t (v) VALUES (?)", fmt.Sprintf("%d-%d", w, i))

					return err
				})
				if err != nil {
					errs <- err
				}
			}
		}(w)
	}

	wg.Wait()
	close(errs)

	for err := range errs {
		t.Errorf("write failed: %v", err)
	}

	if n := overlaps.Load(); n != 0 {
		t.Errorf("%d writes ran while another held the write lock", n)
	}

	var count int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&count); err != nil {
		t.Fatal(err)
	}

	if count != writers*perWriter {
		t.Errorf("stored %d rows, want %d", count, writers*perWriter)
	}
}

// Two databases have two locks: a write held on one does not hold up the other.
func TestLoyaldeskWriteLockIsPerDatabase(t *testing.T) {
	first, second := openLoyaldeskTestDB(t), openLoyaldeskTestDB(t)
	ctx := context.Background()

	held := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)

	go func() {
		done <- first.InTransaction(ctx, func(tx *Tx) error {
			close(held)
			<-release

			_, err := tx.ExecContext(ctx, "INSERT INTO t (v) VALUES ('first')")

			return err
		})
	}()

	<-held

	secondDone := make(chan error, 1)

	go func() {
		_, err := second.ExecContext(ctx, "INSERT INTO t (v) VALUES ('second')")
		secondDone <- err
	}()

	select {
	case err := <-secondDone:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a write to another database waited for this one's lock")
	}

	close(release)

	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// Closing a database drops its mutex, so the table holds only open databases.
func TestLoyaldeskWriteLockIsForgottenOnClose(t *testing.T) {
	db := openLoyaldeskTestDB(t)

	if _, err := db.ExecContext(context.Background(), "INSERT INTO t (v) VALUES ('x')"); err != nil {
		t.Fatal(err)
	}

	if _, ok := loyaldeskWriteLocks.Load(db.sqlDB); !ok {
		t.Fatal("no write mutex after a write")
	}

	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	if _, ok := loyaldeskWriteLocks.Load(db.sqlDB); ok {
		t.Error("the write mutex of a closed database is still kept")
	}
}
