import type { z } from "zod";

export type Access = "public" | "user" | "organizer";
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One API operation: the handler parses with these schemas and the OpenAPI document is generated
 * from them, so the two cannot disagree.
 */
export interface Operation {
  id: string;
  method: Method;
  /** OpenAPI style: /api/v1/labs/{id} */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
  /** Success status; 200 unless set. */
  status?: 200 | 201 | 202 | 204;
  /** Error codes this operation can answer with (documented in OpenAPI). */
  errors?: readonly string[];
  /** Non-JSON success responses (e.g. text/calendar). */
  produces?: string;
}

export function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type BodyOf<O extends Operation> = Out<O["body"]>;
export type QueryOf<O extends Operation> = Out<O["query"]>;
export type ParamsOf<O extends Operation> = Out<O["params"]>;
export type ResponseOf<O extends Operation> = O["response"] extends z.ZodType ? z.input<O["response"]> : unknown;
