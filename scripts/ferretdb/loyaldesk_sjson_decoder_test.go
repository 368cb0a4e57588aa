// Tests for loyaldesk patch 6 (loyaldesk_sjson_decoder.go), copied beside it by scripts/provision.sh.

package sjson

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoyaldeskDecoder(t *testing.T) {
	t.Parallel()

	decode := func(data string, v any, strict bool) error {
		r := bytes.NewReader([]byte(data))
		dec := loyaldeskNewDecoder(r)
		if strict {
			dec.DisallowUnknownFields()
		}
		if err := dec.Decode(v); err != nil {
			return err
		}
		return checkConsumed(dec, r)
	}

	var m map[string]any
	require.NoError(t, decode(`{"a":1,"b":[true,"x"]}`, &m, false))
	require.Equal(t, map[string]any{"a": float64(1), "b": []any{true, "x"}}, m)
	require.Error(t, decode(`{"a":1} {"b":2}`, &m, false), "data after the value")
	require.Error(t, decode(`{"a":1`, &m, false), "truncated")

	var f float64
	require.NoError(t, decode(` 1.5 `, &f, true), "a number with unknown fields disallowed")
	require.Equal(t, 1.5, f)
	require.Error(t, decode(`1.5 x`, &f, true))

	var s struct {
		A int `json:"a"`
	}
	require.NoError(t, decode(`{"a":2}`, &s, true))
	require.Equal(t, 2, s.A)
	require.Error(t, decode(`{"a":2,"z":3}`, &s, true), "unknown field")
	require.Error(t, decode(`{"a":2} {}`, &s, true), "data after the value")
	require.NoError(t, decode(`{"a":2,"z":3}`, &s, false), "unknown fields allowed")
}
