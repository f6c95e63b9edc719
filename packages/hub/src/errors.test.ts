import {
  attrStep,
  CtyCodecError,
  PyviderError as CtyPyviderError,
  indexStep,
  JsonSyntaxError,
  PathError,
  parseJSONText,
} from "@pyvider/cty";
import { SchemaError as SchemaPackageError } from "@pyvider/schema";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "./diagnostics.js";
import {
  CapabilityError,
  FunctionError,
  PyviderError,
  ResourceError,
  ResourceNotFoundError,
  ResourceOperationError,
  SchemaError,
  SchemaRegistrationError,
  SchemaValidationError,
} from "./errors.js";
import { errorToDiagnostic } from "./to-diagnostic.js";

describe("error hierarchy", () => {
  it("places every error under PyviderError, including @pyvider/schema's SchemaError", () => {
    expect(new CapabilityError("resource kv_x", "kv.s")).toBeInstanceOf(PyviderError);
    expect(new ResourceNotFoundError("gone")).toBeInstanceOf(ResourceError);
    expect(new ResourceOperationError("bad", { operation: "create" })).toBeInstanceOf(ResourceError);
    expect(new FunctionError("f")).toBeInstanceOf(PyviderError);
    const fromSchema = new SchemaPackageError("kv_x", "a", "bad");
    expect(fromSchema).toBeInstanceOf(PyviderError);
    expect(fromSchema).toBeInstanceOf(SchemaError);
    expect(new SchemaValidationError("bad value")).toBeInstanceOf(SchemaPackageError);
    expect(new SchemaRegistrationError("dup")).toBeInstanceOf(PyviderError);
    expect(SchemaError).toBe(SchemaPackageError);
    expect(new Error("x")).not.toBeInstanceOf(PyviderError);
    expect(new ResourceError("x")).not.toBeInstanceOf(ResourceNotFoundError);
  });

  it("has one root, @pyvider/cty's PyviderError, without an instanceof override", () => {
    expect(PyviderError).toBe(CtyPyviderError);
    expect(Object.hasOwn(PyviderError, Symbol.hasInstance)).toBe(false);
    expect(Object.getPrototypeOf(SchemaPackageError)).toBe(PyviderError);
    expect(new SchemaPackageError("kv_x", "a", "bad")).toBeInstanceOf(PyviderError);
    expect(new CtyCodecError("bad byte", [attrStep("a")])).toBeInstanceOf(PyviderError);
    expect(new PathError("no such attribute", [attrStep("a")])).toBeInstanceOf(PyviderError);
    let syntax: unknown;
    try {
      parseJSONText("{");
    } catch (e) {
      syntax = e;
    }
    expect(syntax).toBeInstanceOf(JsonSyntaxError);
    expect(syntax).toBeInstanceOf(PyviderError);
  });

  it("reports cty's own errors like any unhandled error: their paths are inside a value", () => {
    expect(errorToDiagnostic(new CtyCodecError("bad byte", [attrStep("a")]), "resource x read")).toEqual({
      severity: "error",
      summary: "a: bad byte",
      detail: "Unhandled CtyCodecError in resource x read.",
    });
  });

  it("converts to diagnostics with summary, detail and attribute path", () => {
    expect(
      new ResourceOperationError("Create failed", {
        detail: "HTTP 500",
        path: ["tags", "env"],
      }).toDiagnostic(),
    ).toEqual({
      severity: "error",
      summary: "Create failed",
      detail: "HTTP 500",
      path: [attrStep("tags"), attrStep("env")],
    });
    expect(
      errorToDiagnostic(new SchemaValidationError("must be positive", { path: ["items", 2, "size"] })),
    ).toEqual({
      severity: "error",
      summary: "must be positive",
      path: [attrStep("items"), indexStep(2), attrStep("size")],
    });
    expect(errorToDiagnostic(new SchemaRegistrationError("duplicate resource", { detail: "twice" }))).toEqual(
      {
        severity: "error",
        summary: "Invalid provider definition",
        detail: "duplicate resource\n\ntwice",
      },
    );
    expect(errorToDiagnostic(new SchemaPackageError("kv_x", "a.b", "bad flag"))).toEqual({
      severity: "error",
      summary: "Invalid provider schema",
      detail: 'schema "kv_x", attribute "a.b": bad flag',
    });
    const cap = new CapabilityError('resource "kv_x"', "kv.s");
    expect(errorToDiagnostic(cap).summary).toBe(
      'resource "kv_x" requires capability "kv.s", which the provider does not declare',
    );
    expect(new FunctionError("bad arg", { argument: 2 }).argument).toBe(2);
  });

  it("converts anything thrown without throwing itself", () => {
    expect(errorToDiagnostic(new Error("plain"), "resource x read")).toEqual({
      severity: "error",
      summary: "plain",
      detail: "Unhandled Error in resource x read.",
    });
    // Non-Error values: a generic summary naming the type; their content never shows.
    expect(errorToDiagnostic(42).summary).toBe("Provider code threw a non-Error value (number)");
    const secret = { code: 7, token: "s3cr3t-token" };
    const d = errorToDiagnostic(secret, "resource x create");
    expect(d.summary).toBe("Provider code threw a non-Error value (object)");
    expect(d.detail).toContain("in resource x create");
    expect(JSON.stringify(d)).not.toContain("s3cr3t");
    expect(errorToDiagnostic("password=hunter2").summary).toBe(
      "Provider code threw a non-Error value (string)",
    );
    expect(errorToDiagnostic(["x"]).summary).toBe("Provider code threw a non-Error value (array)");
    expect(errorToDiagnostic(null).summary).toBe("Provider code threw a non-Error value (null)");
    expect(errorToDiagnostic(undefined).summary).toBe("Provider code threw a non-Error value (undefined)");
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(errorToDiagnostic(circular).summary).toBe("Provider code threw a non-Error value (object)");
    expect(errorToDiagnostic(new DOMException("x", "AbortError")).summary).toBe("Operation cancelled");
    expect(errorToDiagnostic(new Error("")).summary).toBe("Error");
  });
});

describe("Diagnostics", () => {
  it("collects errors and warnings in order, with paths", () => {
    const d = new Diagnostics();
    expect(d.hasErrors).toBe(false);
    d.addWarning("careful", undefined, "name");
    d.addError("broken", "detail");
    expect(d.size).toBe(2);
    expect(d.hasErrors).toBe(true);
    expect(d.toArray()).toEqual([
      { severity: "warning", summary: "careful", path: [attrStep("name")] },
      { severity: "error", summary: "broken", detail: "detail" },
    ]);
    expect(d.errors.length).toBe(1);
    expect(d.warnings.length).toBe(1);
    expect([...d].length).toBe(2);
  });
});
