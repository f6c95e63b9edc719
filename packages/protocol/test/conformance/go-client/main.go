// Command go-client runs the gRPC conformance checks against the conformance service
// (test/conformance/service.ts) with Go gRPC (google.golang.org/grpc, the client inside
// Terraform and OpenTofu). Usage: go-client <unix socket> <max message bytes>. Prints one JSON
// object: {"checks":[{"name":..,"ok":..,"detail":..}]}.
package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// rawCodec sends and receives messages as raw bytes.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "raw" }

func init() { encoding.RegisterCodec(rawCodec{}) }

const service = "/pyvider.conformance.Test/"

type check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

var checks []check

func record(name string, err error) {
	c := check{Name: name, OK: err == nil}
	if err != nil {
		c.Detail = err.Error()
	}
	checks = append(checks, c)
}

func unary(ctx context.Context, conn *grpc.ClientConn, method string, req []byte, opts ...grpc.CallOption) ([]byte, error) {
	var res []byte
	err := conn.Invoke(ctx, service+method, &req, &res, opts...)
	return res, err
}

func wantCode(err error, code codes.Code) error {
	if status.Code(err) != code {
		return fmt.Errorf("want %v, got %v", code, err)
	}
	return nil
}

func u32s(xs ...uint32) []byte {
	b := make([]byte, 4*len(xs))
	for i, x := range xs {
		binary.BigEndian.PutUint32(b[4*i:], x)
	}
	return b
}

type stats struct {
	Aborted int `json:"aborted"`
	Active  int `json:"active"`
}

func getStats(conn *grpc.ClientConn) (stats, error) {
	var s stats
	res, err := unary(context.Background(), conn, "Stats", nil)
	if err == nil {
		err = json.Unmarshal(res, &s)
	}
	return s, err
}

// waitAborted waits until the server counted more aborted handlers than before.
func waitAborted(conn *grpc.ClientConn, before int) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		s, err := getStats(conn)
		if err != nil {
			return err
		}
		if s.Aborted > before {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return errors.New("the server handler was not aborted")
}

func main() {
	socket := os.Args[1]
	limit, _ := strconv.Atoi(os.Args[2])
	conn, err := grpc.NewClient("unix://"+socket,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.CallContentSubtype("raw"),
			grpc.MaxCallRecvMsgSize(limit+1<<20), grpc.MaxCallSendMsgSize(limit+1<<20)))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	bg := context.Background()

	record("unary", func() error {
		res, err := unary(bg, conn, "Echo", []byte("hello"))
		if err != nil {
			return err
		}
		if string(res) != "hello" {
			return fmt.Errorf("echo gave %q", res)
		}
		return nil
	}())

	message := "bad thing,\nsecond line: é 100% ✓"
	record("unary error status and message (trailers-only)", func() error {
		ctx := metadata.AppendToOutgoingContext(bg, "x-status", "9", "x-message", url.PathEscape(message))
		_, err := unary(ctx, conn, "Echo", []byte("x"))
		if e := wantCode(err, codes.FailedPrecondition); e != nil {
			return e
		}
		if got := status.Convert(err).Message(); got != message {
			return fmt.Errorf("message %q, want %q", got, message)
		}
		return nil
	}())

	record("server streaming, then OK trailers", func() error {
		stream, err := conn.NewStream(bg, &grpc.StreamDesc{ServerStreams: true}, service+"Repeat")
		if err != nil {
			return err
		}
		req := u32s(5, 1000)
		if err := stream.SendMsg(&req); err != nil {
			return err
		}
		stream.CloseSend()
		n := 0
		for {
			var res []byte
			err := stream.RecvMsg(&res)
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			if len(res) != 1000 || res[0] != byte(n) {
				return fmt.Errorf("message %d has %d bytes starting %d", n, len(res), res[0])
			}
			n++
		}
		if n != 5 {
			return fmt.Errorf("%d messages, want 5", n)
		}
		return nil
	}())

	record("server streaming, then error trailers after the messages", func() error {
		ctx := metadata.AppendToOutgoingContext(bg, "x-status", "10", "x-message", url.PathEscape(message))
		stream, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, service+"Repeat")
		if err != nil {
			return err
		}
		req := u32s(3, 10)
		stream.SendMsg(&req)
		stream.CloseSend()
		n := 0
		for {
			var res []byte
			err := stream.RecvMsg(&res)
			if err == nil {
				n++
				continue
			}
			if e := wantCode(err, codes.Aborted); e != nil {
				return e
			}
			if status.Convert(err).Message() != message {
				return fmt.Errorf("message %q", status.Convert(err).Message())
			}
			break
		}
		if n != 3 {
			return fmt.Errorf("%d messages before the status, want 3", n)
		}
		return nil
	}())

	record("client streaming", func() error {
		stream, err := conn.NewStream(bg, &grpc.StreamDesc{ClientStreams: true}, service+"Sum")
		if err != nil {
			return err
		}
		for i := 0; i < 10; i++ {
			m := make([]byte, 100+i)
			if err := stream.SendMsg(&m); err != nil {
				return err
			}
		}
		stream.CloseSend()
		var res []byte
		if err := stream.RecvMsg(&res); err != nil {
			return err
		}
		if string(res) != "10,1045" {
			return fmt.Errorf("sum %q, want 10,1045", res)
		}
		return nil
	}())

	record("bidirectional streaming, interleaved", func() error {
		stream, err := conn.NewStream(bg, &grpc.StreamDesc{ClientStreams: true, ServerStreams: true}, service+"Chat")
		if err != nil {
			return err
		}
		for i := 0; i < 5; i++ {
			m := []byte(fmt.Sprintf("message %d", i))
			if err := stream.SendMsg(&m); err != nil {
				return err
			}
			var res []byte
			if err := stream.RecvMsg(&res); err != nil {
				return err
			}
			if string(res) != string(m) {
				return fmt.Errorf("got %q, want %q", res, m)
			}
		}
		stream.CloseSend()
		var res []byte
		if err := stream.RecvMsg(&res); err != io.EOF {
			return fmt.Errorf("want the end of the stream, got %v", err)
		}
		return nil
	}())

	record("deadline: DEADLINE_EXCEEDED and the handler aborted", func() error {
		before, err := getStats(conn)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(metadata.AppendToOutgoingContext(bg, "x-sleep-ms", "20000"), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err = unary(ctx, conn, "Echo", []byte("slow"))
		if e := wantCode(err, codes.DeadlineExceeded); e != nil {
			return e
		}
		if time.Since(start) > 10*time.Second {
			return errors.New("the deadline was not kept")
		}
		return waitAborted(conn, before.Aborted)
	}())

	record("cancellation of a server stream: the handler aborted", func() error {
		before, err := getStats(conn)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithCancel(bg)
		stream, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, service+"Repeat")
		if err != nil {
			cancel()
			return err
		}
		req := u32s(1_000_000, 1000)
		stream.SendMsg(&req)
		stream.CloseSend()
		var res []byte
		if err := stream.RecvMsg(&res); err != nil {
			cancel()
			return err
		}
		cancel()
		for {
			if err := stream.RecvMsg(&res); err != nil {
				if e := wantCode(err, codes.Canceled); e != nil {
					return e
				}
				break
			}
		}
		return waitAborted(conn, before.Aborted)
	}())

	record("many concurrent streams (500 unary calls, 100 bidirectional streams)", func() error {
		var wg sync.WaitGroup
		errs := make(chan error, 600)
		for i := 0; i < 500; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				m := []byte(fmt.Sprintf("call %d", i))
				res, err := unary(bg, conn, "Echo", m)
				if err == nil && string(res) != string(m) {
					err = fmt.Errorf("call %d got %q", i, res)
				}
				if err != nil {
					errs <- err
				}
			}(i)
		}
		for i := 0; i < 100; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				stream, err := conn.NewStream(bg, &grpc.StreamDesc{ClientStreams: true, ServerStreams: true}, service+"Chat")
				if err != nil {
					errs <- err
					return
				}
				for j := 0; j < 3; j++ {
					m := []byte(fmt.Sprintf("stream %d message %d", i, j))
					var res []byte
					if err := stream.SendMsg(&m); err != nil {
						errs <- err
						return
					}
					if err := stream.RecvMsg(&res); err != nil || string(res) != string(m) {
						errs <- fmt.Errorf("stream %d: %v %q", i, err, res)
						return
					}
				}
				stream.CloseSend()
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			return err
		}
		return nil
	}())

	record(fmt.Sprintf("request of exactly the limit (%d bytes) echoed", limit), func() error {
		m := make([]byte, limit)
		m[0], m[limit-1] = 1, 2
		res, err := unary(bg, conn, "Echo", m)
		if err != nil {
			return err
		}
		if len(res) != limit || res[0] != 1 || res[limit-1] != 2 {
			return fmt.Errorf("echo of %d bytes came back with %d", limit, len(res))
		}
		return nil
	}())

	record("request one byte over the limit: RESOURCE_EXHAUSTED", func() error {
		m := make([]byte, limit+1)
		_, err := unary(bg, conn, "Echo", m)
		return wantCode(err, codes.ResourceExhausted)
	}())

	record("response of exactly the limit", func() error {
		res, err := unary(bg, conn, "Big", u32s(uint32(limit)))
		if err != nil {
			return err
		}
		if len(res) != limit {
			return fmt.Errorf("%d bytes, want %d", len(res), limit)
		}
		return nil
	}())

	record("response one byte over the limit: RESOURCE_EXHAUSTED", func() error {
		_, err := unary(bg, conn, "Big", u32s(uint32(limit+1)))
		return wantCode(err, codes.ResourceExhausted)
	}())

	record("the connection still serves after all of it", func() error {
		res, err := unary(bg, conn, "Echo", []byte("still here"))
		if err == nil && string(res) != "still here" {
			err = fmt.Errorf("got %q", res)
		}
		return err
	}())

	out, _ := json.Marshal(map[string]any{"checks": checks})
	fmt.Println(string(out))
}
