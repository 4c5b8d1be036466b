/**
 * The server said no: its RFC 9457 problem. Switch on `problemType` (insufficient-credits, invalid-options…, each
 * explained at /problems/<type> on the server); quote `traceId` to the operator.
 */
export class KonvrtError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly traceId?: string;
  readonly errors: Record<string, string[]>;

  constructor(status: number, problem: { type?: string; title?: string; detail?: string; traceId?: string; errors?: Record<string, string[]> }) {
    const fields = Object.entries(problem.errors ?? {}).map(([field, messages]) => ` ${field}: ${messages.join(" ")}`).join("");
    super(`${status} ${problem.title ?? "Request failed"}${problem.detail ? `: ${problem.detail}` : ""}${fields}`);
    this.name = "KonvrtError";
    this.status = status;
    this.type = problem.type ?? "about:blank";
    this.title = problem.title ?? "Request failed";
    this.detail = problem.detail;
    this.traceId = problem.traceId;
    this.errors = problem.errors ?? {};
  }

  /** The problem type's name: the last segment of its `type` URI. */
  get problemType(): string {
    return this.type.replace(/\/+$/, "").split("/").pop() ?? this.type;
  }

  static async from(response: Response): Promise<KonvrtError> {
    let problem: ConstructorParameters<typeof KonvrtError>[1] = { title: response.statusText };
    try {
      problem = (await response.json()) as typeof problem;
    } catch {
      // Not a problem document (a proxy's page in front of the server): the status still says what happened.
    }
    return new KonvrtError(response.status, problem);
  }
}
