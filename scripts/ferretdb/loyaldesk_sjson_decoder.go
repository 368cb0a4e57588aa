// loyaldesk patch 6 (copied into FerretDB v1.24.2's internal/handler/sjson by scripts/provision.sh).
//
// What: sjson decodes stored documents with github.com/goccy/go-json's one-call Unmarshal
// instead of encoding/json's streaming Decoder.
//
// Why: documents are stored as JSON with a schema ("sjson"), and every read decodes them: a
// Decoder per nested object and per value, each scanning its input twice (once to find where
// the value ends, once to decode it) and copying it, with reflection for every field. That was
// 22–26% of FerretDB's CPU under the chat bench (`npm run bench -- chat`: a findOne by _id of an
// order per answer). goccy/go-json is a drop-in for encoding/json's API; its Unmarshal decodes in
// one pass and rejects anything after the value, as checkConsumed did.
//
// How: provision.sh switches the package's encoding/json import to goccy/go-json, replaces each
// `json.NewDecoder(r)` with loyaldeskNewDecoder(r) (same Decode and DisallowUnknownFields) and
// checkConsumed's parameter type. A value decoded into a struct with unknown fields disallowed
// (the schema, binary, regex) still goes through goccy's streaming Decoder, which checks them.

package sjson

import (
	"bytes"
	"io"
	"reflect"

	json "github.com/goccy/go-json"
)

// loyaldeskDecoder decodes the one JSON value left in a reader.
type loyaldeskDecoder struct {
	data                  []byte
	disallowUnknownFields bool
}

// loyaldeskNewDecoder takes what is left in r (which ends up empty).
func loyaldeskNewDecoder(r *bytes.Reader) *loyaldeskDecoder {
	data := make([]byte, r.Len())
	_, _ = r.Read(data)

	return &loyaldeskDecoder{data: data}
}

// DisallowUnknownFields makes decoding into a struct fail on a field it does not have.
func (d *loyaldeskDecoder) DisallowUnknownFields() {
	d.disallowUnknownFields = true
}

// Decode decodes the whole input into v; anything after the value is an error.
func (d *loyaldeskDecoder) Decode(v any) error {
	if d.disallowUnknownFields {
		if t := reflect.TypeOf(v); t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
			r := bytes.NewReader(d.data)
			dec := json.NewDecoder(r)
			dec.DisallowUnknownFields()

			if err := dec.Decode(v); err != nil {
				return err
			}

			// The streaming decoder stops after the value; what follows may only be white space.
			rest, _ := io.ReadAll(io.MultiReader(dec.Buffered(), r))
			if len(bytes.TrimSpace(rest)) != 0 {
				return &json.SyntaxError{Offset: int64(len(d.data) - len(rest))}
			}

			return nil
		}
	}

	return json.Unmarshal(d.data, v)
}

// Buffered is empty: Decode consumes the whole input.
func (d *loyaldeskDecoder) Buffered() io.Reader {
	return bytes.NewReader(nil)
}
