/**
 * The plan's resource monitor: the SDK's `MockMonitor` (what `pulumi.runtime.setMocks` installs)
 * with a lighter answer to `registerResource`, the call every resource makes.
 *
 * The SDK's mock monitor serialises a resource's state (an async walk, a promise per property),
 * builds a protobuf `Struct` of it for the response, keeps that serialised state for every URN
 * (for the `pulumi:pulumi:getResource` invoke), and the SDK turns the `Struct` straight back into
 * JavaScript. This monitor does the same steps without the protobuf round trip:
 *
 * - the request is read exactly as the SDK's monitor reads it (`deserializeProperties` of the
 *   request's `Struct`), and the mocks' `newResource` is called with the same arguments;
 * - the state is serialised with {@link serializePlain} when it is plain data (strings, numbers,
 *   booleans, null, arrays, plain objects and the secrets' wire form: what the mocks return here),
 *   which gives what the SDK's `serializeProperties` gives; anything else (an asset, a resource, an
 *   output, a promise) goes through the SDK's `serializeProperties` itself;
 * - the response's `getObject().toJavaScript()` gives {@link viaStruct} of that state: what a
 *   protobuf `Struct` gives back (keys in sorted order at every level, as `jspb.Map` iterates
 *   them), without building the `Struct`;
 * - the serialised state is kept per URN as the SDK's monitor keeps it, for `getResource`.
 *
 * Everything else (invokes, reads, component outputs, features, packages) is the SDK's own code.
 * `test/plan/plan-monitor.test.ts` proves the plan document is byte for byte the one the SDK's
 * monitor gives.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { mapIfChanged } from "../policies/copy-on-write.js";

const sdkRequire = createRequire(import.meta.url);

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getImportid(): string;
  getObject(): unknown;
}

type Callback = (err: unknown, response?: unknown) => void;

interface SdkMockMonitor {
  readonly mocks: pulumi.runtime.Mocks;
  readonly resources: Map<string, { urn: string; id: string | null; state: unknown }>;
  registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
  invoke(req: unknown, callback: Callback): Promise<void>;
}

const { MockMonitor } = sdkRequire("@pulumi/pulumi/runtime/mocks.js") as { MockMonitor: new (mocks: pulumi.runtime.Mocks) => SdkMockMonitor };
const rpc = sdkRequire("@pulumi/pulumi/runtime/rpc.js") as {
  deserializeProperties(struct: unknown, keepUnknowns?: boolean): Record<string, unknown>;
  serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
};

/** Not plain data: {@link serializePlain} leaves it to the SDK. */
const NOT_PLAIN: unique symbol = Symbol("not plain");

/**
 * What the SDK's `serializeProperty` gives for plain data, synchronously, or {@link NOT_PLAIN}.
 * Plain: primitives, arrays and objects whose prototype is `Object.prototype` (or null) without a
 * `__pulumi…` brand (the SDK recognises outputs, resources and assets by such a property). As in
 * the SDK, an object drops keys whose value is undefined and an array holds null for undefined.
 * What it would not change is returned as it is (the SDK copies; nothing here writes to it).
 */
export function serializePlain(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "object": {
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
        let out: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const v = serializePlain(value[i]);
          if (v === NOT_PLAIN) return NOT_PLAIN;
          const w = v === undefined ? null : v;
          if (w !== value[i] && !out) out = value.slice(0, i);
          out?.push(w);
        }
        return out ?? value;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
      const keys = Object.keys(value);
      let out: Record<string, unknown> | undefined;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (k.startsWith("__pulumi")) return NOT_PLAIN;
        const before = (value as Record<string, unknown>)[k];
        const v = serializePlain(before);
        if (v === NOT_PLAIN) return NOT_PLAIN;
        if ((v !== before || v === undefined) && !out) {
          out = {};
          for (let j = 0; j < i; j++) out[keys[j]!] = (value as Record<string, unknown>)[keys[j]!];
        }
        if (out && v !== undefined) out[k] = v;
      }
      return out ?? value;
    }
    default:
      // Functions (the SDK drops them), symbols, big integers: the SDK decides.
      return NOT_PLAIN;
  }
}

/**
 * What `Struct.fromJavaScript(value).toJavaScript()` gives: every object's keys in sorted order
 * (`jspb.Map` sorts them), arrays element by element; a value a `Struct` cannot hold fails as it
 * does there. Objects and arrays already so are returned as they are (the SDK only reads them and
 * copies what it keeps).
 */
export function viaStruct(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "object": {
      if (Array.isArray(value)) {
        return mapIfChanged(value as unknown[], viaStruct);
      }
      const o = value as Record<string, unknown>;
      const keys: string[] = [];
      // `Struct.fromJavaScript` walks the object with for...in.
      for (const k in o) keys.push(k);
      let same = true;
      for (let i = 1; i < keys.length && same; i++) same = keys[i - 1]! < keys[i]!;
      const values = keys.map((k) => viaStruct(o[k]));
      if (same && values.every((v, i) => v === o[keys[i]!])) return value;
      const order = keys.map((k, i) => [k, values[i]] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const out: Record<string, unknown> = {};
      for (const [k, v] of order) out[k] = v;
      return out;
    }
    default:
      throw new Error("Unexpected struct type.");
  }
}

/** The response `registerResource` gives: what the SDK reads of a `RegisterResourceResponse`. */
class RegisterResponse {
  constructor(
    private readonly urn: string,
    private readonly id: string,
    private readonly state: Record<string, unknown>,
  ) {}
  getUrn(): string {
    return this.urn;
  }
  getId(): string {
    return this.id;
  }
  getObject(): { toJavaScript(): unknown } {
    return { toJavaScript: () => viaStruct(this.state) };
  }
  /** The engine's dependencies of outputs: the mocks report none. */
  getPropertydependenciesMap(): undefined {
    return undefined;
  }
  /** `Result.SUCCESS`: the mocks never leave a value unknown. */
  getResult(): number {
    return 0;
  }
}

/** A resource's URN, as the SDK's mock monitor makes it. */
export function mockUrn(parent: string, type: string, name: string): string {
  if (parent) type = `${parent.split("::")[2]!.split("$").pop()!}$${type}`;
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${type}::${name}`;
}

/** The protobuf `Struct` the SDK builds its requests with (resolved from the SDK, so the same module). */
const { Struct } = createRequire(sdkRequire.resolve("@pulumi/pulumi/runtime/resource.js"))("google-protobuf/google/protobuf/struct_pb") as {
  Struct: (new () => { toJavaScript(): unknown }) & { fromJavaScript(value: unknown): { toJavaScript(): unknown } };
};
const structFromJavaScript = Struct.fromJavaScript;

/**
 * A `Struct` that holds the JavaScript value it was made from instead of protobuf fields: what
 * {@link lightenStructs} has `Struct.fromJavaScript` make while a plan runs. Its `toJavaScript()`
 * gives what the protobuf fields would ({@link viaStruct}); only this monitor reads it.
 */
class HeldStruct extends Struct {
  constructor(readonly held: unknown) {
    super();
  }
  override toJavaScript(): unknown {
    return viaStruct(this.held);
  }
}

/**
 * While a plan runs on {@link PlanMonitor}, the SDK's requests carry their serialised properties
 * as {@link HeldStruct}s: the SDK serialises them exactly as before, but no protobuf message is
 * built from them just to be read back by the monitor in the same process. Returns the undo.
 */
export function lightenStructs(): () => void {
  Struct.fromJavaScript = (value: unknown) => new HeldStruct(value);
  return () => {
    Struct.fromJavaScript = structFromJavaScript;
  };
}

interface InvokeRequest {
  getTok(): string;
  getArgs(): unknown;
}

export class PlanMonitor extends MockMonitor {
  /**
   * `pulumi:pulumi:getResource` (the SDK reads a resource it is given by URN, e.g. a resource
   * reference): the SDK's own answer, built with real `Struct`s (the SDK reads their fields). The
   * SDK's monitor answers it without awaiting anything, so the real `Struct.fromJavaScript` is
   * back only for that call.
   */
  override invoke(req: InvokeRequest, callback: Callback): Promise<void> {
    if (req.getTok() !== "pulumi:pulumi:getResource") return super.invoke(req, callback);
    const held = Struct.fromJavaScript;
    Struct.fromJavaScript = structFromJavaScript;
    try {
      // A component's outputs are kept as the Struct of its registerResourceOutputs request.
      const registered = this.resources.get(String(rpc.deserializeProperties(req.getArgs()).urn));
      if (registered?.state instanceof HeldStruct) registered.state = structFromJavaScript(registered.state.held);
      return super.invoke(req, callback);
    } finally {
      Struct.fromJavaScript = held;
    }
  }

  override async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
    try {
      const type = req.getType();
      const name = req.getName();
      const result = await this.mocks.newResource({
        type,
        name,
        inputs: rpc.deserializeProperties(req.getObject()),
        provider: req.getProvider(),
        custom: req.getCustom(),
        id: req.getImportid(),
      });
      const urn = mockUrn(req.getParent(), type, name);
      const plain = serializePlain(result.state);
      const state = (plain === NOT_PLAIN ? await rpc.serializeProperties("", result.state) : plain) as Record<string, unknown>;
      this.resources.set(urn, { urn, id: result.id ?? null, state });
      callback(null, new RegisterResponse(urn, result.id || "", state));
    } catch (err) {
      callback(err, undefined);
    }
  }
}

/**
 * `pulumi.runtime.setMocks` with the plan's monitor: the SDK's `setMocks` runs (settings, features,
 * its `MockMonitor`), then that monitor becomes a {@link PlanMonitor} (same fields, lighter
 * `registerResource`).
 */
export async function setPlanMocks(mocks: pulumi.runtime.Mocks, project: string, stack: string, preview: boolean): Promise<void> {
  await pulumi.runtime.setMocks(mocks, project, stack, preview);
  const monitor = pulumi.runtime.getMonitor() as unknown as SdkMockMonitor;
  if (!(monitor instanceof MockMonitor)) throw new Error("pulumi.runtime.setMocks installed no MockMonitor");
  Object.setPrototypeOf(monitor, PlanMonitor.prototype);
}
