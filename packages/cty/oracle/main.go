// Command cty-oracle answers codec questions with go-cty itself, so that the
// TypeScript codecs of @pyvider/cty can be checked byte for byte.
//
// Protocol: one JSON object per line on stdin, one JSON object per line on
// stdout, in order. Request fields: id, op, type (type JSON text), hex (msgpack
// bytes), text (JSON text or a string argument), notNull, iterations.
// Ops: type-json, msgpack-roundtrip, msgpack-to-json, json-roundtrip,
// json-to-msgpack, implied-type, safe-prefix, prefix-unknown, bench.
// Response fields: id, ok, and hex/text/ns, or error.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/ctystrings"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
)

type request struct {
	ID         int64  `json:"id"`
	Op         string `json:"op"`
	Type       string `json:"type"`
	Hex        string `json:"hex"`
	Text       string `json:"text"`
	NotNull    bool   `json:"notNull"`
	Iterations int    `json:"iterations"`
}

type response struct {
	ID    int64   `json:"id"`
	OK    bool    `json:"ok"`
	Hex   *string `json:"hex,omitempty"`
	Text  *string `json:"text,omitempty"`
	EncNs int64   `json:"encodeNs,omitempty"`
	DecNs int64   `json:"decodeNs,omitempty"`
	Error string  `json:"error,omitempty"`
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			var req request
			var resp response
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				resp = response{OK: false, Error: "bad request: " + jerr.Error()}
			} else {
				resp = serve(req)
			}
			resp.ID = req.ID
			_ = enc.Encode(&resp)
			if in.Buffered() == 0 {
				_ = out.Flush()
			}
		}
		if err != nil {
			_ = out.Flush()
			return
		}
	}
}

func strp(s string) *string { return &s }

func serve(req request) (resp response) {
	defer func() {
		if r := recover(); r != nil {
			resp = response{OK: false, Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	fail := func(err error) response { return response{OK: false, Error: err.Error()} }
	parseType := func() (cty.Type, error) {
		var ty cty.Type
		err := ty.UnmarshalJSON([]byte(req.Type))
		return ty, err
	}
	switch req.Op {
	case "ping":
		return response{OK: true}
	case "type-json":
		var ty cty.Type
		if err := ty.UnmarshalJSON([]byte(req.Text)); err != nil {
			return fail(err)
		}
		b, err := ty.MarshalJSON()
		if err != nil {
			return fail(err)
		}
		return response{OK: true, Text: strp(string(b))}
	case "msgpack-roundtrip", "msgpack-to-json":
		ty, err := parseType()
		if err != nil {
			return fail(err)
		}
		raw, err := hex.DecodeString(req.Hex)
		if err != nil {
			return fail(err)
		}
		v, err := ctymsgpack.Unmarshal(raw, ty)
		if err != nil {
			return fail(err)
		}
		if req.Op == "msgpack-to-json" {
			b, err := ctyjson.Marshal(v, ty)
			if err != nil {
				return fail(err)
			}
			return response{OK: true, Text: strp(string(b))}
		}
		b, err := ctymsgpack.Marshal(v, ty)
		if err != nil {
			return fail(err)
		}
		return response{OK: true, Hex: strp(hex.EncodeToString(b))}
	case "json-roundtrip", "json-to-msgpack":
		ty, err := parseType()
		if err != nil {
			return fail(err)
		}
		v, err := ctyjson.Unmarshal([]byte(req.Text), ty)
		if err != nil {
			return fail(err)
		}
		if req.Op == "json-to-msgpack" {
			b, err := ctymsgpack.Marshal(v, ty)
			if err != nil {
				return fail(err)
			}
			return response{OK: true, Hex: strp(hex.EncodeToString(b))}
		}
		b, err := ctyjson.Marshal(v, ty)
		if err != nil {
			return fail(err)
		}
		return response{OK: true, Text: strp(string(b))}
	case "implied-type":
		ty, err := ctyjson.ImpliedType([]byte(req.Text))
		if err != nil {
			return fail(err)
		}
		b, err := ty.MarshalJSON()
		if err != nil {
			return fail(err)
		}
		return response{OK: true, Text: strp(string(b))}
	case "safe-prefix":
		return response{OK: true, Text: strp(ctystrings.SafeKnownPrefix(req.Text))}
	case "prefix-unknown":
		// An unknown string refined with exactly this prefix (no trimming), msgpack-encoded.
		b := cty.UnknownVal(cty.String).Refine().StringPrefixFull(req.Text)
		if req.NotNull {
			b = b.NotNull()
		}
		out, err := ctymsgpack.Marshal(b.NewValue(), cty.String)
		if err != nil {
			return fail(err)
		}
		return response{OK: true, Hex: strp(hex.EncodeToString(out))}
	case "bench":
		// Times go-cty decoding the given bytes and encoding the value, each repeated.
		ty, err := parseType()
		if err != nil {
			return fail(err)
		}
		raw, err := hex.DecodeString(req.Hex)
		if err != nil {
			return fail(err)
		}
		n := req.Iterations
		if n <= 0 {
			n = 1
		}
		v, err := ctymsgpack.Unmarshal(raw, ty)
		if err != nil {
			return fail(err)
		}
		start := time.Now()
		for i := 0; i < n; i++ {
			if _, err := ctymsgpack.Marshal(v, ty); err != nil {
				return fail(err)
			}
		}
		encNs := time.Since(start).Nanoseconds() / int64(n)
		start = time.Now()
		for i := 0; i < n; i++ {
			if _, err := ctymsgpack.Unmarshal(raw, ty); err != nil {
				return fail(err)
			}
		}
		decNs := time.Since(start).Nanoseconds() / int64(n)
		return response{OK: true, EncNs: encNs, DecNs: decNs}
	default:
		return fail(fmt.Errorf("unknown op %q", req.Op))
	}
}
