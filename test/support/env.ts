// The only file of the cross-app tests that reads process.env: the apps' child processes inherit
// it (PATH, NODE_OPTIONS…) with the stack's own variables on top.

/** This process's environment, to pass on to the apps the stack starts. */
export function inheritedEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}
