import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "@/lib/api/openapi";
import { ALL_OPERATIONS } from "./operations";

describe("OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const doc = buildOpenApi(ALL_OPERATIONS);
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every operation once, with its error statuses", () => {
    const doc = buildOpenApi(ALL_OPERATIONS) as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ALL_OPERATIONS.length);
    const signUp = doc.paths["/api/v1/auth/signup"]!.post!;
    expect(Object.keys(signUp.responses).sort()).toEqual(["201", "400", "409", "422", "429"]);
  });
});
