import { fail, ok, type Result } from "@/lib/errors";
import { checkCommand, checkOutput, timedOut } from "@/lib/labs/check-rules";
import { SHELL_ENV } from "@/lib/labs/container-spec";
import { LAB_UID } from "@/lib/labs/images";
import { checkResultView } from "@/lib/labs/list-checks";
import type { LabUser } from "@/lib/labs/use-case-deps";
import { openWorkspace, type WorkspaceDeps, type WorkspaceFailure } from "@/lib/labs/workspace-lab";
import type { CheckView } from "@/lib/labs/workspace-schema";

/**
 * Runs one of the template's checks in the lab (participants only): its command as the lab user in
 * the interactive service, from /home/lab, killed at its timeout. Exit 0 is ✓, anything else ✗;
 * the result is kept with the lab and its session, and everyone watching the lab sees it.
 */
export async function runCheck(deps: WorkspaceDeps, user: LabUser, labId: string, input: { name: string }): Promise<Result<CheckView, WorkspaceFailure>> {
  const ws = await openWorkspace(deps, user, labId, "write");
  if (!ws.ok) return ws;
  const { lab, template, engine, containerId } = ws.value;
  const check = template.checks?.find((c) => c.name === input.name);
  if (!check) return fail("CHECK_NOT_FOUND", `This lab has no check "${input.name}".`);
  const now = deps.now ?? (() => new Date());
  const started = now();
  const { cmd, engineTimeoutMs } = checkCommand(check.command, check.timeout);
  const r = await engine.exec(containerId, cmd, { user: `${LAB_UID}:${LAB_UID}`, env: SHELL_ENV, workingDir: "/home/lab", timeoutMs: engineTimeoutMs });
  const late = timedOut(r.exitCode);
  const output = late ? checkOutput(r.stdout, `${r.stderr}(stopped after ${check.timeout} s: the check took too long)\n`) : checkOutput(r.stdout, r.stderr);
  const saved = await deps.checkResults.add({
    labId,
    sessionId: lab.sessionId,
    checkName: check.name,
    passed: r.exitCode === 0,
    exitCode: r.exitCode,
    timedOut: late,
    output,
    durationMs: Math.max(0, now().getTime() - started.getTime()),
    ranById: user.id,
  });
  const view: CheckView = {
    name: check.name,
    hint: check.hint,
    last: checkResultView(saved, user.name),
  };
  deps.announceChecked?.({ labId, check: view });
  return ok(view);
}
