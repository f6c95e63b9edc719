// Command oracle-num answers questions about go-cty numbers (Go math/big floats) for the
// TypeScript number tests. One request per stdin line, one JSON answer per stdout line:
//
//	parse <text>      cty.ParseNumberVal
//	f64 <16 hex>      cty.NumberFloatVal of the float64 with these bits
//	i64 <decimal>     cty.NumberIntVal
//	u64 <decimal>     cty.NumberUIntVal
//	big <decimal>     big.Float.SetInt
//	cmp <a> <b>       both parsed; Cmp and cty Equals
//	arith <op> <a> <b> cty Add / Subtract / Multiply / Divide (op + - * /); operands are
//	                  decimals, f:<16 hex> (float64 bits) or i:<int64>
//	safeprefix <json str> ctystrings.SafeKnownPrefix
//	equals <hex a> <hex b> <type json>
//	                  both decoded from msgpack as the type; the distinct results of a.Equals(b)
//	                  over 100 runs (Go's map iteration order varies, and with it the answer when
//	                  one attribute or element is unequal and another unknown) as msgpack hex,
//	                  comma-separated (in q), and a.RawEquals(b) (in eq)
//	quote <json str>  fmt.Sprintf("%q") of the string and the CRC-32 of cty's set hash of it
//	set <type json> <json array>
//	                  each array element decoded with cty/json as the type, then cty.SetVal:
//	                  the input index of each set element in iteration order
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/ctystrings"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
)

type answer struct {
	Err   string `json:"err,omitempty"`
	F     string `json:"f,omitempty"`
	G     string `json:"g,omitempty"`
	IsInt bool   `json:"isInt"`
	Prec  uint   `json:"prec"`
	F64   string `json:"f64,omitempty"`
	Cmp   int    `json:"cmp"`
	Eq    bool   `json:"eq"`
	Q     string `json:"q,omitempty"`
	Hash  int    `json:"hash,omitempty"`
	Order []int  `json:"order,omitempty"`
}

func describe(f *big.Float) answer {
	nearest, _ := f.Float64()
	return answer{
		F:     f.Text('f', -1),
		G:     f.String(),
		IsInt: f.IsInt(),
		Prec:  f.Prec(),
		F64:   fmt.Sprintf("%016x", math.Float64bits(nearest)),
	}
}

func parse(s string) (*big.Float, error) {
	v, err := cty.ParseNumberVal(s)
	if err != nil {
		return nil, err
	}
	return v.AsBigFloat(), nil
}

func handle(line string) answer {
	op, arg, _ := strings.Cut(line, " ")
	switch op {
	case "parse":
		f, err := parse(arg)
		if err != nil {
			return answer{Err: err.Error()}
		}
		return describe(f)
	case "f64":
		bits, err := strconv.ParseUint(arg, 16, 64)
		if err != nil {
			return answer{Err: err.Error()}
		}
		return describe(cty.NumberFloatVal(math.Float64frombits(bits)).AsBigFloat())
	case "i64":
		i, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return answer{Err: err.Error()}
		}
		return describe(cty.NumberIntVal(i).AsBigFloat())
	case "u64":
		u, err := strconv.ParseUint(arg, 10, 64)
		if err != nil {
			return answer{Err: err.Error()}
		}
		return describe(cty.NumberUIntVal(u).AsBigFloat())
	case "big":
		i, ok := new(big.Int).SetString(arg, 10)
		if !ok {
			return answer{Err: "bad integer"}
		}
		return describe(new(big.Float).SetInt(i))
	case "cmp":
		a, b, _ := strings.Cut(arg, " ")
		fa, err := parse(a)
		if err != nil {
			return answer{Err: err.Error()}
		}
		fb, err := parse(b)
		if err != nil {
			return answer{Err: err.Error()}
		}
		eq := cty.NumberVal(fa).Equals(cty.NumberVal(fb)).True()
		return answer{Cmp: fa.Cmp(fb), Eq: eq}
	case "arith":
		return arith(arg)
	case "safeprefix":
		var str string
		if err := json.Unmarshal([]byte(arg), &str); err != nil {
			return answer{Err: err.Error()}
		}
		return answer{Q: ctystrings.SafeKnownPrefix(str)}
	case "equals":
		return equalsOp(arg)
	case "quote":
		var str string
		if err := json.Unmarshal([]byte(arg), &str); err != nil {
			return answer{Err: err.Error()}
		}
		return answer{Q: fmt.Sprintf("%q", str), Hash: cty.StringVal(str).Hash()}
	case "set":
		return setOrder(arg)
	}
	return answer{Err: "unknown op " + op}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		if err := enc.Encode(handle(in.Text())); err != nil {
			panic(err)
		}
	}
	out.Flush()
}

func setOrder(arg string) answer {
	dec := json.NewDecoder(strings.NewReader(arg))
	var tyRaw, elemsRaw json.RawMessage
	if err := dec.Decode(&tyRaw); err != nil {
		return answer{Err: err.Error()}
	}
	if err := dec.Decode(&elemsRaw); err != nil {
		return answer{Err: err.Error()}
	}
	ty, err := ctyjson.UnmarshalType(tyRaw)
	if err != nil {
		return answer{Err: err.Error()}
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(elemsRaw, &raws); err != nil {
		return answer{Err: err.Error()}
	}
	vals := make([]cty.Value, len(raws))
	for i, r := range raws {
		v, err := ctyjson.Unmarshal(r, ty)
		if err != nil {
			return answer{Err: err.Error()}
		}
		vals[i] = v
	}
	order := []int{}
	for _, e := range cty.SetVal(vals).AsValueSlice() {
		for i, v := range vals {
			if v.RawEquals(e) {
				order = append(order, i)
				break
			}
		}
	}
	return answer{Order: order}
}

func arith(arg string) (ans answer) {
	parts := strings.Split(arg, " ")
	if len(parts) != 3 {
		return answer{Err: "want: arith <op> <a> <b>"}
	}
	a, err := operand(parts[1])
	if err != nil {
		return answer{Err: err.Error()}
	}
	b, err := operand(parts[2])
	if err != nil {
		return answer{Err: err.Error()}
	}
	defer func() {
		if r := recover(); r != nil {
			ans = answer{Err: fmt.Sprint(r)}
		}
	}()
	var r cty.Value
	switch parts[0] {
	case "+":
		r = a.Add(b)
	case "-":
		r = a.Subtract(b)
	case "*":
		r = a.Multiply(b)
	case "/":
		r = a.Divide(b)
	default:
		return answer{Err: "unknown arithmetic op " + parts[0]}
	}
	return describe(r.AsBigFloat())
}

func operand(s string) (cty.Value, error) {
	switch {
	case strings.HasPrefix(s, "f:"):
		bits, err := strconv.ParseUint(s[2:], 16, 64)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.NumberFloatVal(math.Float64frombits(bits)), nil
	case strings.HasPrefix(s, "i:"):
		i, err := strconv.ParseInt(s[2:], 10, 64)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.NumberIntVal(i), nil
	}
	return cty.ParseNumberVal(s)
}

func equalsOp(arg string) (ans answer) {
	parts := strings.SplitN(arg, " ", 3)
	if len(parts) != 3 {
		return answer{Err: "want: equals <hex a> <hex b> <type json>"}
	}
	ty, err := ctyjson.UnmarshalType([]byte(parts[2]))
	if err != nil {
		return answer{Err: err.Error()}
	}
	vals := make([]cty.Value, 2)
	for i, h := range parts[:2] {
		b, err := hex.DecodeString(h)
		if err != nil {
			return answer{Err: err.Error()}
		}
		if vals[i], err = ctymsgpack.Unmarshal(b, ty); err != nil {
			return answer{Err: err.Error()}
		}
	}
	defer func() {
		if r := recover(); r != nil {
			ans = answer{Err: fmt.Sprint("panic: ", r)}
		}
	}()
	seen := map[string]bool{}
	var outs []string
	for range 100 {
		out, err := ctymsgpack.Marshal(vals[0].Equals(vals[1]), cty.Bool)
		if err != nil {
			return answer{Err: err.Error()}
		}
		if h := hex.EncodeToString(out); !seen[h] {
			seen[h] = true
			outs = append(outs, h)
		}
	}
	return answer{Q: strings.Join(outs, ","), Eq: vals[0].RawEquals(vals[1])}
}
