// goplugin-client drives a provider executable with hashicorp/go-plugin's own
// client (AutoMTLS, protocol 6), the code Terraform and OpenTofu use, and
// prints one JSON object with what it observed. Used by test/goplugin.test.ts.
//
// Usage: goplugin-client <command> [args...]
package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/types/known/emptypb"
)

type providerPlugin struct{ plugin.Plugin }

func (providerPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error { return nil }

func (providerPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return c, nil
}

type report struct {
	Error             string `json:"error,omitempty"`
	NegotiatedVersion int    `json:"negotiatedVersion"`
	Network           string `json:"network"`
	Health            string `json:"health"`
	SchemaBytes       int    `json:"schemaBytes"`
	ExitCode          int    `json:"exitCode"`
}

func main() {
	r := run()
	out, _ := json.Marshal(r)
	os.Stdout.Write(append(out, '\n'))
	if r.Error != "" {
		os.Exit(1)
	}
}

func run() (r report) {
	r.ExitCode = -1
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			MagicCookieKey:   "TF_PLUGIN_MAGIC_COOKIE",
			MagicCookieValue: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
		},
		VersionedPlugins: map[int]plugin.PluginSet{6: {"provider": providerPlugin{}}},
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		Cmd:              cmd,
		StartTimeout:     60 * time.Second,
		Logger:           hclog.New(&hclog.LoggerOptions{Level: hclog.Warn, Output: os.Stderr}),
		SyncStdout:       os.Stderr,
		SyncStderr:       os.Stderr,
	})
	defer client.Kill()

	rpc, err := client.Client()
	if err != nil {
		r.Error = "connect: " + err.Error()
		return
	}
	r.NegotiatedVersion = client.NegotiatedVersion()
	if addr := client.ReattachConfig(); addr != nil && addr.Addr != nil {
		r.Network = addr.Addr.Network()
	}
	raw, err := rpc.Dispense("provider")
	if err != nil {
		r.Error = "dispense: " + err.Error()
		return
	}
	conn := raw.(*grpc.ClientConn)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	health, err := grpc_health_v1.NewHealthClient(conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: "plugin"})
	if err != nil {
		r.Error = "health: " + err.Error()
		return
	}
	r.Health = health.Status.String()
	// No tfplugin6 Go types here: decode into Empty and count the (unknown) bytes.
	var schema emptypb.Empty
	if err := conn.Invoke(ctx, "/tfplugin6.Provider/GetProviderSchema", &emptypb.Empty{}, &schema); err != nil {
		r.Error = "GetProviderSchema: " + err.Error()
		return
	}
	r.SchemaBytes = len(schema.ProtoReflect().GetUnknown())
	if err := rpc.Ping(); err != nil {
		r.Error = "ping: " + err.Error()
		return
	}
	// Kill calls GRPCController.Shutdown and waits (2 s) before killing.
	client.Kill()
	if cmd.ProcessState != nil {
		r.ExitCode = cmd.ProcessState.ExitCode()
	}
	return
}
