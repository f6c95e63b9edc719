// Command oracle-convert answers conversion, unification and mismatch-message questions with
// go-cty's convert package, for the property tests of @pyvider/cty's conversion.
//
// Protocol: one JSON request per stdin line, one JSON answer per stdout line.
//
//	{"op":"convert","value":V,"type":T,"unsafe":true}  -> {"value":V} or {"errors":[E...]}
//	{"op":"unify","types":[T...],"unsafe":false}       -> {"type":T|null,"convs":[bool...]}
//	{"op":"mismatch","got":T,"want":T}                 -> {"messages":[string...]}
//
// T is go-cty type JSON. V is a tagged value: {"t":T,"null":true}, {"t":T,"unknown":{...}},
// {"t":T,"v":...} with numbers as {"t":"number","v":"1.5","prec":"int"|"float"|"parse"}, and an
// optional "m":["mark",...]. Because go-cty reports the first of several problems in Go map
// order (random), failing conversions and messages are repeated and every distinct answer kept.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"sort"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

const repeats = 256

type request struct {
	Op     string            `json:"op"`
	Value  json.RawMessage   `json:"value"`
	Type   json.RawMessage   `json:"type"`
	Types  []json.RawMessage `json:"types"`
	Got    json.RawMessage   `json:"got"`
	Want   json.RawMessage   `json:"want"`
	Unsafe bool              `json:"unsafe"`
}

type tagged struct {
	T       json.RawMessage `json:"t"`
	Null    bool            `json:"null,omitempty"`
	Unknown *refinements    `json:"unknown,omitempty"`
	V       json.RawMessage `json:"v,omitempty"`
	Prec    string          `json:"prec,omitempty"`
	M       []string        `json:"m,omitempty"`
}

type refinements struct {
	NotNull bool   `json:"notNull,omitempty"`
	LenMin  *int   `json:"lenMin,omitempty"`
	LenMax  *int   `json:"lenMax,omitempty"`
	Prefix  string `json:"prefix,omitempty"`
}

type convError struct {
	Message string `json:"message"`
	Path    []any  `json:"path"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<28)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var req request
		var ans any
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			ans = map[string]string{"fatal": err.Error()}
		} else {
			ans = answer(req)
		}
		if err := enc.Encode(ans); err != nil {
			panic(err)
		}
	}
}

func answer(req request) (ans any) {
	defer func() {
		if r := recover(); r != nil {
			ans = map[string]string{"panic": fmt.Sprint(r)}
		}
	}()
	switch req.Op {
	case "convert":
		v := decodeValue(req.Value)
		ty := decodeType(req.Type)
		seen := map[string]convError{}
		for i := 0; i < repeats; i++ {
			got, err := doConvert(v, ty, req.Unsafe)
			if err == nil {
				return map[string]any{"value": encodeValue(got)}
			}
			e := describeError(err)
			key, _ := json.Marshal(e)
			seen[string(key)] = e
		}
		return map[string]any{"errors": sortedErrors(seen)}
	case "unify":
		tys := make([]cty.Type, len(req.Types))
		for i, t := range req.Types {
			tys[i] = decodeType(t)
		}
		var ty cty.Type
		var convs []convert.Conversion
		if req.Unsafe {
			ty, convs = convert.UnifyUnsafe(tys)
		} else {
			ty, convs = convert.Unify(tys)
		}
		res := map[string]any{"type": nil}
		if ty != cty.NilType {
			res["type"] = json.RawMessage(encodeType(ty))
		}
		flags := make([]bool, len(convs))
		for i, c := range convs {
			flags[i] = c != nil
		}
		res["convs"] = flags
		return res
	case "mismatch":
		got, want := decodeType(req.Got), decodeType(req.Want)
		seen := map[string]bool{}
		for i := 0; i < repeats; i++ {
			seen[convert.MismatchMessage(got, want)] = true
		}
		msgs := make([]string, 0, len(seen))
		for m := range seen {
			msgs = append(msgs, m)
		}
		sort.Strings(msgs)
		return map[string]any{"messages": msgs}
	default:
		return map[string]string{"fatal": "unknown op " + req.Op}
	}
}

// doConvert is convert.Convert, or its safe-only counterpart.
func doConvert(v cty.Value, ty cty.Type, unsafe bool) (cty.Value, error) {
	if unsafe {
		return convert.Convert(v, ty)
	}
	if v.Type().Equals(ty.WithoutOptionalAttributesDeep()) {
		return v, nil
	}
	conv := convert.GetConversion(v.Type(), ty)
	if conv == nil {
		return cty.NilVal, fmt.Errorf("%s", convert.MismatchMessage(v.Type(), ty))
	}
	return conv(v)
}

func sortedErrors(seen map[string]convError) []convError {
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]convError, len(keys))
	for i, k := range keys {
		out[i] = seen[k]
	}
	return out
}

func describeError(err error) convError {
	e := convError{Message: err.Error(), Path: []any{}}
	if pe, ok := err.(cty.PathError); ok {
		for _, step := range pe.Path {
			switch s := step.(type) {
			case cty.GetAttrStep:
				e.Path = append(e.Path, map[string]any{"attr": s.Name})
			case cty.IndexStep:
				if s.Key.Type() == cty.String {
					e.Path = append(e.Path, map[string]any{"key": s.Key.AsString()})
				} else {
					i, _ := s.Key.AsBigFloat().Int64()
					e.Path = append(e.Path, map[string]any{"index": i})
				}
			default:
				e.Path = append(e.Path, map[string]any{"other": fmt.Sprintf("%#v", s)})
			}
		}
	}
	return e
}

func decodeType(raw json.RawMessage) cty.Type {
	ty, err := ctyjson.UnmarshalType(raw)
	if err != nil {
		panic(fmt.Sprintf("bad type %s: %s", raw, err))
	}
	return ty
}

func encodeType(ty cty.Type) []byte {
	b, err := ctyjson.MarshalType(ty)
	if err != nil {
		panic(err)
	}
	return b
}

func decodeValue(raw json.RawMessage) cty.Value {
	var tv tagged
	if err := json.Unmarshal(raw, &tv); err != nil {
		panic(fmt.Sprintf("bad value %s: %s", raw, err))
	}
	ty := decodeType(tv.T)
	var v cty.Value
	switch {
	case tv.Null:
		v = cty.NullVal(ty)
	case tv.Unknown != nil:
		v = cty.UnknownVal(ty)
		r := tv.Unknown
		if r.NotNull {
			v = v.RefineNotNull()
		}
		if r.Prefix != "" {
			v = v.Refine().StringPrefixFull(r.Prefix).NewValue()
		}
		if r.LenMin != nil {
			v = v.Refine().CollectionLengthLowerBound(*r.LenMin).NewValue()
		}
		if r.LenMax != nil {
			v = v.Refine().CollectionLengthUpperBound(*r.LenMax).NewValue()
		}
	default:
		v = decodeKnown(ty, tv)
	}
	if len(tv.M) > 0 {
		for _, m := range tv.M {
			v = v.Mark(m)
		}
	}
	return v
}

func decodeKnown(ty cty.Type, tv tagged) cty.Value {
	switch {
	case ty == cty.String:
		var s string
		must(json.Unmarshal(tv.V, &s))
		return cty.StringVal(s)
	case ty == cty.Bool:
		var b bool
		must(json.Unmarshal(tv.V, &b))
		return cty.BoolVal(b)
	case ty == cty.Number:
		var s string
		must(json.Unmarshal(tv.V, &s))
		switch tv.Prec {
		case "int":
			var n big.Int
			if _, ok := n.SetString(s, 10); !ok || !n.IsInt64() {
				panic("bad int " + s)
			}
			return cty.NumberIntVal(n.Int64())
		case "float":
			var f float64
			if _, err := fmt.Sscan(s, &f); err != nil {
				panic(err)
			}
			return cty.NumberFloatVal(f)
		default:
			return cty.MustParseNumberVal(s)
		}
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		var raws []json.RawMessage
		must(json.Unmarshal(tv.V, &raws))
		elems := make([]cty.Value, len(raws))
		for i, r := range raws {
			elems[i] = decodeValue(r)
		}
		switch {
		case ty.IsTupleType():
			return cty.TupleVal(elems)
		case len(elems) == 0 && ty.IsListType():
			return cty.ListValEmpty(ty.ElementType())
		case len(elems) == 0:
			return cty.SetValEmpty(ty.ElementType())
		case ty.IsListType():
			return cty.ListVal(elems)
		default:
			return cty.SetVal(elems)
		}
	case ty.IsMapType() || ty.IsObjectType():
		var raws map[string]json.RawMessage
		must(json.Unmarshal(tv.V, &raws))
		elems := make(map[string]cty.Value, len(raws))
		for k, r := range raws {
			elems[k] = decodeValue(r)
		}
		switch {
		case ty.IsObjectType():
			return cty.ObjectVal(elems)
		case len(elems) == 0:
			return cty.MapValEmpty(ty.ElementType())
		default:
			return cty.MapVal(elems)
		}
	}
	panic("cannot decode a known value of type " + ty.FriendlyName())
}

func encodeValue(v cty.Value) map[string]any {
	v, marks := v.Unmark()
	out := map[string]any{"t": json.RawMessage(encodeType(v.Type()))}
	if len(marks) > 0 {
		ms := make([]string, 0, len(marks))
		for m := range marks {
			ms = append(ms, fmt.Sprint(m))
		}
		sort.Strings(ms)
		out["m"] = ms
	}
	switch {
	case !v.IsKnown():
		r := map[string]any{}
		rng := v.Range()
		if rng.DefinitelyNotNull() {
			r["notNull"] = true
		}
		if ty := v.Type(); ty.IsCollectionType() {
			if lo := rng.LengthLowerBound(); lo > 0 {
				r["lenMin"] = lo
			}
			if hi := rng.LengthUpperBound(); hi != math.MaxInt {
				r["lenMax"] = hi
			}
		}
		if v.Type() == cty.String {
			if p := rng.StringPrefix(); p != "" {
				r["prefix"] = p
			}
		}
		out["unknown"] = r
	case v.IsNull():
		out["null"] = true
	case v.Type() == cty.String:
		out["v"] = v.AsString()
	case v.Type() == cty.Bool:
		out["v"] = v.True()
	case v.Type() == cty.Number:
		out["v"] = v.AsBigFloat().Text('f', -1)
	case v.Type().IsListType() || v.Type().IsSetType() || v.Type().IsTupleType():
		elems := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, encodeValue(e))
		}
		out["v"] = elems
	case v.Type().IsMapType() || v.Type().IsObjectType():
		elems := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			elems[k.AsString()] = encodeValue(e)
		}
		out["v"] = elems
	default:
		panic("cannot encode a value of type " + v.Type().FriendlyName())
	}
	return out
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
