interface HookDecision {
  readonly status: string;
  readonly reason: string;
}

/**
 * The greenlight hook logs one JSON line per decision (`{"message":"decision","status":...,"reason":...}`):
 * the reason CodeDeploy itself never learns, since PutLifecycleEventHookExecutionStatus carries only a status.
 */
const findHookDecision = (lines: readonly string[]): HookDecision | undefined => {
  for (const line of [...lines].reverse()) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as { message?: unknown; status?: unknown; reason?: unknown };
      if (parsed.message === 'decision' && typeof parsed.status === 'string' && typeof parsed.reason === 'string') {
        return { status: parsed.status, reason: parsed.reason };
      }
    } catch {
      // A line that merely starts with "{" is a plain log line, not the decision.
    }
  }
  return undefined;
};

export { findHookDecision };
export type { HookDecision };
