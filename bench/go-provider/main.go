// Command terraform-provider-kvgo is the reference provider of `npm run bench:vs-go`: a
// terraform-plugin-framework provider with the `kv_entry` resource of the example kv provider
// (providers/example-kv): the same schema and the same file work per operation (a lock file
// created with O_EXCL, the entry read, an atomic write: temp file, fsync, rename, fsync of the
// directory; a durable delete), so that the TypeScript provider is compared with Go doing the
// same thing.
package main

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &kvProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/pyvider/kvgo"})
	if err != nil {
		log.Fatal(err)
	}
}

// ---- the store: one JSON file per key in <path>/<namespace>/, locks in .locks/ ----

type store struct {
	dir string
	key []byte
	mu  sync.Map // key -> *sync.Mutex (in-process mutex, like the TS store's)
}

type entry struct {
	Key        string            `json:"key"`
	Value      string            `json:"value"`
	Tags       map[string]string `json:"tags"`
	TTLSeconds *float64          `json:"ttl_seconds"`
	Version    int64             `json:"version"`
	CreatedAt  string            `json:"created_at"`
	UpdatedAt  string            `json:"updated_at"`
	Checksum   string            `json:"checksum"`
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]`)

func encodeName(key string) string {
	return unsafeName.ReplaceAllStringFunc(key, func(s string) string { return fmt.Sprintf("%%%02X", s[0]) })
}

func openStore(root, namespace string) (*store, error) {
	dir := filepath.Join(root, namespace)
	if err := os.MkdirAll(filepath.Join(dir, ".locks"), 0o755); err != nil {
		return nil, err
	}
	keyFile := filepath.Join(root, ".checksum-key")
	key, err := os.ReadFile(keyFile)
	if errors.Is(err, os.ErrNotExist) {
		key = make([]byte, 32)
		rand.Read(key)
		if err := writeAtomic(keyFile, []byte(hex.EncodeToString(key))); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	return &store{dir: dir, key: key}, nil
}

func (s *store) checksum(value string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}

func fsyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func writeAtomic(target string, data []byte) error {
	dir := filepath.Dir(target)
	var suffix [6]byte
	rand.Read(suffix[:])
	temp := filepath.Join(dir, fmt.Sprintf(".tmp-%d-%x-%s", os.Getpid(), suffix, filepath.Base(target)))
	f, err := os.OpenFile(temp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(temp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(temp)
		return err
	}
	f.Close()
	if err := os.Rename(temp, target); err != nil {
		os.Remove(temp)
		return err
	}
	return fsyncDir(dir)
}

// locked runs fn under the key's in-process mutex and its lock file (O_EXCL, holder record).
func (s *store) locked(key string, fn func() error) error {
	m, _ := s.mu.LoadOrStore(key, &sync.Mutex{})
	m.(*sync.Mutex).Lock()
	defer m.(*sync.Mutex).Unlock()
	lock := filepath.Join(s.dir, ".locks", encodeName(key)+".lock")
	deadline := time.Now().Add(10 * time.Second)
	for {
		f, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			host, _ := os.Hostname()
			fmt.Fprintf(f, `{"pid":%d,"host":%q,"acquired_at":%q}`+"\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339Nano))
			f.Close()
			break
		}
		if !errors.Is(err, os.ErrExist) || time.Now().After(deadline) {
			return fmt.Errorf("cannot lock %s: %w", key, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	defer os.Remove(lock)
	return fn()
}

func (s *store) file(key string) string { return filepath.Join(s.dir, encodeName(key)+".json") }

func (s *store) read(key string) (*entry, error) {
	b, err := os.ReadFile(s.file(key))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var e entry
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("corrupt entry file %s: %w", s.file(key), err)
	}
	return &e, nil
}

type input struct {
	value string
	tags  map[string]string
	ttl   *float64
}

func (s *store) put(key string, in input, expectVersion int64) (*entry, error) {
	var out *entry
	err := s.locked(key, func() error {
		cur, err := s.read(key)
		if err != nil {
			return err
		}
		actual := int64(0)
		if cur != nil {
			actual = cur.Version
		}
		if actual != expectVersion {
			return fmt.Errorf("entry %q: the state expects version %d, the store has %d", key, expectVersion, actual)
		}
		now := time.Now().UTC().Format(time.RFC3339Nano)
		e := entry{Key: key, Value: in.value, Tags: in.tags, TTLSeconds: in.ttl, Version: actual + 1,
			CreatedAt: now, UpdatedAt: now, Checksum: s.checksum(in.value)}
		if cur != nil {
			e.CreatedAt = cur.CreatedAt
		}
		if e.Tags == nil {
			e.Tags = map[string]string{}
		}
		b, _ := json.MarshalIndent(e, "", "  ")
		if err := writeAtomic(s.file(key), append(b, '\n')); err != nil {
			return err
		}
		out = &e
		return nil
	})
	return out, err
}

func (s *store) delete(key string, expectVersion int64) error {
	return s.locked(key, func() error {
		cur, err := s.read(key)
		if err != nil {
			return err
		}
		if cur == nil || cur.Version != expectVersion {
			return fmt.Errorf("entry %q changed since it was read", key)
		}
		if err := os.Remove(s.file(key)); err != nil {
			return err
		}
		return fsyncDir(s.dir)
	})
}

// ---- the provider ----

type kvProvider struct{}

type providerModel struct {
	Path      types.String `tfsdk:"path"`
	Namespace types.String `tfsdk:"namespace"`
}

type configured struct {
	store     *store
	namespace string
}

func (p *kvProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "kv"
}

func (p *kvProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{
		Description: "The kv provider keeps entries in an embedded store on disk: one directory per namespace, one JSON file per key.",
		Attributes: map[string]pschema.Attribute{
			"path":      pschema.StringAttribute{Optional: true, Description: "Directory of the store."},
			"namespace": pschema.StringAttribute{Optional: true, Description: `Namespace (subdirectory) to work in. Default "default".`},
		},
	}
}

func (p *kvProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	root := m.Path.ValueString()
	if root == "" {
		root = os.Getenv("KV_STORE_PATH")
	}
	if root == "" {
		root = ".kv-store"
	}
	ns := m.Namespace.ValueString()
	if ns == "" {
		ns = "default"
	}
	s, err := openStore(root, ns)
	if err != nil {
		resp.Diagnostics.AddError("Cannot open the store", err.Error())
		return
	}
	resp.ResourceData = &configured{store: s, namespace: ns}
}

func (p *kvProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &entryResource{} }}
}

func (p *kvProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// ---- kv_entry ----

type entryResource struct{ c *configured }

type entryModel struct {
	Key            types.String `tfsdk:"key"`
	Value          types.String `tfsdk:"value"`
	ValueWO        types.String `tfsdk:"value_wo"`
	ValueWOVersion types.Number `tfsdk:"value_wo_version"`
	Tags           types.Map    `tfsdk:"tags"`
	TTLSeconds     types.Number `tfsdk:"ttl_seconds"`
	ID             types.String `tfsdk:"id"`
	Version        types.Number `tfsdk:"version"`
	CreatedAt      types.String `tfsdk:"created_at"`
	UpdatedAt      types.String `tfsdk:"updated_at"`
	Checksum       types.String `tfsdk:"checksum"`
}

var keyPattern = regexp.MustCompile(`^[A-Za-z0-9_./-]{1,256}$`)

func (r *entryResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_entry"
}

func (r *entryResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version:     1,
		Description: "An entry of the kv store: a key and its value, with tags, in the provider's namespace.",
		Attributes: map[string]schema.Attribute{
			"key": schema.StringAttribute{Required: true, Description: "The entry's key.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"value":            schema.StringAttribute{Optional: true, Sensitive: true, Description: "The value, kept in state."},
			"value_wo":         schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true, Description: "The value, never kept in state or plan."},
			"value_wo_version": schema.NumberAttribute{Optional: true, Description: "Change it to write `value_wo` again."},
			"tags":             schema.MapAttribute{ElementType: types.StringType, Optional: true, Description: "Free-form labels stored with the entry."},
			"ttl_seconds":      schema.NumberAttribute{Optional: true, Description: "Time to live in seconds, recorded with the entry (not enforced)."},
			"id": schema.StringAttribute{Computed: true, Description: "`<namespace>/<key>`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"version": schema.NumberAttribute{Computed: true, Description: "Starts at 1 and grows by one on every change of the entry."},
			"created_at": schema.StringAttribute{Computed: true, Description: "When the entry was created (RFC 3339).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"updated_at": schema.StringAttribute{Computed: true, Description: "When the entry last changed (RFC 3339)."},
			"checksum":   schema.StringAttribute{Computed: true, Description: "HMAC-SHA-256 hex of the value under the store's own key."},
		},
	}
}

func (r *entryResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(path.MatchRoot("value"), path.MatchRoot("value_wo"))}
}

func (r *entryResource) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if c, ok := req.ProviderData.(*configured); ok {
		r.c = c
	}
}

func number(n int64) types.Number { return types.NumberValue(new(big.Float).SetInt64(n)) }

// ModifyPlan plans `version` (+1 on a change) and keeps computed values when nothing changes.
func (r *entryResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan entryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		if !plan.Key.IsUnknown() && r.c != nil {
			plan.ID = types.StringValue(r.c.namespace + "/" + plan.Key.ValueString())
		}
		plan.Version = number(1)
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	var prior entryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	changed := !plan.Value.Equal(prior.Value) || !plan.ValueWOVersion.Equal(prior.ValueWOVersion) ||
		!plan.Tags.Equal(prior.Tags) || !plan.TTLSeconds.Equal(prior.TTLSeconds)
	if !changed {
		plan.Version, plan.UpdatedAt, plan.Checksum = prior.Version, prior.UpdatedAt, prior.Checksum
	} else {
		v, _ := prior.Version.ValueBigFloat().Int64()
		plan.Version = number(v + 1)
		if !plan.Value.IsNull() && !plan.Value.IsUnknown() && r.c != nil {
			plan.Checksum = types.StringValue(r.c.store.checksum(plan.Value.ValueString()))
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func inputOf(ctx context.Context, config entryModel) (input, error) {
	in := input{value: config.Value.ValueString()}
	if config.Value.IsNull() {
		in.value = config.ValueWO.ValueString()
	}
	if !config.Tags.IsNull() {
		in.tags = map[string]string{}
		if d := config.Tags.ElementsAs(ctx, &in.tags, false); d.HasError() {
			return in, errors.New("bad tags")
		}
	}
	if !config.TTLSeconds.IsNull() {
		f, _ := config.TTLSeconds.ValueBigFloat().Float64()
		in.ttl = &f
	}
	return in, nil
}

func (r *entryResource) stateOf(e *entry, config entryModel) entryModel {
	s := entryModel{
		Key:            types.StringValue(e.Key),
		Value:          config.Value,
		ValueWO:        types.StringNull(),
		ValueWOVersion: config.ValueWOVersion,
		Tags:           types.MapNull(types.StringType),
		TTLSeconds:     types.NumberNull(),
		ID:             types.StringValue(r.c.namespace + "/" + e.Key),
		Version:        number(e.Version),
		CreatedAt:      types.StringValue(e.CreatedAt),
		UpdatedAt:      types.StringValue(e.UpdatedAt),
		Checksum:       types.StringValue(e.Checksum),
	}
	if len(e.Tags) > 0 {
		s.Tags, _ = types.MapValueFrom(context.Background(), types.StringType, e.Tags)
	}
	if e.TTLSeconds != nil {
		s.TTLSeconds = types.NumberValue(big.NewFloat(*e.TTLSeconds))
	}
	return s
}

func (r *entryResource) write(ctx context.Context, config entryModel, expect int64, diags interface {
	AddError(string, string)
}) *entryModel {
	in, err := inputOf(ctx, config)
	if err == nil {
		var e *entry
		e, err = r.c.store.put(config.Key.ValueString(), in, expect)
		if err == nil {
			s := r.stateOf(e, config)
			return &s
		}
	}
	diags.AddError("Cannot write the entry", err.Error())
	return nil
}

func (r *entryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var config entryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if s := r.write(ctx, config, 0, &resp.Diagnostics); s != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, s)...)
	}
}

func (r *entryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state entryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	e, err := r.c.store.read(state.Key.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the entry", err.Error())
		return
	}
	if e == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	s := r.stateOf(e, state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &s)...)
}

func (r *entryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var config, prior entryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	v, _ := prior.Version.ValueBigFloat().Int64()
	if s := r.write(ctx, config, v, &resp.Diagnostics); s != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, s)...)
	}
}

func (r *entryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var prior entryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	v, _ := prior.Version.ValueBigFloat().Int64()
	if err := r.c.store.delete(prior.Key.ValueString(), v); err != nil {
		resp.Diagnostics.AddError("Cannot delete the entry", err.Error())
	}
}

func (r *entryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	key := strings.TrimPrefix(req.ID, r.c.namespace+"/")
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("key"), key)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), r.c.namespace+"/"+key)...)
}

var (
	_ resource.ResourceWithConfigValidators = (*entryResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*entryResource)(nil)
	_ resource.ResourceWithImportState      = (*entryResource)(nil)
	_ resource.ResourceWithConfigure        = (*entryResource)(nil)
)
